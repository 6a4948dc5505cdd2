import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A tenant's Sentinel workspace connection. The secret is kept as a reference (env:NAME) only. */
export interface SentinelWorkspaceDoc {
  _id: string; // tenant id
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  entraTenantId: string;
  clientId: string;
  clientSecretRef: string;
  armEndpoint: string;
  authorityHost: string;
  syncIntervalSeconds: number;
  updatedAt: Date;
  updatedBy: string;
}

/** Sync progress per tenant: the watermark makes every run incremental and every restart resumable. */
export interface SentinelSyncDoc {
  _id: string; // tenant id
  status: 'IDLE' | 'RUNNING' | 'FAILED';
  /** Incidents modified in Sentinel up to this time are in the database. */
  watermark: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A run holds the lease until this time; a crashed run's lease expires and the next run takes over. */
  leaseUntil: Date | null;
  processed: number;
  lastError: string | null;
  /** When the last comment sweep of the tenant started (scheduled sweeps are claimed through it). */
  commentSweepAt?: Date | null;
  /** The last open incident the comment sweep read; the next sweep continues after it (null: from the first). */
  commentSweepCursor?: Types.ObjectId | null;
}

const workspaceSchema = new Schema<SentinelWorkspaceDoc>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, required: true },
    resourceGroup: { type: String, required: true },
    workspaceName: { type: String, required: true },
    entraTenantId: { type: String, required: true },
    clientId: { type: String, required: true },
    clientSecretRef: { type: String, required: true },
    armEndpoint: { type: String, required: true },
    authorityHost: { type: String, required: true },
    syncIntervalSeconds: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'sentinel_workspaces', versionKey: false },
);

const syncSchema = new Schema<SentinelSyncDoc>(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true },
    watermark: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    leaseUntil: { type: Date, default: null },
    processed: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    commentSweepAt: { type: Date, default: null },
    commentSweepCursor: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'sentinel_sync', versionKey: false },
);

export const sentinelWorkspaceModel = (connection: Connection): Model<SentinelWorkspaceDoc> =>
  connection.model<SentinelWorkspaceDoc>('SentinelWorkspace', workspaceSchema);
export const sentinelSyncModel = (connection: Connection): Model<SentinelSyncDoc> => connection.model<SentinelSyncDoc>('SentinelSync', syncSchema);
