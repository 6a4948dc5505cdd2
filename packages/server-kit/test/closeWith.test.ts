import { closeWith, createMemoryPubSub } from '../src';

test('unsubscribing ends a resolver stream at once, even while it waits for the next event', async () => {
  const pubsub = createMemoryPubSub();
  const live = await pubsub.subscribe<number>('quiet-channel');
  let cleanedUp = false;
  const stream = closeWith(
    (async function* () {
      try {
        for await (const value of live) yield value;
      } finally {
        cleanedUp = true;
      }
    })(),
    live,
  );
  await pubsub.publish('quiet-channel', 1);
  expect(await stream.next()).toEqual({ value: 1, done: false });
  const waiting = stream.next(); // nothing is published: the generator waits inside for-await
  await stream.return(undefined);
  expect(await waiting).toEqual({ value: undefined, done: true });
  expect(cleanedUp).toBe(true);
  // The channel has no listener left: a later publish reaches nobody.
  await pubsub.publish('quiet-channel', 2);
  expect(await stream.next()).toEqual({ value: undefined, done: true });
});
