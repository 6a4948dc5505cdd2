/** When a failed provider request is worth repeating, and how long to wait first. */

export interface RetryPolicy {
  /** Retries after the first request; small, because the fallback chain is the real safety net. */
  maxRetries: number;
  /** Wait before the first retry; doubles with every further one. */
  baseDelayMs: number;
  /** Upper bound of a backoff wait, and the longest Retry-After we are willing to sit out. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half of each step is fixed so waits keep growing, the
 * other half random so callers that failed together do not come back in lockstep. `retry` counts from 1.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Milliseconds the server asked us to wait: `retry-after-ms` (OpenAI, Azure and Anthropic send it
 * next to the standard header) wins over `retry-after` (delta-seconds or an HTTP date).
 */
export function retryAfterFromHeaders(headers: { get(name: string): string | null } | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms != null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
