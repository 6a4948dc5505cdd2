import { devToken } from '../../../test/support/client';
import { waitUntil } from './support/liveSubgraphs';
import { startLiveStack, type LiveStack } from './support/liveStack';
import { record, wsClient } from './support/wsClient';

const EVENTS = 'subscription Events($channel: String!) { ticketEvents(channel: $channel) { seq ticket { title } } }';
const QUEUE_SIZE = 3;

let stack: LiveStack;
let token: string;
beforeAll(async () => {
  stack = await startLiveStack({ MAX_QUERY_DEPTH: '4', MAX_ALIASES: '3', MAX_QUERY_COST: '100', SUBSCRIPTION_QUEUE_SIZE: String(QUEUE_SIZE), MAX_SUBSCRIPTIONS_PER_CONNECTION: '2' });
  token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

const connect = () => wsClient(stack.wsUrl, { authorization: `Bearer ${token}`, tenantId: 'contoso' });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** The GraphQL errors an operation was refused with (graphql-ws `error` message). */
async function refusal(query: string, variables: Record<string, unknown> = {}) {
  const client = connect();
  const events = record(client, query, variables);
  await events.waitForEnd();
  await client.dispose();
  expect(events.events).toEqual([]);
  return events.error as Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('onSubscribe applies the HTTP limits and refuses with GraphQL errors before anything reaches a subgraph', () => {
  test('a subscription deeper than MAX_QUERY_DEPTH', async () => {
    const errors = await refusal('subscription { ticketEvents(channel: "deep") { ticket { related { related { related { title } } } } } }');
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/depth limit/i), extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) } });
    expect(stack.feed.subscribers('contoso', 'deep')).toBe(0);
  });

  test('a subscription costlier than MAX_QUERY_COST', async () => {
    const errors = await refusal(`subscription { ticketEvents(channel: "cost") { ${'note '.repeat(120)} } }`);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/cost/i), extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('more aliases than MAX_ALIASES', async () => {
    const errors = await refusal('subscription { ticketEvents(channel: "aliases") { a: seq b: seq c: seq d: seq e: seq } }');
    expect(errors[0]?.message).toMatch(/aliases/i);
  });

  test('a field the API schema does not have', async () => {
    const errors = await refusal('subscription { ticketEvents(channel: "x") { secret } }');
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('a missing variable', async () => {
    const errors = await refusal(EVENTS);
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/\$channel/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('a syntax error', async () => {
    const errors = await refusal('subscription { ticketEvents(');
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  test('more operations than MAX_SUBSCRIPTIONS_PER_CONNECTION on one socket', async () => {
    const client = connect();
    const open = [record(client, EVENTS, { channel: 'cap' }), record(client, EVENTS, { channel: 'cap' })];
    await stack.feed.waitForSubscribers('contoso', 'cap', 2);
    const third = record(client, EVENTS, { channel: 'cap' });
    await third.waitForEnd();
    expect(third.error).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    open.forEach((s) => s.unsubscribe());
    await client.dispose();
  });
});

describe('teardown both ways', () => {
  test("a client's complete completes the upstream operation (its iterator's return() runs)", async () => {
    const client = connect();
    const events = record(client, EVENTS, { channel: 'leave' });
    await stack.feed.waitForSubscribers('contoso', 'leave', 1);
    stack.feed.publish('contoso', 'leave', { seq: 1, note: '', ticket: { id: 'T-1' } });
    await events.waitForEvents(1);
    const before = stack.feed.returnCalls;

    events.unsubscribe();
    await stack.feed.waitForSubscribers('contoso', 'leave', 0);
    expect(stack.feed.returnCalls).toBe(before + 1);
    expect(await metric('gateway_subscriptions_active{subgraph="feed"')).toBe(0);
    await client.dispose();
  });

  test('a client that drops its socket has its upstream operations completed too', async () => {
    const client = connect();
    record(client, EVENTS, { channel: 'drop' });
    record(client, EVENTS, { channel: 'drop' });
    await stack.feed.waitForSubscribers('contoso', 'drop', 2);
    const before = stack.feed.returnCalls;
    client.terminate();
    await stack.feed.waitForSubscribers('contoso', 'drop', 0);
    expect(stack.feed.returnCalls).toBe(before + 2);
  });

  test('losing the upstream socket ends the subscription with an error; subscribing again works once the subgraph is back', async () => {
    const client = connect();
    const events = record(client, EVENTS, { channel: 'outage' });
    await stack.feed.waitForSubscribers('contoso', 'outage', 1);
    await stack.stopFeed();
    await events.waitForEnd();
    expect(events.error).toMatchObject([{ message: expect.stringMatching(/feed service were interrupted/), extensions: { code: 'SUBSCRIPTION_INTERRUPTED' } }]);
    expect(await metric('gateway_subscription_upstream_sockets{subgraph="feed"')).toBe(0);

    await stack.startFeed();
    const again = record(client, EVENTS, { channel: 'outage' });
    await stack.feed.waitForSubscribers('contoso', 'outage', 1);
    stack.feed.publish('contoso', 'outage', { seq: 7, note: '', ticket: { id: 'T-2' } });
    await again.waitForEvents(1);
    expect(again.events[0]).toEqual({ data: { ticketEvents: { seq: 7, ticket: { title: 'Contoso impossible travel' } } } });
    again.unsubscribe();
    await client.dispose();
  });
});

test('a slow subscriber gets the newest events: the bounded queue drops the oldest and counts them', async () => {
  const client = connect();
  const events = record(client, EVENTS, { channel: 'burst' });
  await stack.feed.waitForSubscribers('contoso', 'burst', 1);
  const droppedBefore = await metric('gateway_subscription_events_dropped_total{subgraph="feed"');
  // Each event's entity fetch takes 150 ms: a burst of 12 arrives while the first is completed.
  stack.tickets.delayMs = 150;
  try {
    for (let seq = 1; seq <= 12; seq += 1) stack.feed.publish('contoso', 'burst', { seq, note: '', ticket: { id: 'T-1' } });
    await waitUntil(() => events.events.some((e) => e.data?.ticketEvents.seq === 12), 10_000, 'the newest event');
  } finally {
    stack.tickets.delayMs = 0;
  }
  const seqs = events.events.map((e) => e.data?.ticketEvents.seq as number);
  expect(seqs[0]).toBe(1);
  expect(seqs.slice(-QUEUE_SIZE)).toEqual([10, 11, 12]);
  expect(seqs.length).toBeLessThan(12);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect((await metric('gateway_subscription_events_dropped_total{subgraph="feed"')) - droppedBefore).toBe(12 - seqs.length);
  events.unsubscribe();
  await client.dispose();
});
