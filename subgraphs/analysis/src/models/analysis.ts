import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { AgentOutputs, PipelineAgent, VerdictOutput } from '../agents';

export type StageStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';
export type AnalysisStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface AgentStageDoc {
  agent: PipelineAgent;
  status: StageStatus;
  provider: string | null;
  model: string | null;
  promptVersion: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  attempts: number;
  cached: boolean;
  /** Providers that failed before the one that answered: "provider: reason". */
  fallbacks: string[];
  error: string | null;
}

export type VerdictDoc = VerdictOutput;

/** Each completed stage's structured output, validated before it was stored. */
export type AnalysisResults = Partial<AgentOutputs>;

export interface AnalysisDoc {
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  /** The incident as it was when the run was requested, for the outcome event's readers. */
  incidentSummary: { number: number; title: string; severity: string } | null;
  status: AnalysisStatus;
  stages: AgentStageDoc[];
  results: AnalysisResults;
  verdict: VerdictDoc | null;
  /** Position of the last event of this run; every event increments it in the same update. */
  seq: number;
  requestedBy: string | null;
  rawEmail: string | null;
  bypassCache: boolean;
  error: string | null;
  /** The worker running it holds the lease and renews it; an expired lease means the worker died. */
  leaseUntil: Date | null;
  /** Fencing token: incremented by every claim; a worker's writes count only while it still holds the latest claim. */
  claim: number;
  /** Set with the final status until its event is in the outbox (recovered on start). */
  eventPending: boolean;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

const stageSchema = new Schema<AgentStageDoc>(
  {
    agent: { type: String, required: true },
    status: { type: String, required: true },
    provider: { type: String, default: null },
    model: { type: String, default: null },
    promptVersion: { type: String, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    durationMs: { type: Number, default: null },
    inputTokens: { type: Number, default: 0 },
    outputTokens: { type: Number, default: 0 },
    costUsd: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    cached: { type: Boolean, default: false },
    fallbacks: { type: [String], default: [] },
    error: { type: String, default: null },
  },
  { _id: false },
);

const analysisSchema = new Schema<AnalysisDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    incidentSummary: { type: Schema.Types.Mixed, default: null },
    status: { type: String, required: true },
    stages: { type: [stageSchema], default: [] },
    // Outputs are validated by the agents' zod schemas before they are stored.
    results: { type: Schema.Types.Mixed, default: {} },
    verdict: { type: Schema.Types.Mixed, default: null },
    seq: { type: Number, default: 0 },
    requestedBy: { type: String, default: null },
    rawEmail: { type: String, default: null },
    bypassCache: { type: Boolean, default: false },
    error: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    claim: { type: Number, default: 0 },
    eventPending: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    startedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
  },
  { collection: 'analyses', versionKey: false, minimize: false },
);
analysisSchema.index({ tenantId: 1, incidentId: 1, createdAt: -1 });
analysisSchema.index({ status: 1, leaseUntil: 1 });

export const analysisModel = (connection: Connection): Model<AnalysisDoc> => connection.model<AnalysisDoc>('Analysis', analysisSchema);
