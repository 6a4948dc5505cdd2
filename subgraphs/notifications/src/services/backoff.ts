export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempts + 1`: exponential (base · 2^(attempts-1), capped), with "equal
 * jitter" (half fixed, half random) so notifications that failed together do not retry together.
 * A wait the provider asked for (Retry-After, rate-limit reset) is never undercut.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, providerWaitMs: number | null = null, random = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(providerWaitMs !== null ? Math.max(jittered, providerWaitMs + random() * policy.baseMs) : jittered);
}
