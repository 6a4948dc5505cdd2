import { Schema, type Connection, type Model } from 'mongoose';

export interface AuditRecord {
  service: string;
  tenantId: string | null;
  actor: { kind: string; id: string; email: string | null };
  operationName: string | null;
  /** Root mutation fields the operation ran. */
  fields: string[];
  outcome: 'SUCCESS' | 'ERROR';
  errorCodes: string[];
  requestId: string;
  at: Date;
}

const auditSchema = new Schema<AuditRecord>(
  {
    service: { type: String, required: true },
    tenantId: { type: String, default: null },
    actor: { kind: String, id: String, email: { type: String, default: null } },
    operationName: { type: String, default: null },
    fields: { type: [String], default: [] },
    outcome: { type: String, enum: ['SUCCESS', 'ERROR'], required: true },
    errorCodes: { type: [String], default: [] },
    requestId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'audit_records', versionKey: false },
);
auditSchema.index({ tenantId: 1, at: -1 });

export function auditModel(connection: Connection): Model<AuditRecord> {
  return (connection.models.AuditRecord as Model<AuditRecord> | undefined) ?? connection.model<AuditRecord>('AuditRecord', auditSchema);
}
