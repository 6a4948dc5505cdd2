import { z } from 'zod';

/**
 * The structured result each agent must return. Provider output is parsed with these schemas;
 * the `local` analyst produces the same shapes. Text fields are model-generated: untrusted.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const evidence = z.array(text(500)).max(30);

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export const CLASSIFICATIONS = ['TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED'] as const;
export const IOC_TYPES = ['IPV4', 'IPV6', 'DOMAIN', 'URL', 'EMAIL', 'MD5', 'SHA1', 'SHA256', 'FILE_PATH', 'REGISTRY_KEY', 'ACCOUNT'] as const;
export const EMAIL_VERDICTS = ['PHISHING', 'SUSPICIOUS', 'LEGITIMATE', 'UNKNOWN'] as const;

export const rootCauseOutput = z.object({
  summary: text(2000),
  rootCause: text(2000),
  attackChain: z.array(z.object({ step: text(200), description: text(1000) })).max(20),
  affectedAssets: z.array(text(300)).max(50),
  evidence,
});

export const iocOutput = z.object({ type: z.enum(IOC_TYPES), value: text(2048), context: z.string().max(500).optional() });

export const threatAnalysisOutput = z.object({
  summary: text(2000),
  tactics: z.array(z.object({ id: z.string().regex(/^TA\d{4}$/), name: text(100) })).max(14),
  techniques: z.array(z.object({ id: z.string().regex(/^T\d{4}(\.\d{3})?$/), name: text(200), tactic: z.string().max(100).optional(), evidence: z.string().max(500).optional() })).max(50),
  iocs: z.array(iocOutput).max(200),
  evidence,
});

export const emailVerdictOutput = z.object({
  verdict: z.enum(EMAIL_VERDICTS),
  confidence: z.number().min(0).max(1),
  summary: text(2000),
  signals: z.array(z.object({ name: text(100), weight: z.number().min(-1).max(1), detail: text(500) })).max(40),
});

export const severityAssessmentOutput = z.object({
  severity: z.enum(SEVERITIES),
  score: z.number().min(0).max(100),
  rationale: text(2000),
  factors: z.array(z.object({ name: text(100), weight: z.number().min(-100).max(100), detail: text(500) })).max(30),
});

export const verdictOutput = z.object({
  classification: z.enum(CLASSIFICATIONS),
  confidence: z.number().min(0).max(1),
  summary: text(2000),
  evidence: z.array(text(500)).min(1).max(30),
  recommendedActions: z.array(text(500)).max(20),
});

export const agentOutputSchemas = {
  RCA_ANALYST: rootCauseOutput,
  THREAT_ANALYZER: threatAnalysisOutput,
  EMAIL_VERIFIER: emailVerdictOutput,
  SEVERITY_ASSESSOR: severityAssessmentOutput,
  VERDICT_GENERATOR: verdictOutput,
} as const;

export type RootCauseOutput = z.infer<typeof rootCauseOutput>;
export type ThreatAnalysisOutput = z.infer<typeof threatAnalysisOutput>;
export type EmailVerdictOutput = z.infer<typeof emailVerdictOutput>;
export type SeverityAssessmentOutput = z.infer<typeof severityAssessmentOutput>;
export type VerdictOutput = z.infer<typeof verdictOutput>;
export type Ioc = z.infer<typeof iocOutput>;

export interface AgentOutputs {
  RCA_ANALYST: RootCauseOutput;
  THREAT_ANALYZER: ThreatAnalysisOutput;
  EMAIL_VERIFIER: EmailVerdictOutput;
  SEVERITY_ASSESSOR: SeverityAssessmentOutput;
  VERDICT_GENERATOR: VerdictOutput;
}
