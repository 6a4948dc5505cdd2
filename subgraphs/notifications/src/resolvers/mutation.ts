import { createRule, deleteRule, updateRule } from '../services/notificationRules';
import { emailAnalysisReport, type EmailAnalysisReportArgs } from '../services/emailAnalysisReport';
import { retryNotification } from '../services/retryNotification';
import type { NotificationRuleInput, UpdateNotificationRuleInput } from '../services/ruleInput';
import type { NotificationsContext } from './context';

export const Mutation = {
  createNotificationRule: (_root: unknown, args: { input: NotificationRuleInput }, context: NotificationsContext) => createRule(context, args.input),
  updateNotificationRule: (_root: unknown, args: { id: string; input: UpdateNotificationRuleInput }, context: NotificationsContext) =>
    updateRule(context, args.id, args.input),
  deleteNotificationRule: (_root: unknown, args: { id: string }, context: NotificationsContext) => deleteRule(context, args.id),
  emailAnalysisReport: (_root: unknown, args: EmailAnalysisReportArgs, context: NotificationsContext) => emailAnalysisReport(context, args),
  retryNotification: (_root: unknown, args: { id: string }, context: NotificationsContext) => retryNotification(context, args.id),
};
