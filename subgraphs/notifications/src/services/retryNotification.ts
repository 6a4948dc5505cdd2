import { Types } from 'mongoose';
import { authorize, badUserInput, findByIdInScope, notFound, updateByIdIf } from '@soc/server-kit';
import type { NotificationDoc } from '../models';
import type { NotificationsContext } from '../resolvers/context';
import { recordDeliveryEvent } from './recordDeliveryEvent';

/** Puts a dead-lettered notification back in the queue with a fresh set of attempts (after fixing the cause). */
export async function retryNotification(context: NotificationsContext, id: string): Promise<NotificationDoc> {
  const tenantId = authorize(context, 'notifications:write');
  if (!/^[0-9a-f]{24}$/i.test(id)) throw notFound('Notification');
  const _id = new Types.ObjectId(id);
  const now = new Date();
  const current = await findByIdInScope<NotificationDoc>(context.models.Notification, _id, { tenantId });
  if (!current) throw notFound('Notification');
  if (current.status !== 'DEAD_LETTER') throw badUserInput(`Only DEAD_LETTER notifications can be retried; this one is ${current.status}`, 'id');
  const requeue = { key: `requeued:${current.claimSeq ?? 0}`, status: 'QUEUED' as const, attempts: 0, lastError: null };
  await context.services.publisher.publish(current, requeue);
  await recordDeliveryEvent(context.models, {
    _id: `${id}:requeued:${current.claimSeq ?? 0}`,
    tenantId,
    notificationId: id,
    type: 'REQUEUED',
    providerEvent: null,
    at: now,
    detail: `by ${context.principal.email ?? context.principal.id}`,
  });
  // The claim sequence goes on: attempts already made keep their claims, the new ones get new claims.
  const updated = await updateByIdIf(
    context.models.Notification,
    _id,
    { tenantId, status: 'DEAD_LETTER' },
    { $set: { status: 'QUEUED', attempts: 0, lastError: null, nextAttemptAt: now, updatedAt: now } },
  );
  if (!updated) throw badUserInput('The notification changed meanwhile; reload it', 'id');
  context.services.worker.kick();
  return updated;
}
