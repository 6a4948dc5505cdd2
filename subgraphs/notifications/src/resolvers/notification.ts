import type { DeliveryEventDoc, NotificationDoc, NotificationRuleDoc, OutboxMailDoc, WebhookAction as WebhookActionDoc } from '../models';
import { redactUrl } from '../services/redactUrl';
import type { NotificationsContext } from './context';

const PENDING = new Set(['QUEUED', 'FAILED']);

export const Notification = {
  __resolveReference: (ref: { id: string }, context: NotificationsContext) => context.loaders.notificationById.load(ref.id),
  id: (notification: NotificationDoc) => notification._id.toHexString(),
  incident: (notification: NotificationDoc) => ({ id: notification.incidentId }),
  // Notifications written before delivery tracking lack these fields.
  maxAttempts: (notification: NotificationDoc) => notification.maxAttempts ?? null,
  nextAttemptAt: (notification: NotificationDoc) => (PENDING.has(notification.status) ? (notification.nextAttemptAt ?? null) : null),
  transport: (notification: NotificationDoc) => notification.transport?.toUpperCase() ?? null,
  webhookFormat: (notification: NotificationDoc) => notification.webhook?.format ?? null,
  providerMessageId: (notification: NotificationDoc) => notification.providerMessageId ?? null,
  sentAt: (notification: NotificationDoc) => notification.sentAt ?? null,
  deliveredAt: (notification: NotificationDoc) => notification.deliveredAt ?? null,
  openedAt: (notification: NotificationDoc) => notification.openedAt ?? null,
  trigger: (notification: NotificationDoc) => ({
    kind: notification.cause?.kind ?? 'MANUAL',
    eventId: notification.cause?.eventId ?? null,
    eventType: notification.cause?.eventType ?? null,
    ruleName: notification.cause?.ruleName ?? null,
    requestedBy: notification.cause?.requestedBy ?? null,
  }),
  rule: (notification: NotificationDoc, _args: unknown, context: NotificationsContext) =>
    notification.cause?.ruleId ? context.loaders.ruleById.load(notification.cause.ruleId) : null,
  deliveryEvents: (notification: NotificationDoc, _args: unknown, context: NotificationsContext) =>
    context.loaders.deliveryEventsByNotification.load(notification._id.toHexString()),
  outboxMail: (notification: NotificationDoc, _args: unknown, context: NotificationsContext) =>
    notification.transport === 'outbox' ? context.loaders.outboxMailById.load(notification._id.toHexString()) : null,
};

export const NotificationDeliveryEvent = {
  providerEvent: (event: DeliveryEventDoc) => event.providerEvent ?? null,
};

export const OutboxMail = {
  id: (mail: OutboxMailDoc) => mail._id.toHexString(),
  notification: (mail: OutboxMailDoc, _args: unknown, context: NotificationsContext) => context.loaders.notificationById.load(mail._id.toHexString()),
};

export const NotificationRule = {
  id: (rule: NotificationRuleDoc) => rule._id.toHexString(),
  email: (rule: NotificationRuleDoc) => rule.email ?? null,
  webhooks: (rule: NotificationRuleDoc) => rule.webhooks ?? [],
};

export const WebhookAction = {
  // Incoming-webhook URLs are credentials: whole for those who manage rules, redacted for everyone else.
  url: (webhook: WebhookActionDoc, _args: unknown, context: NotificationsContext) =>
    context.principal.scopes.includes('tenants:admin') ? webhook.url : redactUrl(webhook.url),
  secretRef: (webhook: WebhookActionDoc) => webhook.secretRef ?? null,
};

export const Incident = {
  notifications: (incident: { id: string }, _args: unknown, context: NotificationsContext) => context.loaders.notificationsByIncident.load(incident.id),
};
