import { Schema, type Connection, type Model } from 'mongoose';

/** One recorded event in its producer's `outbox` collection, the source of truth for consumers. */
export interface OutboxDoc {
  _id: string;
  type: string;
  tenantId: string;
  occurredAt: Date;
  version: number;
  payload: Record<string, unknown>;
  /** When it was written here: the feed's order and cursor. */
  recordedAt: Date;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    tenantId: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    version: { type: Number, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'outbox', versionKey: false, minimize: false },
);
outboxSchema.index({ recordedAt: 1, _id: 1 });

export const outboxModel = (connection: Connection): Model<OutboxDoc> =>
  (connection.models.Outbox as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>('Outbox', outboxSchema);
