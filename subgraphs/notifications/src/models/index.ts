import type { Connection } from 'mongoose';
import { deliveryEventModel } from './deliveryEvent';
import { mailRateSlotModel } from './mailRateSlot';
import { notificationClaimModel } from './notificationClaim';
import { notificationModel } from './notification';
import { notificationRuleModel } from './notificationRule';
import { outboxMailModel } from './outboxMail';
import { webhookReceiptModel } from './webhookReceipt';

export function notificationsModels(connection: Connection) {
  return {
    Notification: notificationModel(connection),
    NotificationRule: notificationRuleModel(connection),
    DeliveryEvent: deliveryEventModel(connection),
    OutboxMail: outboxMailModel(connection),
    NotificationClaim: notificationClaimModel(connection),
    MailRateSlot: mailRateSlotModel(connection),
    WebhookReceipt: webhookReceiptModel(connection),
  };
}

export type NotificationsModels = ReturnType<typeof notificationsModels>;
export * from './notification';
export * from './notificationRule';
export type { DeliveryEventDoc, DeliveryEventType } from './deliveryEvent';
export { DELIVERY_EVENT_TYPES } from './deliveryEvent';
export type { OutboxMailDoc } from './outboxMail';
export type { ClaimOutcome, ClaimOutcomeKind, NotificationClaimDoc } from './notificationClaim';
