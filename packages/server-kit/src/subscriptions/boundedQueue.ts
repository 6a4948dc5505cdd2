/**
 * An async-iterable buffer between a producer that must never block (a socket, a PubSub) and a
 * consumer that may be slow (a client's socket). It holds at most `capacity` items: when full, the
 * oldest is dropped, so a slow consumer sees the newest state instead of an ever-growing backlog.
 *
 * `end()` and `fail()` let the consumer drain what is buffered first; `return()` (the consumer
 * leaving) discards the buffer at once and runs `onReturn` exactly once, whoever ended it.
 */
export interface BoundedQueueOptions<T> {
  capacity: number;
  /** Called for every item dropped to make room (count it in a metric). */
  onDrop?: (item: T) => void;
  /** Called once when the queue is finished: consumer return, or end/fail fully drained. */
  onClose?: () => void;
}

export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private closed = false;
  private droppedCount = 0;

  constructor(private readonly options: BoundedQueueOptions<T>) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new Error('BoundedQueue capacity must be a positive integer');
  }

  /** Items dropped so far because the consumer fell behind. */
  get dropped(): number {
    return this.droppedCount;
  }

  get size(): number {
    return this.items.length;
  }

  /** True once nothing more will be delivered (consumer left, or end/fail was drained). */
  get isClosed(): boolean {
    return this.closed;
  }

  push(item: T): void {
    if (this.closed || this.ended || this.failure) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.options.capacity) {
      const oldest = this.items.shift() as T;
      this.droppedCount += 1;
      this.options.onDrop?.(oldest);
    }
    this.items.push(item);
  }

  /** No more items: the consumer gets what is buffered, then done. */
  end(): void {
    if (this.closed || this.ended || this.failure) return;
    this.ended = true;
    this.settleWaiting();
  }

  /** The producer failed: the consumer gets what is buffered, then this error. */
  fail(error: unknown): void {
    if (this.closed || this.ended || this.failure) return;
    this.failure = { error };
    this.settleWaiting();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.failure) {
      // Delivered once; afterwards the queue is simply finished.
      const { error } = this.failure;
      this.failure = null;
      this.close();
      return Promise.reject(error);
    }
    if (this.ended || this.closed) {
      this.close();
      return Promise.resolve({ value: undefined, done: true });
    }
    if (this.waiting) return Promise.reject(new Error('BoundedQueue supports one consumer at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.items.length = 0;
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settleWaiting(): void {
    if (!this.waiting) return;
    const { resolve, reject } = this.waiting;
    this.waiting = null;
    if (this.failure) {
      const { error } = this.failure;
      this.failure = null;
      this.close();
      reject(error);
    } else {
      this.close();
      resolve({ value: undefined, done: true });
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
    this.options.onClose?.();
  }
}
