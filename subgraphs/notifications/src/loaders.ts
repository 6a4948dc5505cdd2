import { createByIdLoader, createGroupLoader, tenantIfAllowed, type Principal } from '@soc/server-kit';
import type { NotificationsModels } from './models';

export function notificationsLoaders(models: NotificationsModels, principal: Principal) {
  const scope = { tenantId: tenantIfAllowed(principal, 'notifications:read') ?? { $in: [] } };
  return {
    notificationById: createByIdLoader(models.Notification, scope),
    /** Every notification of every incident in the response, in one query, newest first. */
    notificationsByIncident: createGroupLoader(models.Notification, 'incidentId', scope, { createdAt: -1, _id: -1 }),
    ruleById: createByIdLoader(models.NotificationRule, scope),
    /** Delivery steps of every notification in the response, oldest first. */
    deliveryEventsByNotification: createGroupLoader(models.DeliveryEvent, 'notificationId', scope, { at: 1, _id: 1 }),
    outboxMailById: createByIdLoader(models.OutboxMail, scope),
  };
}

export type NotificationsLoaders = ReturnType<typeof notificationsLoaders>;
