import { channelSubscription } from './channelSubscription';
import type { PubSub, Subscription } from './pubSub';

type Listener = (payload: unknown) => void;

/** PubSub for a single process: the embedded default. */
export function createMemoryPubSub(): PubSub {
  const channels = new Map<string, Set<Listener>>();
  return {
    async publish(channel, payload) {
      // Each subscriber gets its own copy, as it would from Redis.
      const json = JSON.stringify(payload);
      for (const listener of channels.get(channel) ?? []) listener(JSON.parse(json));
    },
    async subscribe<T>(channel: string, options: { bufferSize?: number } = {}): Promise<Subscription<T>> {
      const listeners = channels.get(channel) ?? new Set<Listener>();
      channels.set(channel, listeners);
      const subscription = channelSubscription<T>(() => {
        listeners.delete(listener);
        if (listeners.size === 0) channels.delete(channel);
      }, options.bufferSize);
      const listener: Listener = (payload) => subscription.push(payload as T);
      listeners.add(listener);
      return subscription;
    },
    async close() {
      channels.clear();
    },
  };
}
