import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A mail the embedded `outbox` transport "sent": stored here instead of leaving the machine, and
 * readable through the API (`mailOutbox`), so the product works without any mail account. Keyed by
 * the notification, so a resend after a crash overwrites rather than duplicates.
 */
export interface OutboxMailDoc {
  /** The notification's id. */
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  storedAt: Date;
}

const outboxMailSchema = new Schema<OutboxMailDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    storedAt: { type: Date, required: true },
  },
  { collection: 'mail_outbox', versionKey: false },
);
outboxMailSchema.index({ tenantId: 1, storedAt: -1, _id: -1 });

export const outboxMailModel = (connection: Connection): Model<OutboxMailDoc> =>
  (connection.models.OutboxMail as Model<OutboxMailDoc> | undefined) ?? connection.model<OutboxMailDoc>('OutboxMail', outboxMailSchema);
