import type { Connection } from 'mongoose';
import { analysisModel } from './analysis';
import { analysisClaimModel } from './analysisClaim';
import { chatSessionModel } from './chatSession';

export function analysisModels(connection: Connection) {
  return { Analysis: analysisModel(connection), AnalysisClaim: analysisClaimModel(connection), ChatSession: chatSessionModel(connection) };
}

export type AnalysisModels = ReturnType<typeof analysisModels>;
export type { AnalysisDoc, AgentStageDoc, VerdictDoc, StageStatus, AnalysisStatus, AnalysisResults } from './analysis';
export type { ChatSessionDoc, ChatMessageDoc } from './chatSession';
