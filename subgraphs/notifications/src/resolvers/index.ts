import type { FilterQuery } from 'mongoose';
import { DateTime, authorize, findPage, type PageArgs } from '@soc/server-kit';
import type { NotificationDoc } from '../models';
import type { NotificationsContext } from './context';

interface NotificationFilterInput {
  status?: NotificationDoc['status'][] | null;
  channel?: NotificationDoc['channel'][] | null;
}

export const resolvers = {
  DateTime,
  Query: {
    notifications: (_root: unknown, args: PageArgs & { filter?: NotificationFilterInput | null }, context: NotificationsContext) => {
      const filter: FilterQuery<NotificationDoc> = { tenantId: authorize(context, 'notifications:read') };
      if (args.filter?.status?.length) filter.status = { $in: args.filter.status };
      if (args.filter?.channel?.length) filter.channel = { $in: args.filter.channel };
      return findPage(context.models.Notification, filter, { field: 'createdAt', direction: 'DESC' }, args);
    },
    notification: (_root: unknown, args: { id: string }, context: NotificationsContext) => {
      authorize(context, 'notifications:read');
      return context.loaders.notificationById.load(args.id);
    },
  },
  Notification: {
    __resolveReference: (ref: { id: string }, context: NotificationsContext) => context.loaders.notificationById.load(ref.id),
    id: (notification: NotificationDoc) => notification._id.toHexString(),
    incident: (notification: NotificationDoc) => ({ id: notification.incidentId }),
  },
  Incident: {
    notifications: (incident: { id: string }, _args: unknown, context: NotificationsContext) =>
      context.loaders.notificationsByIncident.load(incident.id),
  },
};
