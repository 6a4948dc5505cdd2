import { Types } from 'mongoose';
import { authorize, badUserInput, notFound } from '@soc/server-kit';
import type { NotificationRuleDoc } from '../models';
import type { NotificationsContext } from '../resolvers/context';
import { MAX_RULES_PER_TENANT, validateRule, type NotificationRuleInput, type UpdateNotificationRuleInput } from './ruleInput';

/** Managing rules is tenant configuration: tenant admins only. */
const RULE_ADMIN_SCOPE = 'tenants:admin' as const;

const actorOf = (context: NotificationsContext) => context.principal.email ?? `${context.principal.kind}:${context.principal.id}`;

const objectId = (id: string): Types.ObjectId | null => (/^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null);

export async function listRules(context: NotificationsContext): Promise<NotificationRuleDoc[]> {
  const tenantId = authorize(context, 'notifications:read');
  return context.models.NotificationRule.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).lean();
}

export async function createRule(context: NotificationsContext, input: NotificationRuleInput): Promise<NotificationRuleDoc> {
  const tenantId = authorize(context, RULE_ADMIN_SCOPE);
  const rule = validateRule(input);
  if ((await context.models.NotificationRule.countDocuments({ tenantId })) >= MAX_RULES_PER_TENANT) {
    throw badUserInput(`A tenant can have at most ${MAX_RULES_PER_TENANT} notification rules; delete one first`, 'input');
  }
  const now = new Date();
  const actor = actorOf(context);
  const doc = await context.models.NotificationRule.create({ tenantId, ...rule, createdAt: now, updatedAt: now, createdBy: actor, updatedBy: actor });
  context.logger.info({ tenantId, ruleId: doc._id.toHexString(), name: rule.name }, 'notification rule created');
  return doc.toObject();
}

export async function updateRule(context: NotificationsContext, id: string, input: UpdateNotificationRuleInput): Promise<NotificationRuleDoc> {
  const tenantId = authorize(context, RULE_ADMIN_SCOPE);
  const _id = objectId(id);
  const current = _id ? await context.models.NotificationRule.findOne({ _id, tenantId }).lean() : null;
  if (!current) throw notFound('Notification rule');
  // The merged rule is validated as a whole, so a change can never leave an invalid rule behind.
  const merged: NotificationRuleInput = {
    name: input.name ?? current.name,
    enabled: input.enabled ?? current.enabled,
    match: input.match ?? current.match,
    email: 'email' in input ? (input.email ?? null) : current.email,
    webhooks: input.webhooks ?? current.webhooks,
  };
  const rule = validateRule(merged);
  const updated = await context.models.NotificationRule.findOneAndUpdate(
    { _id, tenantId },
    { $set: { ...rule, updatedAt: new Date(), updatedBy: actorOf(context) } },
    { new: true },
  ).lean();
  if (!updated) throw notFound('Notification rule');
  return updated;
}

export async function deleteRule(context: NotificationsContext, id: string): Promise<string> {
  const tenantId = authorize(context, RULE_ADMIN_SCOPE);
  const _id = objectId(id);
  const result = _id ? await context.models.NotificationRule.deleteOne({ _id, tenantId }) : { deletedCount: 0 };
  if (result.deletedCount !== 1) throw notFound('Notification rule');
  context.logger.info({ tenantId, ruleId: id }, 'notification rule deleted');
  return id;
}
