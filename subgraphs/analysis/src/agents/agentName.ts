/** Agents of the analysis pipeline; the GraphQL enum `AgentName` has the same values. */
export const PIPELINE_AGENTS = ['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER', 'SEVERITY_ASSESSOR', 'VERDICT_GENERATOR'] as const;
export type PipelineAgent = (typeof PIPELINE_AGENTS)[number];
export type AgentName = PipelineAgent | 'CHAT_ASSISTANT';
