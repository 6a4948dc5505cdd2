import type { AgentStageDoc, AnalysisDoc, ChatMessageDoc, ChatSessionDoc } from '../models';
import type { AnalysisContext } from './context';

// Documents arrive either from MongoDB or, in subscription events, as JSON: ids via String().
export const Analysis = {
  __resolveReference: (ref: { id: string }, context: AnalysisContext) => context.loaders.analysisById.load(ref.id),
  id: (analysis: AnalysisDoc) => String(analysis._id),
  incident: (analysis: AnalysisDoc) => ({ id: analysis.incidentId }),
  rootCause: (analysis: AnalysisDoc) => analysis.results?.RCA_ANALYST ?? null,
  threatAnalysis: (analysis: AnalysisDoc) => analysis.results?.THREAT_ANALYZER ?? null,
  emailVerdict: (analysis: AnalysisDoc) => analysis.results?.EMAIL_VERIFIER ?? null,
  severityAssessment: (analysis: AnalysisDoc) => analysis.results?.SEVERITY_ASSESSOR ?? null,
  totalTokens: (analysis: AnalysisDoc) => analysis.stages.reduce((sum, stage) => sum + (stage.inputTokens ?? 0) + (stage.outputTokens ?? 0), 0),
  totalCostUsd: (analysis: AnalysisDoc) => analysis.stages.reduce((sum, stage) => sum + (stage.costUsd ?? 0), 0),
};

export const AgentStage = {
  inputTokens: (stage: AgentStageDoc) => stage.inputTokens ?? 0,
  outputTokens: (stage: AgentStageDoc) => stage.outputTokens ?? 0,
  costUsd: (stage: AgentStageDoc) => stage.costUsd ?? 0,
  attempts: (stage: AgentStageDoc) => stage.attempts ?? 0,
  cached: (stage: AgentStageDoc) => stage.cached ?? false,
  fallbacks: (stage: AgentStageDoc) => stage.fallbacks ?? [],
};

export const ChatSession = {
  __resolveReference: (ref: { id: string }, context: AnalysisContext) => context.loaders.chatSessionById.load(ref.id),
  id: (session: ChatSessionDoc) => String(session._id),
  incident: (session: ChatSessionDoc) => ({ id: session.incidentId }),
};

export const ChatMessage = {
  id: (message: ChatMessageDoc) => String(message._id),
};

export const Incident = {
  // The incident reference itself is checked by the incidents subgraph; here the analyses are
  // tenant-scoped by the loader, so a foreign incident id yields an empty list.
  analyses: (incident: { id: string }, _args: unknown, context: AnalysisContext) => context.loaders.analysesByIncident.load(incident.id),
  latestAnalysis: async (incident: { id: string }, _args: unknown, context: AnalysisContext) => (await context.loaders.analysesByIncident.load(incident.id))[0] ?? null,
  chatSessions: (incident: { id: string }, _args: unknown, context: AnalysisContext) => context.loaders.chatSessionsByIncident.load(incident.id),
};
