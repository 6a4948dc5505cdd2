import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const NOTIFICATION_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'OPENED', 'BOUNCED', 'FAILED', 'DEAD_LETTER'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Statuses the delivery worker picks up (FAILED: a retry is scheduled at nextAttemptAt). */
export const PENDING_STATUSES: NotificationStatus[] = ['QUEUED', 'FAILED'];

export const WEBHOOK_FORMATS = ['GENERIC', 'TEAMS', 'SLACK'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export type EmailTransportName = 'outbox' | 'sendgrid' | 'smtp';

/** What caused a notification: a rule matching an event, or an analyst's request. */
export interface NotificationCause {
  kind: 'RULE' | 'MANUAL';
  eventId: string | null;
  eventType: string | null;
  ruleId: string | null;
  ruleName: string | null;
  requestedBy: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Where a webhook notification goes. The URL may itself be a credential (Slack, Teams), so the API shows it redacted. */
export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
  secretRef: string | null;
  /** The JSON body, rendered when the notification was queued; signed anew at each attempt. */
  body: string;
}

/**
 * One message to one recipient over one channel, and the durable queue entry of its delivery.
 * Workers claim each attempt in `notification_claims` (see NotificationClaimDoc) before sending;
 * this document is written once per attempt, with its outcome.
 */
export interface NotificationDoc {
  /** Deterministic for rule notifications (see notificationId), so an event applied twice queues nothing twice. */
  _id: Types.ObjectId;
  tenantId: string;
  incidentId: string;
  channel: NotificationChannel;
  /** Email address, or the redacted webhook URL. */
  recipient: string;
  subject: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The identity the id was derived from: event, rule, channel and recipient. */
  dedupeKey?: string;
  cause?: NotificationCause;
  email?: RenderedEmail | null;
  webhook?: WebhookTarget | null;
  maxAttempts?: number;
  nextAttemptAt?: Date | null;
  /** The next attempt's number (from 0): its claim is `<id>:<claimSeq>` in notification_claims. */
  claimSeq?: number;
  transport?: EmailTransportName | 'webhook' | null;
  providerMessageId?: string | null;
  sentAt?: Date | null;
  deliveredAt?: Date | null;
  openedAt?: Date | null;
}

const causeSchema = new Schema<NotificationCause>(
  { kind: String, eventId: String, eventType: String, ruleId: String, ruleName: String, requestedBy: String },
  { _id: false },
);
const emailSchema = new Schema<RenderedEmail>({ subject: String, text: String, html: String }, { _id: false });
const webhookSchema = new Schema<WebhookTarget>({ url: String, format: String, secretRef: String, body: String }, { _id: false });

const notificationSchema = new Schema<NotificationDoc>(
  {
    tenantId: { type: String, required: true },
    incidentId: { type: String, required: true },
    channel: { type: String, required: true },
    recipient: { type: String, required: true },
    subject: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    dedupeKey: String,
    cause: { type: causeSchema, default: undefined },
    email: { type: emailSchema, default: undefined },
    webhook: { type: webhookSchema, default: undefined },
    maxAttempts: Number,
    nextAttemptAt: { type: Date, default: null },
    claimSeq: { type: Number, default: 0 },
    transport: { type: String, default: null },
    providerMessageId: { type: String, default: null },
    sentAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    openedAt: { type: Date, default: null },
  },
  { collection: 'notifications', versionKey: false },
);
notificationSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ tenantId: 1, incidentId: 1, createdAt: -1 });
// The worker's poll: due work in order.
notificationSchema.index({ status: 1, nextAttemptAt: 1 });
// SendGrid events name the message by its id when custom args are missing (e.g. async bounces).
notificationSchema.index({ tenantId: 1, providerMessageId: 1 });

export const notificationModel = (connection: Connection): Model<NotificationDoc> =>
  (connection.models.Notification as Model<NotificationDoc> | undefined) ?? connection.model<NotificationDoc>('Notification', notificationSchema);
