import type { Connection } from 'mongoose';
import { analysisModel } from './analysis';

export function analysisModels(connection: Connection) {
  return { Analysis: analysisModel(connection) };
}

export type AnalysisModels = ReturnType<typeof analysisModels>;
export type { AnalysisDoc, AgentStageDoc, VerdictDoc } from './analysis';
