import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { IncidentRecord, Severity } from './incidentRecord';

/** Numeric severity, so the list can sort by severity with an index. */
export const SEVERITY_RANK: Record<Severity, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

export interface IncidentDoc extends IncidentRecord {
  _id: Types.ObjectId;
  tenantId: string;
  severityRank: number;
  /** Where the current state came from. */
  source: 'SENTINEL' | 'WEBHOOK' | 'DEMO';
  updatedAt: Date;
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

export const incidentModel = (connection: Connection): Model<IncidentDoc> => connection.model<IncidentDoc>('Incident', incidentSchema);
