/**
 * One breaker per provider endpoint. After `failureThreshold` consecutive failed requests it opens
 * and refuses calls for `cooldownMs` (the chain moves on at once instead of waiting for timeouts);
 * then one trial request is let through (half-open) and its outcome closes or re-opens it.
 */

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };

export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  #consecutiveFailures = 0;
  #openedAt: number | null = null;
  #trialInFlight = false;

  constructor(options: CircuitBreakerOptions, now: () => number = Date.now) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new RangeError('failureThreshold must be a positive integer');
    if (!(options.cooldownMs >= 0)) throw new RangeError('cooldownMs must be >= 0');
    this.#options = options;
    this.#now = now;
  }

  get state(): CircuitState {
    if (this.#openedAt === null) return 'closed';
    return this.#now() - this.#openedAt < this.#options.cooldownMs ? 'open' : 'half-open';
  }

  /** True when a request may go out now; in half-open state only one trial is admitted at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  /** The provider answered (any answer that shows it is up, a 400 included). */
  recordSuccess(): void {
    this.#trialInFlight = false;
    this.#openedAt = null;
    this.#consecutiveFailures = 0;
  }

  /** 5xx, network error or timeout: the endpoint itself is unwell. */
  recordFailure(): void {
    const wasTrial = this.#trialInFlight;
    this.#trialInFlight = false;
    this.#consecutiveFailures += 1;
    if (wasTrial || (this.#openedAt === null && this.#consecutiveFailures >= this.#options.failureThreshold)) this.#openedAt = this.#now();
  }

  /** The request said nothing about the endpoint's health (caller cancelled, 429 on one key, bad configuration). */
  recordAbandoned(): void {
    this.#trialInFlight = false;
  }
}

/** Breakers keyed by provider and endpoint: two tenants on the same endpoint share its health. */
export class CircuitBreakers {
  readonly #breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number,
  ) {}

  for(provider: string, baseUrl: string | undefined): CircuitBreaker {
    const key = `${provider} ${baseUrl ?? 'default'}`;
    let breaker = this.#breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options, this.now);
      this.#breakers.set(key, breaker);
    }
    return breaker;
  }
}
