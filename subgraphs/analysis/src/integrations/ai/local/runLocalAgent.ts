import { agentOutputSchemas, type AgentOutputs, type EmailVerdictOutput, type PipelineAgent, type PipelinePromptData } from '../../../agents';
import { decideVerdict } from './decideVerdict';
import { gatherFacts } from './incidentFacts';
import { rootCause } from './rootCause';
import { scoreSeverity } from './scoreSeverity';
import { threatAnalysis } from './threatAnalysis';

/** Model name the local analyst reports in stage records and token accounting (it uses no tokens). */
export const LOCAL_MODEL = 'soc-local-analyst-v1';

function emailVerdict(data: PipelinePromptData): EmailVerdictOutput {
  const facts = gatherFacts(data);
  if (!facts.emailAssessment) {
    return { verdict: 'UNKNOWN', confidence: 0.2, summary: 'The incident has no mail evidence (no MailMessage or SubmissionMail entity and no raw message), so there is nothing to verify.', signals: [] };
  }
  const { score: _score, ...output } = facts.emailAssessment;
  return output;
}

/**
 * Runs one pipeline agent offline. Synchronous and deterministic: the same prompt data always gives
 * the same output. Earlier stages' results in `data.prior` are used where present (they may come from
 * another provider); anything missing is recomputed locally. The result is parsed with the agent's
 * zod schema before it is returned, so a bug here fails loudly instead of storing a bad stage.
 */
export function runLocalAgent<A extends PipelineAgent>(agent: A, data: PipelinePromptData): AgentOutputs[A] {
  const prior = data.prior ?? {};
  let output: AgentOutputs[PipelineAgent];
  switch (agent) {
    case 'RCA_ANALYST':
      output = rootCause(gatherFacts(data));
      break;
    case 'THREAT_ANALYZER':
      output = threatAnalysis(gatherFacts(data));
      break;
    case 'EMAIL_VERIFIER':
      output = emailVerdict(data);
      break;
    case 'SEVERITY_ASSESSOR': {
      const { severity, score, rationale, factors } = scoreSeverity(gatherFacts(data), prior);
      output = { severity, score, rationale, factors };
      break;
    }
    case 'VERDICT_GENERATOR': {
      const { classification, confidence, summary, evidence, recommendedActions } = decideVerdict(gatherFacts(data), prior);
      output = { classification, confidence, summary, evidence, recommendedActions };
      break;
    }
    default:
      throw new Error(`The local analyst has no agent ${String(agent)}`);
  }
  return agentOutputSchemas[agent].parse(output) as AgentOutputs[A];
}
