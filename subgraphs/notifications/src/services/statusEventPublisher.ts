import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import { recordEvent, type OutboxDoc } from '@soc/server-kit';
import type { NotificationDoc, NotificationStatus } from '../models';

/** Payload of `notification.status` (DESIGN.md, "Events between services"). */
export interface NotificationStatusPayload {
  notificationId: string;
  incidentId: string;
  status: NotificationStatus;
  channel: NotificationDoc['channel'];
  attempts: number;
  lastError: string | null;
  ruleId: string | null;
  causeEventId: string | null;
}

/**
 * Publishes `notification.status` events to this service's outbox. Each status change has an id
 * named by what caused it (`<notification>:queued`, `:attempt:<n>`, `:DELIVERED`...), so a change
 * published again after a crash or a retried webhook post is recorded once. Callers publish
 * before they update the notification (the claim or the provider's retry is the durable record
 * of the change), so no change goes unpublished.
 */
export class StatusEventPublisher {
  constructor(
    private readonly outbox: Model<OutboxDoc>,
    private readonly logger: Logger,
  ) {}

  async publish(
    notification: Pick<NotificationDoc, '_id' | 'tenantId' | 'incidentId' | 'channel' | 'cause'>,
    change: { key: string; status: NotificationStatus; attempts: number; lastError: string | null },
  ): Promise<void> {
    const notificationId = notification._id.toHexString();
    const payload: NotificationStatusPayload = {
      notificationId,
      incidentId: notification.incidentId,
      status: change.status,
      channel: notification.channel,
      attempts: change.attempts,
      lastError: change.lastError,
      ruleId: notification.cause?.ruleId ?? null,
      causeEventId: notification.cause?.eventId ?? null,
    };
    try {
      await recordEvent(this.outbox, { id: `notification.status:${notificationId}:${change.key}`, type: 'notification.status', tenantId: notification.tenantId, payload: { ...payload } });
    } catch (error) {
      // Two writers upserted the same event at once (MongoDB answers the loser with a duplicate key): it is recorded.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    this.logger.debug({ notificationId, status: change.status }, 'notification.status recorded');
  }
}
