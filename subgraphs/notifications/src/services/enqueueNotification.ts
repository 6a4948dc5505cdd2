import type { Types } from 'mongoose';
import type { NotificationCause, NotificationChannel, NotificationDoc, NotificationsModels, RenderedEmail, WebhookTarget } from '../models';
import { notificationObjectId } from './notificationId';
import type { StatusEventPublisher } from './statusEventPublisher';

export interface NotificationSpec {
  /** What makes this notification unique (see notificationId); its id is derived from it. */
  dedupeKey: string;
  tenantId: string;
  incidentId: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  cause: NotificationCause;
  email?: RenderedEmail;
  webhook?: WebhookTarget;
  maxAttempts: number;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/**
 * Queues a notification, once: an insert under its deterministic id. A second call with the same
 * identity (a repeated event, a retried handler, another replica) is refused by the unique id and
 * changes nothing. Returns whether this call created it.
 */
export async function enqueueNotification(
  models: NotificationsModels,
  publisher: StatusEventPublisher,
  spec: NotificationSpec,
  now = new Date(),
): Promise<{ id: Types.ObjectId; created: boolean }> {
  const _id = notificationObjectId(spec.dedupeKey);
  const doc: NotificationDoc = {
    _id,
    tenantId: spec.tenantId,
    incidentId: spec.incidentId,
    channel: spec.channel,
    recipient: spec.recipient,
    subject: spec.subject,
    status: 'QUEUED',
    attempts: 0,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    dedupeKey: spec.dedupeKey,
    cause: spec.cause,
    email: spec.email ?? null,
    webhook: spec.webhook ?? null,
    maxAttempts: spec.maxAttempts,
    nextAttemptAt: now,
    claimSeq: 0,
    transport: null,
    providerMessageId: null,
    sentAt: null,
    deliveredAt: null,
    openedAt: null,
  };
  // Published first, and every time (the event id makes repeats no-ops): if the insert below fails,
  // the event's retry inserts it, and no QUEUED notification is ever without its event.
  await publisher.publish(doc, { key: 'queued', status: 'QUEUED', attempts: 0, lastError: null });
  // A plain insert, never an upsert: an existing notification is not written at all (an upsert that
  // finds it could, on FerretDB, write back a stale copy over a concurrent delivery result).
  try {
    await models.Notification.create(doc);
    return { id: _id, created: true };
  } catch (error) {
    // Queued before (a repeated event, a retried handler, another replica): that one stands.
    if (!isDuplicateKey(error)) throw error;
    return { id: _id, created: false };
  }
}
