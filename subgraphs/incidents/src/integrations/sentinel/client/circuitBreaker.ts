/**
 * Per-client circuit breaker. After `failureThreshold` consecutive failures it opens and refuses
 * requests for `cooldownMs`; then it lets one trial request through (half-open). The trial's outcome
 * closes it again or restarts the cooldown. Only the caller decides what counts as a failure.
 */

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Handle for one admitted request; report exactly one outcome (later reports are ignored). */
export interface BreakerPermit {
  /** The service answered in a way that shows it is up (including a 4xx). */
  succeeded(): void;
  /** A failure that counts towards opening (throttling, 5xx, network, timeout). */
  failed(): void;
  /** No verdict about the service (caller aborted, token acquisition failed). */
  abandoned(): void;
}

export type BreakerDecision = { allowed: true; permit: BreakerPermit } | { allowed: false; retryInMs: number };

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #probeInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    }
    if (!Number.isFinite(options.cooldownMs) || options.cooldownMs < 0) {
      throw new RangeError(`cooldownMs must be a non-negative number, got ${options.cooldownMs}`);
    }
    this.#threshold = options.failureThreshold;
    this.#cooldownMs = options.cooldownMs;
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.#openedAt === null) return 'closed';
    return this.#now() - this.#openedAt < this.#cooldownMs ? 'open' : 'half-open';
  }

  tryAcquire(): BreakerDecision {
    if (this.#openedAt === null) return { allowed: true, permit: this.#permit(false) };
    const remaining = this.#openedAt + this.#cooldownMs - this.#now();
    if (remaining > 0) return { allowed: false, retryInMs: remaining };
    // Half-open: a single trial request decides; everyone else keeps failing fast meanwhile.
    if (this.#probeInFlight) return { allowed: false, retryInMs: 0 };
    this.#probeInFlight = true;
    return { allowed: true, permit: this.#permit(true) };
  }

  #permit(probe: boolean): BreakerPermit {
    let settled = false;
    const settle = (outcome: 'succeeded' | 'failed' | 'abandoned') => {
      if (settled) return;
      settled = true;
      if (probe) this.#probeInFlight = false;
      if (outcome === 'succeeded') this.#onSuccess(probe);
      else if (outcome === 'failed') this.#onFailure(probe);
    };
    return {
      succeeded: () => settle('succeeded'),
      failed: () => settle('failed'),
      abandoned: () => settle('abandoned'),
    };
  }

  #onSuccess(probe: boolean): void {
    // A late success from a request admitted before the breaker opened does not close it; only a trial does.
    if (this.#openedAt !== null && !probe) return;
    this.#openedAt = null;
    this.#consecutiveFailures = 0;
  }

  #onFailure(probe: boolean): void {
    this.#consecutiveFailures += 1;
    if (probe) {
      this.#openedAt = this.#now();
    } else if (this.#openedAt === null && this.#consecutiveFailures >= this.#threshold) {
      this.#openedAt = this.#now();
    }
  }
}
