import { setTimeout as delay } from 'node:timers/promises';

/**
 * True for a database error after which the same write can simply be tried again, because the
 * server did not apply it: FerretDB's SQLite backend answering "database is locked" when writers
 * queue longer than its busy timeout, or the driver's own retryable and connection-pool labels.
 */
export function isTransientMongoError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { message, errorLabelSet } = error as { message?: unknown; errorLabelSet?: Set<string> };
  if (typeof message === 'string' && /SQLITE_BUSY|database is locked/.test(message)) return true;
  return Boolean(errorLabelSet?.has('RetryableWriteError') || errorLabelSet?.has('PoolRequestedRetry'));
}

export interface TransientRetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Delay before the second try; doubled each time, with jitter. */
  baseDelayMs?: number;
}

/** Runs `write`, trying again on transient errors only; any other error, or the last one, is thrown. */
export async function retryTransient<T>(write: () => Promise<T>, { attempts = 6, baseDelayMs = 50 }: TransientRetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isTransientMongoError(error)) throw error;
      await delay(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
