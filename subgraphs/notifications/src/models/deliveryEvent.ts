import { Schema, type Connection, type Model } from 'mongoose';

export const DELIVERY_EVENT_TYPES = [
  'SENT',
  'ATTEMPT_FAILED',
  'RATE_LIMITED',
  'DEAD_LETTERED',
  'REQUEUED',
  'PROCESSED',
  'DEFERRED',
  'DELIVERED',
  'OPENED',
  'CLICKED',
  'BOUNCED',
  'DROPPED',
  'SPAM_REPORT',
  'UNSUBSCRIBED',
  'OTHER',
] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

/**
 * One step in a notification's delivery: the platform's own attempts and the provider's reports
 * (SendGrid events). Separate documents keyed by what they record (the provider's event id, or the
 * attempt number), so a repeated report or a retried write adds nothing.
 */
export interface DeliveryEventDoc {
  _id: string;
  tenantId: string;
  notificationId: string;
  type: DeliveryEventType;
  /** The provider's own event name (e.g. SendGrid's `bounce`), or null for the platform's events. */
  providerEvent: string | null;
  at: Date;
  /** Reason, SMTP response or error, as reported; untrusted text. */
  detail: string | null;
}

const deliveryEventSchema = new Schema<DeliveryEventDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    notificationId: { type: String, required: true },
    type: { type: String, required: true },
    providerEvent: { type: String, default: null },
    at: { type: Date, required: true },
    detail: { type: String, default: null },
  },
  { collection: 'notification_delivery_events', versionKey: false },
);
deliveryEventSchema.index({ tenantId: 1, notificationId: 1, at: 1 });

export const deliveryEventModel = (connection: Connection): Model<DeliveryEventDoc> =>
  (connection.models.DeliveryEvent as Model<DeliveryEventDoc> | undefined) ?? connection.model<DeliveryEventDoc>('DeliveryEvent', deliveryEventSchema);
