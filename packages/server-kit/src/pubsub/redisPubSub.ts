import { Redis } from 'ioredis';
import { channelSubscription } from './channelSubscription';
import type { PubSub, Subscription } from './pubSub';

type Listener = (payload: unknown) => void;

/**
 * PubSub over Redis: one publishing and one subscribing connection per process; Redis channels
 * are joined on the first local subscriber and left after the last.
 */
export async function createRedisPubSub(url: string, options: { keyPrefix?: string } = {}): Promise<PubSub> {
  const prefix = options.keyPrefix ?? 'soc:';
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const channels = new Map<string, Set<Listener>>();
  subscriber.on('message', (channel: string, message: string) => {
    const listeners = channels.get(channel.slice(prefix.length));
    if (!listeners) return;
    for (const listener of listeners) listener(JSON.parse(message));
  });

  return {
    async publish(channel, payload) {
      await publisher.publish(prefix + channel, JSON.stringify(payload));
    },
    async subscribe<T>(channel: string, subscribeOptions: { bufferSize?: number } = {}): Promise<Subscription<T>> {
      let listeners = channels.get(channel);
      if (!listeners) {
        listeners = new Set();
        channels.set(channel, listeners);
        await subscriber.subscribe(prefix + channel);
      }
      const own = listeners;
      const subscription = channelSubscription<T>(() => {
        own.delete(listener);
        if (own.size === 0 && channels.get(channel) === own) {
          channels.delete(channel);
          void subscriber.unsubscribe(prefix + channel).catch(() => {});
        }
      }, subscribeOptions.bufferSize);
      const listener: Listener = (payload) => subscription.push(payload as T);
      own.add(listener);
      return subscription;
    },
    async close() {
      channels.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
