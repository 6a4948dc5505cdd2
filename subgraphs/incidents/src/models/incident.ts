import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { DerivedIncidentFields } from './derivedFields';
import type { IncidentRecord } from './incidentRecord';

export type ChangeSource = 'ANALYST' | 'SYNC' | 'WEBHOOK' | 'AI' | 'SYSTEM';

export interface TimelineEntry {
  at: Date;
  actor: string;
  source: ChangeSource;
  field: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

/**
 * A change on its way to Sentinel. Embedded in the incident it concerns, so the change and its
 * outbox record are written in one single-document update (no transactions needed).
 */
export interface WriteBackRecord {
  _id: Types.ObjectId;
  kind: 'INCIDENT_UPDATE' | 'COMMENT';
  /** For INCIDENT_UPDATE: the Sentinel property values to set; for COMMENT: {commentId, message}. */
  payload: Record<string, unknown>;
  status: 'PENDING' | 'DELIVERED' | 'CONFLICT' | 'FAILED' | 'SKIPPED';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  actor: string;
}

export interface IncidentDoc extends IncidentRecord, DerivedIncidentFields {
  _id: Types.ObjectId;
  tenantId: string;
  /** Where the incident came from. */
  source: 'SENTINEL' | 'WEBHOOK' | 'DEMO';
  updatedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  timeline: TimelineEntry[];
  writeBacks: WriteBackRecord[];
  /** True while a write-back is pending: the outbox worker finds work through an index on it. */
  hasPendingWriteBack: boolean;
  /** Revision, incremented by every write: updates are conditional on it (no lost updates). */
  rev: number;
}

const alertSchema = new Schema(
  {
    alertId: String,
    displayName: String,
    description: String,
    severity: String,
    status: String,
    productName: String,
    providerAlertId: String,
    tactics: [String],
    techniques: [String],
    startTimeUtc: Date,
    endTimeUtc: Date,
    timeGenerated: Date,
  },
  { _id: false },
);
const ownerSchema = new Schema({ objectId: String, email: String, userPrincipalName: String, assignedTo: String }, { _id: false });
const entitySchema = new Schema({ entityId: String, kind: String, friendlyName: String, properties: Schema.Types.Mixed }, { _id: false });
const commentSchema = new Schema({ commentId: String, message: String, authorName: String, authorEmail: String, createdAt: Date }, { _id: false });

const timelineSchema = new Schema<TimelineEntry>(
  { at: Date, actor: String, source: String, field: String, from: String, to: String, note: String },
  { _id: false },
);
const writeBackSchema = new Schema<WriteBackRecord>({
  kind: String,
  payload: Schema.Types.Mixed,
  status: String,
  attempts: Number,
  lastError: String,
  nextAttemptAt: Date,
  createdAt: Date,
  deliveredAt: Date,
  actor: String,
});

const incidentSchema = new Schema<IncidentDoc>(
  {
    tenantId: { type: String, required: true },
    sentinelId: { type: String, required: true },
    sentinelResourceId: { type: String, required: true },
    etag: { type: String, default: null },
    number: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: null },
    severity: { type: String, required: true },
    severityRank: { type: Number, required: true },
    status: { type: String, required: true },
    classification: { type: String, default: null },
    classificationReason: { type: String, default: null },
    classificationComment: { type: String, default: null },
    owner: { type: ownerSchema, default: null },
    labels: { type: [String], default: [] },
    tactics: { type: [String], default: [] },
    techniques: { type: [String], default: [] },
    providerName: { type: String, required: true },
    providerIncidentId: { type: String, default: null },
    incidentUrl: { type: String, default: null },
    alertProductNames: { type: [String], default: [] },
    firstActivityAt: { type: Date, default: null },
    lastActivityAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    lastModifiedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    source: { type: String, required: true },
    createdDay: { type: String, required: true },
    searchTokens: { type: [String], default: [] },
    entityKeys: { type: [String], default: [] },
    ownerKey: { type: String, default: '' },
    acknowledgedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    timeline: { type: [timelineSchema], default: [] },
    writeBacks: { type: [writeBackSchema], default: [] },
    hasPendingWriteBack: { type: Boolean, default: false },
    rev: { type: Number, default: 0 },
    alerts: { type: [alertSchema], default: [] },
    entities: { type: [entitySchema], default: [] },
    comments: { type: [commentSchema], default: [] },
  },
  { collection: 'incidents', versionKey: false },
);
// Every list query starts with the tenant; each sort of the list has its own index.
incidentSchema.index({ tenantId: 1, sentinelId: 1 }, { unique: true });
incidentSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
incidentSchema.index({ tenantId: 1, updatedAt: -1, _id: -1 });
incidentSchema.index({ tenantId: 1, severityRank: -1, _id: -1 });
incidentSchema.index({ tenantId: 1, number: -1, _id: -1 });
incidentSchema.index({ tenantId: 1, status: 1, createdAt: -1 });
// The analyst's usual filter (status and severity in a time range): bounds both its page and its count.
incidentSchema.index({ tenantId: 1, status: 1, severityRank: 1, createdAt: -1, _id: -1 });
incidentSchema.index({ tenantId: 1, createdDay: 1 });
incidentSchema.index({ tenantId: 1, searchTokens: 1 });
incidentSchema.index({ tenantId: 1, entityKeys: 1 });
incidentSchema.index({ tenantId: 1, ownerKey: 1, createdAt: -1 });
incidentSchema.index({ tenantId: 1, tactics: 1, createdAt: -1 });
incidentSchema.index({ tenantId: 1, techniques: 1, createdAt: -1 });
incidentSchema.index({ tenantId: 1, labels: 1, createdAt: -1 });
incidentSchema.index({ tenantId: 1, classification: 1, createdAt: -1 });
incidentSchema.index({ hasPendingWriteBack: 1 });

export const incidentModel = (connection: Connection): Model<IncidentDoc> => connection.model<IncidentDoc>('Incident', incidentSchema);
