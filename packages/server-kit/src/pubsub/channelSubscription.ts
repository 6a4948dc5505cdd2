import type { Subscription } from './pubSub';

const DEFAULT_BUFFER = 256;

/**
 * An async iterator fed by pushes, with a bounded buffer that keeps the newest events: a slow
 * subscriber loses old events rather than growing memory without limit.
 */
export function channelSubscription<T>(onClose: () => void, bufferSize = DEFAULT_BUFFER): Subscription<T> & { push(value: T): void } {
  const buffer: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let closed = false;
  let dropped = 0;

  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };

  return {
    get dropped() {
      return dropped;
    },
    push(value: T) {
      if (closed) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
        return;
      }
      buffer.push(value);
      if (buffer.length > bufferSize) {
        buffer.shift();
        dropped += 1;
      }
    },
    next() {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as T, done: false });
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      close();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Wraps a resolver's async generator that reads from `live`, so that return() (the client
 * unsubscribed) ends it at once: an async generator waiting inside `for await` would otherwise
 * queue the return until the next live event arrived, keeping the subscription open meanwhile.
 */
export function closeWith<T>(source: AsyncGenerator<T>, live: { return?(): unknown }): AsyncGenerator<T> {
  const close = async () => {
    await live.return?.();
  };
  return {
    next: (...args) => source.next(...args),
    async return(value) {
      await close();
      return source.return(value as never);
    },
    async throw(error) {
      await close();
      return source.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<T>;
}
