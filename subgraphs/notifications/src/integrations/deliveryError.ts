/**
 * Why one delivery attempt failed, and whether trying again can help: network errors, timeouts,
 * 429 and 5xx can; other 4xx answers (a bad address, a revoked key, a refused payload) cannot.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The provider's own wait time (Retry-After, X-RateLimit-Reset), when it named one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Retry for 408, 429 and 5xx; give up on every other 4xx. */
export const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** A Retry-After header (seconds or an HTTP date) in milliseconds, when present and sane (at most a day). */
export function retryAfterMs(value: string | null | undefined, nowMs = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) && ms >= 0 && ms <= 86_400_000 ? ms : null;
}

/** Provider-reported text, trimmed to something a status field can show. */
export const shortReason = (value: string, max = 500) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
