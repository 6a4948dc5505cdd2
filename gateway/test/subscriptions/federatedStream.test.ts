import { setTimeout as delay } from 'node:timers/promises';
import { devToken, graphql } from '../../../test/support/client';
import { startLiveStack, type LiveStack } from './support/liveStack';
import { record, wsClient } from './support/wsClient';

const EVENTS = 'subscription Events($channel: String!) { ticketEvents(channel: $channel) { seq note ticket { id title } } }';

let stack: LiveStack;
let contoso: string;
let fabrikam: string;
beforeAll(async () => {
  stack = await startLiveStack();
  [contoso, fabrikam] = await Promise.all([devToken(stack.gatewayUrl, 'analyst@contoso.example'), devToken(stack.gatewayUrl, 'analyst@fabrikam.example')]);
});
afterAll(() => stack?.stop());

const asContoso = () => wsClient(stack.wsUrl, { authorization: `Bearer ${contoso}`, tenantId: 'contoso' });
const asFabrikam = () => wsClient(stack.wsUrl, { authorization: `Bearer ${fabrikam}`, tenantId: 'fabrikam' });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('a subscriber receives every event in order, each with a field resolved by the other subgraph', async () => {
  const client = asContoso();
  const events = record(client, EVENTS, { channel: 'ordered' });
  await stack.feed.waitForSubscribers('contoso', 'ordered', 1);
  for (let seq = 1; seq <= 25; seq += 1) stack.feed.publish('contoso', 'ordered', { seq, note: `event ${seq}`, ticket: { id: seq % 2 ? 'T-1' : 'T-2' } });
  await events.waitForEvents(25);

  expect(events.events.map((e) => e.data?.ticketEvents.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  expect(events.events.filter((e) => e.errors)).toEqual([]);
  expect(events.events[0]!.data).toEqual({ ticketEvents: { seq: 1, note: 'event 1', ticket: { id: 'T-1', title: 'Contoso phishing wave' } } });
  expect(events.events[1]!.data?.ticketEvents.ticket.title).toBe('Contoso impossible travel');
  // The entity fetches (the plan's `rest`) carried the subscriber's tenant.
  expect(new Set(stack.tickets.lookups.map((l) => l.tenantId))).toEqual(new Set(['contoso']));
  expect(await metric('gateway_subscriptions_active{subgraph="feed"')).toBe(1);
  expect(await metric('gateway_subscription_events_delivered_total{subgraph="feed"')).toBeGreaterThanOrEqual(25);

  events.unsubscribe();
  await stack.feed.waitForSubscribers('contoso', 'ordered', 0);
  await client.dispose();
});

test('a burst is completed with overlapping entity fetches and still delivered in order, a slow fetch holding back the later events', async () => {
  const client = asContoso();
  const events = record(client, EVENTS, { channel: 'burst-order' });
  await stack.feed.waitForSubscribers('contoso', 'burst-order', 1);
  // T-1's lookup is slow, T-2's immediate: without ordering, the T-2 events would overtake.
  stack.tickets.delayById['T-1'] = 200;
  stack.tickets.mostRunning = 0;
  try {
    for (let seq = 1; seq <= 10; seq += 1) stack.feed.publish('contoso', 'burst-order', { seq, note: `event ${seq}`, ticket: { id: seq % 2 ? 'T-1' : 'T-2' } });
    await events.waitForEvents(10);
  } finally {
    delete stack.tickets.delayById['T-1'];
  }
  expect(events.events.map((e) => e.data?.ticketEvents.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  expect(events.events.map((e) => e.data?.ticketEvents.ticket.title)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? 'Contoso impossible travel' : 'Contoso phishing wave')));
  // Several fetches ran at once, never more than SUBSCRIPTION_RESOLVE_CONCURRENCY (8 by default).
  expect(stack.tickets.mostRunning).toBeGreaterThan(1);
  expect(stack.tickets.mostRunning).toBeLessThanOrEqual(8);
  events.unsubscribe();
  await client.dispose();
});

test("another tenant's subscriber receives none of the first tenant's events", async () => {
  const [a, b] = [asContoso(), asFabrikam()];
  const contosoEvents = record(a, EVENTS, { channel: 'shared' });
  const fabrikamEvents = record(b, EVENTS, { channel: 'shared' });
  await stack.feed.waitForSubscribers('contoso', 'shared', 1);
  await stack.feed.waitForSubscribers('fabrikam', 'shared', 1);

  for (let seq = 1; seq <= 5; seq += 1) stack.feed.publish('contoso', 'shared', { seq, note: 'contoso only', ticket: { id: 'T-1' } });
  stack.feed.publish('fabrikam', 'shared', { seq: 1, note: 'fabrikam only', ticket: { id: 'F-1' } });
  await contosoEvents.waitForEvents(5);
  await fabrikamEvents.waitForEvents(1);
  await delay(200); // anything misrouted would arrive by now

  expect(contosoEvents.events.map((e) => e.data?.ticketEvents.note)).toEqual(Array(5).fill('contoso only'));
  expect(fabrikamEvents.events).toEqual([{ data: { ticketEvents: { seq: 1, note: 'fabrikam only', ticket: { id: 'F-1', title: 'Fabrikam ransomware note' } } } }]);
  await Promise.all([a.dispose(), b.dispose()]);
});

test('every subscription to a subgraph shares one upstream socket', async () => {
  const [a, b] = [asContoso(), asFabrikam()];
  const subscriptions = [record(a, EVENTS, { channel: 'one' }), record(a, EVENTS, { channel: 'two' }), record(b, EVENTS, { channel: 'one' })];
  await stack.feed.waitForSubscribers('contoso', 'two', 1);
  await stack.feed.waitForSubscribers('fabrikam', 'one', 1);
  await stack.feed.waitForSubscribers('contoso', 'one', 1);
  expect(await metric('gateway_subscription_upstream_sockets{subgraph="feed"')).toBe(1);
  expect(await metric('gateway_subscriptions_active{subgraph="feed"')).toBe(3);
  subscriptions.forEach((s) => s.unsubscribe());
  await Promise.all([a.dispose(), b.dispose()]);
});

test('the owning subgraph ending a stream completes the subscription after its last event', async () => {
  const client = asContoso();
  const events = record(client, EVENTS, { channel: 'finite' });
  await stack.feed.waitForSubscribers('contoso', 'finite', 1);
  stack.feed.publish('contoso', 'finite', { seq: 1, note: 'last', ticket: { id: 'T-2' } });
  stack.feed.end('contoso', 'finite');
  await events.waitForEnd();
  expect(events.completed).toBe(true);
  expect(events.events.map((e) => e.data?.ticketEvents.note)).toEqual(['last']);
  await client.dispose();
});

test("the owning subgraph's refusal reaches the client as its GraphQL error, then the subscription completes", async () => {
  const client = asContoso();
  const events = record(client, EVENTS, { channel: 'missing' });
  await events.waitForEnd();
  expect(events.completed).toBe(true);
  expect(events.events).toEqual([
    { data: null, errors: [expect.objectContaining({ message: 'Channel not found', extensions: expect.objectContaining({ code: 'NOT_FOUND', requestId: expect.any(String) }) })] },
  ]);
  await client.dispose();
});

test('queries over the socket run through the normal gateway pipeline, tenant-scoped', async () => {
  const [a, b] = [asContoso(), asFabrikam()];
  const query = '{ ticket(id: "T-1") { title } }';
  const mine = record(a, query);
  const theirs = record(b, query);
  await Promise.all([mine.waitForEnd(), theirs.waitForEnd()]);
  expect(mine.events).toEqual([{ data: { ticket: { title: 'Contoso phishing wave' } } }]);
  expect(theirs.events).toEqual([{ data: { ticket: null } }]);
  await Promise.all([a.dispose(), b.dispose()]);
});

test('a subscription sent over HTTP is answered 400 with where subscriptions are served', async () => {
  const { status, body } = await graphql(stack.gatewayUrl, 'subscription { ticketEvents(channel: "http") { seq } }', {}, { token: contoso });
  expect(status).toBe(400);
  expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/graphql-ws/), extensions: { code: 'BAD_REQUEST' } });
});
