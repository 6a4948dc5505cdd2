import { BoundedQueue } from '../src';

const drain = async <T>(queue: AsyncIterable<T>) => {
  const items: T[] = [];
  for await (const item of queue) items.push(item);
  return items;
};

test('a slow consumer gets the newest items; the oldest are dropped and counted', async () => {
  const dropped: number[] = [];
  const queue = new BoundedQueue<number>({ capacity: 3, onDrop: (item) => dropped.push(item) });
  for (let i = 1; i <= 10; i += 1) queue.push(i);
  queue.end();
  expect(await drain(queue)).toEqual([8, 9, 10]);
  expect(dropped).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(queue.dropped).toBe(7);
});

test('a waiting consumer receives an item at once, in order, without it counting against the buffer', async () => {
  const queue = new BoundedQueue<string>({ capacity: 1 });
  const first = queue.next();
  queue.push('a');
  queue.push('b');
  expect(await first).toEqual({ value: 'a', done: false });
  expect(await queue.next()).toEqual({ value: 'b', done: false });
  expect(queue.dropped).toBe(0);
});

test('end() and fail() deliver what is buffered first', async () => {
  const ended = new BoundedQueue<number>({ capacity: 5 });
  ended.push(1);
  ended.push(2);
  ended.end();
  ended.push(3); // after the end: ignored
  expect(await drain(ended)).toEqual([1, 2]);

  const failed = new BoundedQueue<number>({ capacity: 5 });
  failed.push(1);
  failed.fail(new Error('upstream lost'));
  expect(await failed.next()).toEqual({ value: 1, done: false });
  await expect(failed.next()).rejects.toThrow('upstream lost');
  expect(await failed.next()).toEqual({ value: undefined, done: true });
});

test('a pending next() settles when the producer ends or fails', async () => {
  const ended = new BoundedQueue<number>({ capacity: 2 });
  const pending = ended.next();
  ended.end();
  expect(await pending).toEqual({ value: undefined, done: true });

  const failed = new BoundedQueue<number>({ capacity: 2 });
  const rejected = failed.next();
  failed.fail(new Error('boom'));
  await expect(rejected).rejects.toThrow('boom');
});

test('return() ends a pending next(), discards the buffer and runs onClose exactly once', async () => {
  let closed = 0;
  const queue = new BoundedQueue<number>({ capacity: 2, onClose: () => (closed += 1) });
  const pending = queue.next();
  await queue.return();
  expect(await pending).toEqual({ value: undefined, done: true });
  queue.push(1);
  expect(await queue.next()).toEqual({ value: undefined, done: true });
  await queue.return();
  queue.end();
  expect(closed).toBe(1);
  expect(queue.isClosed).toBe(true);
});

test('onClose runs when an ended queue is drained', async () => {
  let closed = 0;
  const queue = new BoundedQueue<number>({ capacity: 2, onClose: () => (closed += 1) });
  queue.push(1);
  queue.end();
  expect(closed).toBe(0);
  await drain(queue);
  expect(closed).toBe(1);
});

test('capacity must be a positive integer', () => {
  expect(() => new BoundedQueue({ capacity: 0 })).toThrow(/positive integer/);
});
