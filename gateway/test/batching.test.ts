import { addAnalyses, addNotifications, incidentIds } from '../../test/support/fixtures';
import { devToken, graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

/**
 * N+1 guard: the database queries a page costs must not grow with the page size. Counted from
 * each service's own `mongo_commands_total` metric, i.e. what really reached the database.
 */
let stack: TestStack;
let token: string;

beforeAll(async () => {
  // Background pollers (Sentinel schedule, write-back queue, event relay and consumers, run
  // recovery) would add their own commands to the counts.
  const hourMs = '3600000';
  stack = await startTestStack({
    demoIncidentsPerTenant: 210,
    env: {
      SENTINEL_SYNC_TICK_SECONDS: '3600',
      SENTINEL_WRITEBACK_INTERVAL_MS: hourMs,
      INCIDENT_EVENTS_INTERVAL_MS: hourMs,
      EVENTS_POLL_INTERVAL_MS: hourMs,
      ANALYSIS_RECOVERY_INTERVAL_MS: hourMs,
      NOTIFICATIONS_WORKER_INTERVAL_MS: hourMs,
    },
  });
  token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const ids = await incidentIds(stack, 'contoso');
  // Every incident on the pages has an analysis and a notification to resolve.
  await addAnalyses(stack, 'contoso', ids);
  await addNotifications(stack, 'contoso', ids);
}, 120_000);
afterAll(() => stack?.stop());

async function commandCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, service] of Object.entries(stack.subgraphs)) {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    counts[name] = text
      .split('\n')
      // getMore and killCursors continue or close a query's cursor; they are not other queries.
      .filter((line) => line.startsWith('mongo_commands_total{') && !/command="(getMore|killCursors)"/.test(line))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }
  return counts;
}

async function queriesFor(first: number): Promise<Record<string, number>> {
  const query = `query($first: Int) { incidents(first: $first) { totalCount edges { node { id title tenant { name } latestAnalysis { status } analyses { id } notifications { status } } } } }`;
  const before = await commandCounts();
  const { body } = await graphql(stack.gatewayUrl, query, { first }, { token });
  const after = await commandCounts();
  expect(body.errors).toBeUndefined();
  const edges = body.data!.incidents.edges;
  expect(edges).toHaveLength(first);
  expect(edges.every((e: any) => e.node.tenant.name === 'Contoso Ltd' && e.node.latestAnalysis?.status === 'COMPLETED' && e.node.notifications.length === 1)).toBe(true);
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name]! - before[name]!]));
}

test('a page of 200 incidents with cross-subgraph fields costs the same database queries as a page of 10', async () => {
  await queriesFor(10); // warm-up: user lookup caches, connection setup
  const ten = await queriesFor(10);
  const twoHundred = await queriesFor(200);
  console.log(`database commands per request, page of 10: ${JSON.stringify(ten)}; page of 200: ${JSON.stringify(twoHundred)}`);
  expect(twoHundred).toEqual(ten);
  // And the count is small: list + count, one batched lookup per extending subgraph.
  expect(ten.incidents).toBeLessThanOrEqual(2);
  expect(ten.analysis).toBe(1);
  expect(ten.notifications).toBe(1);
});
