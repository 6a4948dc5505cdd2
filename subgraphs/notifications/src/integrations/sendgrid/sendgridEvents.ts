import { z } from 'zod';
import type { DeliveryEventType, NotificationStatus } from '../../models';
import { CUSTOM_ARG_NOTIFICATION, CUSTOM_ARG_TENANT } from './sendgridMailer';

/**
 * One Event Webhook event. SendGrid merges the message's custom args into each event as top-level
 * fields, so `soc_notification_id` names the notification; `sg_message_id` starts with the
 * X-Message-Id of the send (`<x-message-id>.<filter...>`), the fallback when custom args are absent.
 */
export const sendGridEvent = z
  .object({
    event: z.string(),
    email: z.string().optional(),
    timestamp: z.number().optional(),
    sg_event_id: z.string().optional(),
    sg_message_id: z.string().optional(),
    reason: z.string().optional(),
    response: z.string().optional(),
    type: z.string().optional(),
    status: z.string().optional(),
    attempt: z.union([z.string(), z.number()]).optional(),
    [CUSTOM_ARG_NOTIFICATION]: z.string().optional(),
    [CUSTOM_ARG_TENANT]: z.string().optional(),
  })
  .loose();
export type SendGridEvent = z.infer<typeof sendGridEvent>;

export const sendGridEventBatch = z.array(z.unknown()).max(10_000);

export interface StatusChange {
  status: NotificationStatus;
  /** Only from these statuses: reports arrive out of order, and a later state is never undone by an earlier report. */
  from: NotificationStatus[];
  timestampField?: 'deliveredAt' | 'openedAt';
}

const BEFORE_DELIVERY: NotificationStatus[] = ['QUEUED', 'FAILED', 'SENT'];

/** How each SendGrid event maps to a delivery event and, for some, a status change. */
export function interpretSendGridEvent(event: SendGridEvent): { type: DeliveryEventType; detail: string | null; change: StatusChange | null } {
  const detail = event.reason ?? event.response ?? null;
  switch (event.event) {
    case 'processed':
      return { type: 'PROCESSED', detail, change: null };
    case 'deferred':
      return { type: 'DEFERRED', detail: [detail, event.attempt ? `attempt ${event.attempt}` : null].filter(Boolean).join(', ') || null, change: null };
    case 'delivered':
      return { type: 'DELIVERED', detail, change: { status: 'DELIVERED', from: BEFORE_DELIVERY, timestampField: 'deliveredAt' } };
    case 'open':
      return { type: 'OPENED', detail: null, change: { status: 'OPENED', from: [...BEFORE_DELIVERY, 'DELIVERED'], timestampField: 'openedAt' } };
    case 'click':
      // A click implies the mail was opened (image-blocking clients never report the open).
      return { type: 'CLICKED', detail: null, change: { status: 'OPENED', from: [...BEFORE_DELIVERY, 'DELIVERED'], timestampField: 'openedAt' } };
    case 'bounce':
      // type "blocked" is a soft bounce SendGrid will not retry either: the mail did not arrive.
      return { type: 'BOUNCED', detail: [event.type, event.status, detail].filter(Boolean).join(' ') || null, change: { status: 'BOUNCED', from: [...BEFORE_DELIVERY, 'DELIVERED'] } };
    case 'dropped':
      return { type: 'DROPPED', detail, change: { status: 'BOUNCED', from: [...BEFORE_DELIVERY, 'DELIVERED'] } };
    case 'spamreport':
      return { type: 'SPAM_REPORT', detail: null, change: null };
    case 'unsubscribe':
    case 'group_unsubscribe':
      return { type: 'UNSUBSCRIBED', detail: null, change: null };
    default:
      return { type: 'OTHER', detail: event.event, change: null };
  }
}
