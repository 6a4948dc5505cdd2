export * from './pubSub';
export * from './channelSubscription';
export * from './memoryPubSub';
export * from './redisPubSub';

import { createMemoryPubSub } from './memoryPubSub';
import { createRedisPubSub } from './redisPubSub';
import type { PubSub } from './pubSub';

/** Redis when a URL is configured, in memory otherwise. */
export const createPubSub = (redisUrl?: string, keyPrefix?: string): Promise<PubSub> =>
  redisUrl ? createRedisPubSub(redisUrl, { keyPrefix }) : Promise.resolve(createMemoryPubSub());
