import type { AgentStageDoc, AnalysisDoc } from '../models';

export type AnalysisEventType =
  | 'SNAPSHOT'
  | 'STAGE_STARTED'
  | 'STAGE_COMPLETED'
  | 'STAGE_FAILED'
  | 'STAGE_SKIPPED'
  | 'ANALYSIS_COMPLETED'
  | 'ANALYSIS_FAILED';

/** What subscribers receive: the event and the analysis as it is right after it. */
export interface AnalysisEventMessage {
  seq: number;
  type: AnalysisEventType;
  stage: AgentStageDoc | null;
  analysis: AnalysisDoc;
  occurredAt: Date;
}

export const analysisChannel = (analysisId: string) => `analysis:${analysisId}`;
export const activityChannel = (tenantId: string) => `analysis-activity:${tenantId}`;
export const chatChannel = (messageId: string) => `chat:${messageId}`;

export const FINAL_EVENT_TYPES: ReadonlySet<AnalysisEventType> = new Set(['ANALYSIS_COMPLETED', 'ANALYSIS_FAILED']);
