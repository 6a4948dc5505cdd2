import { PIPELINE_AGENTS, type PipelineAgent } from '../../agents';

/**
 * The run as a DAG (DESIGN.md): root cause, threat and email analysis in parallel; severity after
 * them; the verdict last. Stage order in an analysis document is PIPELINE_AGENTS order.
 */
export const STAGE_DEPENDENCIES: Record<PipelineAgent, PipelineAgent[]> = {
  RCA_ANALYST: [],
  THREAT_ANALYZER: [],
  EMAIL_VERIFIER: [],
  SEVERITY_ASSESSOR: ['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER'],
  VERDICT_GENERATOR: ['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER', 'SEVERITY_ASSESSOR'],
};

export const stageIndex = (agent: PipelineAgent): number => PIPELINE_AGENTS.indexOf(agent);
