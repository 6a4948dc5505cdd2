import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const AGENTS = ['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER', 'SEVERITY_ASSESSOR', 'VERDICT_GENERATOR'] as const;

export interface AgentStageDoc {
  agent: string;
  status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';
  provider: string | null;
  model: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

export interface VerdictDoc {
  classification: 'TRUE_POSITIVE' | 'BENIGN_POSITIVE' | 'FALSE_POSITIVE' | 'UNDETERMINED';
  confidence: number;
  summary: string;
  evidence: string[];
  recommendedActions: string[];
}

export interface AnalysisDoc {
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  stages: AgentStageDoc[];
  verdict: VerdictDoc | null;
  createdAt: Date;
  completedAt: Date | null;
}

const stageSchema = new Schema<AgentStageDoc>(
  {
    agent: { type: String, required: true },
    status: { type: String, required: true },
    provider: { type: String, default: null },
    model: { type: String, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    error: { type: String, default: null },
  },
  { _id: false },
);

const analysisSchema = new Schema<AnalysisDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    status: { type: String, required: true },
    stages: { type: [stageSchema], default: [] },
    verdict: {
      type: new Schema<VerdictDoc>(
        { classification: String, confidence: Number, summary: String, evidence: [String], recommendedActions: [String] },
        { _id: false },
      ),
      default: null,
    },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
  },
  { collection: 'analyses', versionKey: false },
);
analysisSchema.index({ tenantId: 1, incidentId: 1, createdAt: -1 });

export const analysisModel = (connection: Connection): Model<AnalysisDoc> => connection.model<AnalysisDoc>('Analysis', analysisSchema);
