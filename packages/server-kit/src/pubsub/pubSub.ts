/**
 * Publish/subscribe of live events inside a service: in memory for one process, Redis when
 * `REDIS_URL` is set so that any replica can serve any subscriber. Payloads are JSON.
 */
export interface PubSub {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Starts listening at once (before it resolves), so a snapshot read afterwards misses nothing. */
  subscribe<T>(channel: string, options?: { bufferSize?: number }): Promise<Subscription<T>>;
  close(): Promise<void>;
}

export interface Subscription<T> extends AsyncIterableIterator<T> {
  /** Events dropped because the subscriber fell behind by more than the buffer. */
  readonly dropped: number;
}
