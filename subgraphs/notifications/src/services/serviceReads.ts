import { z } from 'zod';
import { ServiceCallError, type ServiceCaller } from '@soc/server-kit';

/**
 * Reads of other services' data through their token-protected `/service` APIs (never their
 * databases). Parsed leniently: fields this service does not use may change freely, and a field
 * that is missing renders as absent rather than failing the mail.
 */
const text = z.string().nullish().transform((v) => v ?? '');
const texts = z.array(z.string()).nullish().transform((v) => v ?? []);

export const serviceIncident = z.object({
  id: z.string(),
  number: z.number().int().nullish(),
  title: text,
  description: z.string().nullish(),
  severity: z.string().nullish(),
  status: z.string().nullish(),
  classification: z.string().nullish(),
  owner: z.object({ email: z.string().nullish(), assignedTo: z.string().nullish(), userPrincipalName: z.string().nullish() }).nullish(),
});
export type ServiceIncident = z.infer<typeof serviceIncident>;

export const serviceAnalysis = z.object({
  id: z.string(),
  incidentId: z.string(),
  status: z.string(),
  verdict: z
    .object({ classification: z.string(), confidence: z.number(), summary: text, evidence: texts, recommendedActions: texts })
    .nullish(),
  rootCause: z
    .object({
      summary: text,
      rootCause: text,
      attackChain: z.array(z.object({ step: text, description: text })).nullish().transform((v) => v ?? []),
      affectedAssets: texts,
    })
    .nullish(),
  threatAnalysis: z
    .object({
      summary: text,
      tactics: z.array(z.object({ id: text, name: text })).nullish().transform((v) => v ?? []),
      techniques: z.array(z.object({ id: text, name: text, tactic: z.string().nullish().transform((v) => v ?? null) })).nullish().transform((v) => v ?? []),
      iocs: z.array(z.object({ type: text, value: text, context: z.string().nullish().transform((v) => v ?? null) })).nullish().transform((v) => v ?? []),
    })
    .nullish(),
  emailVerdict: z.object({ verdict: z.string(), confidence: z.number(), summary: text }).nullish(),
  severityAssessment: z.object({ severity: z.string(), score: z.number(), rationale: text }).nullish(),
});
export type ServiceAnalysis = z.infer<typeof serviceAnalysis>;

export class ServiceReads {
  constructor(private readonly callService: ServiceCaller) {}

  /** The incident, or null when the incidents service does not know it in this tenant. */
  async incident(tenantId: string, incidentId: string): Promise<ServiceIncident | null> {
    const body = await this.get('incidents', `/incidents/${encodeURIComponent(incidentId)}?tenantId=${encodeURIComponent(tenantId)}`);
    return body === null ? null : serviceIncident.parse(body);
  }

  /** The analysis with its report, or null when the analysis service does not know it in this tenant. */
  async analysis(tenantId: string, analysisId: string): Promise<ServiceAnalysis | null> {
    const body = await this.get('analysis', `/analyses/${encodeURIComponent(analysisId)}?tenantId=${encodeURIComponent(tenantId)}`);
    return body === null ? null : serviceAnalysis.parse(body);
  }

  private async get(service: 'incidents' | 'analysis', path: string): Promise<unknown> {
    try {
      return await this.callService<unknown>(service, path);
    } catch (error) {
      if (error instanceof ServiceCallError && error.status === 404) return null;
      throw error;
    }
  }
}
