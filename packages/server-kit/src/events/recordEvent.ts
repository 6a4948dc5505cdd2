import type { Model } from 'mongoose';
import type { DomainEvent } from './domainEvent';
import type { OutboxDoc } from './outboxModel';

/**
 * Writes an event to the producer's outbox. Idempotent: the first write wins, so a producer that
 * crashed between its state change and this call can simply call it again on recovery.
 */
export async function recordEvent(outbox: Model<OutboxDoc>, event: Omit<DomainEvent, 'occurredAt' | 'version'> & { occurredAt?: Date; version?: number }): Promise<void> {
  try {
    await upsertEvent(outbox, event);
  } catch (error) {
    // Two writers upserting the same id at once: the other one inserted it, which is the point.
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
  }
}

const DUPLICATE_KEY = 11000;

function upsertEvent(outbox: Model<OutboxDoc>, event: Omit<DomainEvent, 'occurredAt' | 'version'> & { occurredAt?: Date; version?: number }) {
  return outbox.updateOne(
    { _id: event.id },
    {
      $setOnInsert: {
        type: event.type,
        tenantId: event.tenantId,
        occurredAt: event.occurredAt ?? new Date(),
        version: event.version ?? 1,
        payload: event.payload,
        recordedAt: new Date(),
      },
    },
    { upsert: true },
  ).exec();
}
