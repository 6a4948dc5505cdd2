import type { FilterQuery } from 'mongoose';
import { authorize, DEFAULT_PAGE_LIMITS, findPage, selectsField, type GraphQLResolveInfo, type PageArgs } from '@soc/server-kit';
import type { NotificationDoc, OutboxMailDoc } from '../models';
import { listRules } from '../services/notificationRules';
import type { NotificationsContext } from './context';

interface NotificationFilterInput {
  status?: NotificationDoc['status'][] | null;
  channel?: NotificationDoc['channel'][] | null;
  incidentId?: string | null;
  ruleId?: string | null;
}

export const Query = {
  notifications: (_root: unknown, args: PageArgs & { filter?: NotificationFilterInput | null }, context: NotificationsContext, info: GraphQLResolveInfo) => {
    const filter: FilterQuery<NotificationDoc> = { tenantId: authorize(context, 'notifications:read') };
    if (args.filter?.status?.length) filter.status = { $in: args.filter.status };
    if (args.filter?.channel?.length) filter.channel = { $in: args.filter.channel };
    if (args.filter?.incidentId) filter.incidentId = args.filter.incidentId;
    if (args.filter?.ruleId) filter['cause.ruleId'] = args.filter.ruleId;
    return findPage(context.models.Notification, filter, { field: 'createdAt', direction: 'DESC' }, args, DEFAULT_PAGE_LIMITS, { countTotal: selectsField(info, 'totalCount') });
  },
  notification: (_root: unknown, args: { id: string }, context: NotificationsContext) => {
    authorize(context, 'notifications:read');
    return context.loaders.notificationById.load(args.id);
  },
  notificationRules: (_root: unknown, _args: unknown, context: NotificationsContext) => listRules(context),
  notificationRule: (_root: unknown, args: { id: string }, context: NotificationsContext) => {
    authorize(context, 'notifications:read');
    return context.loaders.ruleById.load(args.id);
  },
  mailOutbox: (_root: unknown, args: PageArgs, context: NotificationsContext) => {
    const filter: FilterQuery<OutboxMailDoc> = { tenantId: authorize(context, 'notifications:read') };
    return findPage(context.models.OutboxMail, filter, { field: 'storedAt', direction: 'DESC' }, args);
  },
};
