/** Retry timing: which failures are worth another attempt and how long to wait before it. */

export interface RetryPolicy {
  /** Attempts in total, the first included; 1 disables retries. */
  maxAttempts: number;
  /** Wait before the first retry; doubles with every further retry. */
  baseDelayMs: number;
  /** Upper bound for any wait, including one a Retry-After header asks for. */
  maxDelayMs: number;
}

/** 429 (throttled) and 5xx are transient on ARM; any other status will not change by asking again. */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Exponential backoff with "equal jitter": half of each step is fixed so waits keep growing, the other
 * half is random so clients that failed together do not retry in lockstep. `retry` counts from 1.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Milliseconds a Retry-After header asks for: delta-seconds (ARM sends integers; fractions are
 * accepted) or an HTTP-date. Undefined when absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `retry`: the server's Retry-After when it gave one, else backoff; capped either way. */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfterMs?: number, random?: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, retryAfterMs);
  return backoffDelayMs(retry, policy, random);
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
