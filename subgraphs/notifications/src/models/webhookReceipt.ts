import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A signed SendGrid Event Webhook post already applied, by a hash of its timestamp and body: the
 * same post again is a replay. Only posts inside the accepted timestamp window can be replayed at
 * all, so older receipts are deleted (a scheduled delete, no TTL index: see DESIGN.md, Data).
 */
export interface WebhookReceiptDoc {
  _id: string;
  tenantId: string;
  receivedAt: Date;
  events: number;
}

const webhookReceiptSchema = new Schema<WebhookReceiptDoc>(
  { _id: { type: String, required: true }, tenantId: String, receivedAt: Date, events: Number },
  { collection: 'sendgrid_webhook_receipts', versionKey: false },
);
webhookReceiptSchema.index({ receivedAt: 1 });

export const webhookReceiptModel = (connection: Connection): Model<WebhookReceiptDoc> =>
  (connection.models.WebhookReceipt as Model<WebhookReceiptDoc> | undefined) ?? connection.model<WebhookReceiptDoc>('WebhookReceipt', webhookReceiptSchema);
