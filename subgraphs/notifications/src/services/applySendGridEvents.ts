import { createHash } from 'node:crypto';
import { updateByIdIf } from '@soc/server-kit';
import { Types, type FilterQuery } from 'mongoose';
import type { NotificationDoc, NotificationsModels } from '../models';
import { interpretSendGridEvent, sendGridEvent } from '../integrations/sendgrid/sendgridEvents';
import { CUSTOM_ARG_NOTIFICATION, CUSTOM_ARG_TENANT } from '../integrations/sendgrid/sendgridMailer';
import { shortReason } from '../integrations/deliveryError';
import { recordDeliveryEvent } from './recordDeliveryEvent';
import type { StatusEventPublisher } from './statusEventPublisher';

export interface SendGridEventCounts {
  received: number;
  applied: number;
  /** Events about mail this tenant did not send through the platform (other apps on the same SendGrid account). */
  unmatched: number;
  invalid: number;
}

/**
 * Applies a verified batch of SendGrid events to one tenant's notifications. Each event is recorded
 * once (keyed by sg_event_id) and moves the status only forward (see interpretSendGridEvent), with
 * one conditional single-document update, so repeats and out-of-order batches are harmless.
 */
export async function applySendGridEvents(models: NotificationsModels, publisher: StatusEventPublisher, tenantId: string, events: unknown[]): Promise<SendGridEventCounts> {
  const counts: SendGridEventCounts = { received: events.length, applied: 0, unmatched: 0, invalid: 0 };
  for (const raw of events) {
    const parsed = sendGridEvent.safeParse(raw);
    if (!parsed.success) {
      counts.invalid += 1;
      continue;
    }
    const event = parsed.data;
    const claimedTenant = event[CUSTOM_ARG_TENANT];
    const notificationId = event[CUSTOM_ARG_NOTIFICATION];
    const messageId = event.sg_message_id?.split('.')[0];
    // A post verified with this tenant's key speaks for this tenant's mail only.
    const lookup: FilterQuery<NotificationDoc> | null =
      claimedTenant && claimedTenant !== tenantId
        ? null
        : notificationId && Types.ObjectId.isValid(notificationId) && /^[0-9a-f]{24}$/i.test(notificationId)
          ? { tenantId, _id: new Types.ObjectId(notificationId), channel: 'EMAIL' }
          : messageId
            ? { tenantId, providerMessageId: messageId, channel: 'EMAIL' }
            : null;
    const notification = lookup ? await models.Notification.findOne(lookup, { _id: 1 }).lean() : null;
    if (!notification) {
      counts.unmatched += 1;
      continue;
    }
    const { type, detail, change } = interpretSendGridEvent(event);
    const now = new Date();
    const at = event.timestamp && Number.isFinite(event.timestamp) ? new Date(event.timestamp * 1000) : now;
    const eventKey = event.sg_event_id ?? createHash('sha256').update(JSON.stringify(raw)).digest('hex');
    await recordDeliveryEvent(models, {
      _id: `${tenantId}:sendgrid:${eventKey}`,
      tenantId,
      notificationId: notification._id.toHexString(),
      type,
      providerEvent: event.event.slice(0, 50),
      at,
      detail: detail ? shortReason(detail) : null,
    });
    if (change) {
      const set: Record<string, unknown> = { status: change.status, updatedAt: now };
      if (change.timestampField) set[change.timestampField] = at;
      if (change.status === 'BOUNCED') set.lastError = shortReason(`${event.event}: ${detail ?? 'no reason given'}`);
      await updateByIdIf(models.Notification, notification._id, { tenantId, status: { $in: [...change.from] } }, { $set: set });
      // Published whenever the notification is in that status now, whether this post or an earlier,
      // interrupted one moved it there: the event id (one per provider status) makes repeats no-ops.
      const current = await models.Notification.findById(notification._id).lean();
      if (current?.status === change.status) {
        await publisher.publish(current, { key: change.status, status: change.status, attempts: current.attempts, lastError: current.lastError });
      }
    }
    counts.applied += 1;
  }
  return counts;
}
