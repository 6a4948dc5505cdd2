import { devToken, graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';
import { waitUntil } from './subscriptions/support/liveSubgraphs';
import { record, wsClient, type Recorded } from './subscriptions/support/wsClient';

/**
 * Live analysis stages through the gateway against the real subgraphs: the analysis service owns
 * the stream, the incidents service the incident's title, which every event carries.
 */
const EVENT = 'seq type stage { agent status } analysis { id status incident { id title } }';
const ACTIVITY = `subscription { analysisActivity { ${EVENT} } }`;
const UPDATED = `subscription($id: ID!) { analysisUpdated(analysisId: $id) { ${EVENT} } }`;
const RUN = 'mutation($id: ID!) { analyzeIncident(incidentId: $id) { id } }';
const TERMINAL = ['ANALYSIS_COMPLETED', 'ANALYSIS_FAILED', 'ANALYSIS_CANCELLED'];

type Event = { seq: number; type: string; stage: { agent: string; status: string } | null; analysis: { id: string; status: string; incident: { id: string; title: string } } };

let stack: TestStack;
let contoso: string;
let fabrikam: string;
let incident: { id: string; title: string };
beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 2 });
  [contoso, fabrikam] = await Promise.all([devToken(stack.gatewayUrl, 'analyst@contoso.example'), devToken(stack.gatewayUrl, 'analyst@fabrikam.example')]);
  const first = (await (await stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso' }))!;
  incident = { id: String(first._id), title: first.title as string };
});
afterAll(() => stack?.stop());

async function waitForSubgraphSubscriptions(count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await (await fetch(`${stack.subgraphs.analysis.url}/metrics`)).text();
    const active = Number(/^graphql_subscriptions_active\S* (\d+)/m.exec(text)?.[1] ?? 0);
    if (active >= count) return;
    if (Date.now() > deadline) throw new Error(`the analysis service has ${active} live subscriptions, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const wsUrl = () => `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
const eventsOf = (recorded: Recorded, field: string) => recorded.events.map((e) => (e.data as Record<string, Event> | null)?.[field]);

test("a tenant's live feed streams an analysis's stages with the incident's title; another tenant's feed gets nothing", async () => {
  const mine = wsClient(wsUrl(), { authorization: `Bearer ${contoso}`, tenantId: 'contoso' });
  const theirs = wsClient(wsUrl(), { authorization: `Bearer ${fabrikam}`, tenantId: 'fabrikam' });
  const feed = record(mine, ACTIVITY);
  const otherFeed = record(theirs, ACTIVITY);
  // Both feeds listen in the analysis service before the run starts.
  await waitForSubgraphSubscriptions(2);

  const started = await graphql(stack.gatewayUrl, RUN, { id: incident.id }, { token: contoso });
  expect(started.body.errors).toBeUndefined();
  const analysisId = started.body.data!.analyzeIncident.id as string;
  await waitUntil(() => eventsOf(feed, 'analysisActivity').some((e) => e?.analysis.id === analysisId && TERMINAL.includes(e.type)), 30_000, 'the end of the analysis');

  const events = eventsOf(feed, 'analysisActivity').filter((e) => e?.analysis.id === analysisId) as Event[];
  expect(feed.events.filter((e) => e.errors)).toEqual([]);
  expect(events.some((e) => e.type === 'STAGE_STARTED')).toBe(true);
  for (const event of events) expect(event.analysis.incident).toEqual(incident);
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(otherFeed.events).toEqual([]);

  feed.unsubscribe();
  otherFeed.unsubscribe();
  await Promise.all([mine.dispose(), theirs.dispose()]);
}, 60_000);

test('analysisUpdated starts with a snapshot, then numbered events up to the end; other tenants get NOT_FOUND', async () => {
  const client = wsClient(wsUrl(), { authorization: `Bearer ${contoso}`, tenantId: 'contoso' });
  const started = await graphql(stack.gatewayUrl, RUN, { id: incident.id }, { token: contoso });
  const analysisId = started.body.data!.analyzeIncident.id as string;
  const updates = record(client, UPDATED, { id: analysisId });
  await updates.waitForEnd(30_000);

  expect(updates.completed).toBe(true);
  const events = eventsOf(updates, 'analysisUpdated') as Event[];
  expect(events[0]).toMatchObject({ type: 'SNAPSHOT', analysis: { id: analysisId, incident } });
  const last = events[events.length - 1]!;
  expect(TERMINAL.includes(last.type) || (last.type === 'SNAPSHOT' && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(last.analysis.status))).toBe(true);
  // After the snapshot, every event has the next seq: no gaps, no repeats.
  events.slice(1).forEach((event, i) => expect(event.seq).toBe(events[0]!.seq + i + 1));
  for (const event of events) expect(event.analysis.incident).toEqual(incident);

  const intruder = wsClient(wsUrl(), { authorization: `Bearer ${fabrikam}`, tenantId: 'fabrikam' });
  const denied = record(intruder, UPDATED, { id: analysisId });
  await denied.waitForEnd(10_000);
  expect(denied.events).toEqual([{ data: null, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] }]);
  await Promise.all([client.dispose(), intruder.dispose()]);
}, 60_000);
