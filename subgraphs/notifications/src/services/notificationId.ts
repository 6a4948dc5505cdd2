import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The notification id for an identity such as `<event id>|<rule id>|EMAIL|soc@contoso.example`:
 * the first 12 bytes of its SHA-256. Deterministic, so applying the same event twice, in two
 * replicas at once or after a restart, upserts the same document instead of queueing a second one.
 */
export function notificationObjectId(dedupeKey: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(dedupeKey).digest().subarray(0, 12));
}

export const ruleDedupeKey = (eventId: string, ruleId: string, channel: string, recipient: string) => [eventId, ruleId, channel, recipient].join('|');
