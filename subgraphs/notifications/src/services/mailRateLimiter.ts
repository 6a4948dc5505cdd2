import type { Model } from 'mongoose';
import type { MailRateSlotDoc } from '../models/mailRateSlot';

const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAt: Date };

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/**
 * Per-tenant limit on outgoing mail, in fixed one-minute windows shared by every replica. A sender
 * inserts its slot, then counts the window's slots: it may send only if the count, its own slot
 * included, is within the limit; otherwise it removes its slot and waits for the next window
 * (delayed, never dropped). Every sender counts after inserting, so no more than the limit can
 * ever pass, whatever the interleaving; two racing senders may both wait, which only delays.
 */
export class MailRateLimiter {
  private lastCleanup = 0;

  constructor(private readonly slots: Model<MailRateSlotDoc>) {}

  /** `slotKey` is unique per attempt (its claim id), so a repeated call counts once. */
  async tryAcquire(tenantId: string, perMinute: number, slotKey: string, now = new Date()): Promise<RateDecision> {
    const minute = Math.floor(now.getTime() / WINDOW_MS);
    const windowStart = new Date(minute * WINDOW_MS);
    const _id = `${tenantId}:${minute}:${slotKey}`;
    try {
      await this.slots.create({ _id, tenantId, windowStart });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const used = await this.slots.countDocuments({ tenantId, windowStart });
    await this.cleanup(now);
    if (used <= perMinute) return { allowed: true };
    await this.slots.deleteOne({ _id });
    // Spread the waiting mail over the start of the next window rather than releasing it all at once.
    return { allowed: false, retryAt: new Date((minute + 1) * WINDOW_MS + Math.floor(Math.random() * 5_000)) };
  }

  /** Old windows are useless: a scheduled delete, at most once a minute. */
  private async cleanup(now: Date) {
    if (now.getTime() - this.lastCleanup < WINDOW_MS) return;
    this.lastCleanup = now.getTime();
    await this.slots.deleteMany({ windowStart: { $lt: new Date(now.getTime() - 10 * WINDOW_MS) } });
  }
}
