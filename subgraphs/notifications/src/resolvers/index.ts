import { DateTime } from '@soc/server-kit';
import { Mutation } from './mutation';
import { Incident, Notification, NotificationDeliveryEvent, NotificationRule, OutboxMail, WebhookAction } from './notification';
import { Query } from './query';

export const resolvers = {
  DateTime,
  Query,
  Mutation,
  Notification,
  NotificationDeliveryEvent,
  NotificationRule,
  OutboxMail,
  WebhookAction,
  Incident,
};
