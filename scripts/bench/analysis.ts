/**
 * Analysis pipeline benchmark (`npm run bench:analysis`): with a fake model provider of fixed
 * latency L per call, how close a run's wall time comes to its critical path (3 × L: root cause
 * and threat analysis in parallel, then severity, then verdict), and how long a stage event takes
 * from the stage's start to a subscriber of the gateway (graphql-ws), for 1 and for N concurrent runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { BenchStack } from './lib/benchStack';
import { startFakeModelProvider } from './lib/fakeModelProvider';
import { summarize } from './lib/percentiles';
import { ms, table } from './lib/report';

const ROOT = path.resolve(__dirname, '../..');
const env = process.env;
const LATENCY_MS = Number(env.BENCH_PROVIDER_LATENCY_MS ?? 500);
const CONCURRENT = Number(env.BENCH_CONCURRENT_RUNS ?? 50);
const SEQUENTIAL = Number(env.BENCH_SEQUENTIAL_RUNS ?? 5);
const PORT_BASE = Number(env.BENCH_PORT_BASE ?? 4100);
const FINAL_EVENT_GRACE_MS = 60_000;

interface StageEvent {
  type: string;
  stage: { agent: string; startedAt: string | null; finishedAt: string | null } | null;
  analysis: { id: string; status: string; createdAt: string; completedAt: string | null; incident: { title: string } };
}

async function main() {
  const provider = await startFakeModelProvider(LATENCY_MS);
  const tenants = JSON.parse(readFileSync(path.join(ROOT, 'config/tenants.json'), 'utf8'));
  for (const tenant of tenants.tenants) {
    // No fallback: a provider failure must show as a failed run, not as a fast local answer.
    tenant.ai = { default: { provider: 'openai-compatible', baseUrl: provider.baseUrl, model: 'bench-model', timeoutMs: 60_000 }, fallback: [] };
  }
  const tenantsFile = path.join(mkdtempSync(path.join(tmpdir(), 'soc-bench-analysis-')), 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(tenants));

  const stack = new BenchStack({
    portBase: PORT_BASE,
    demoIncidentsPerTenant: CONCURRENT,
    tenantsFile,
    log: (line) => console.log(line),
    onServiceFailure: () => {
      console.error(stack.logTails());
      process.exit(1);
    },
    // Every run of a batch may run at once; nothing is answered from the response cache.
    env: { ANALYSIS_CONCURRENCY: String(Math.max(CONCURRENT, 8)), EVENTS_POLL_INTERVAL_MS: '60000', SUBSCRIPTION_QUEUE_SIZE: '5000' },
  });
  const stop = async () => {
    await stack.stop();
    await provider.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  let client: Client | undefined;
  try {
    console.log(`starting the stack (${stack.databaseDescription})...`);
    await stack.start();
    const gateway = stack.url('gateway');
    const token = ((await (await fetch(`${gateway}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@contoso.example' }) })).json()) as { token: string }).token;
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': 'contoso' }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const incidentIds: string[] = (await gql(`query($n: Int) { incidents(first: $n) { edges { node { id } } } }`, { n: CONCURRENT })).incidents.edges.map((e: { node: { id: string } }) => e.node.id);

    // One subscriber of the tenant's live feed, opened before any run starts, sees every event.
    client = createClient({ url: `${gateway.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}`, tenantId: 'contoso' } });
    const received = new Map<string, Array<{ event: StageEvent; at: number }>>();
    const finished = new Map<string, () => void>();
    await new Promise<void>((resolve, reject) => {
      client!.subscribe<{ analysisActivity: StageEvent }>(
        { query: 'subscription { analysisActivity { type stage { agent startedAt finishedAt } analysis { id status createdAt completedAt incident { title } } } }' },
        {
          next: ({ data }) => {
            const event = data!.analysisActivity;
            const list = received.get(event.analysis.id) ?? [];
            list.push({ event, at: Date.now() });
            received.set(event.analysis.id, list);
            if (event.type === 'ANALYSIS_COMPLETED' || event.type === 'ANALYSIS_FAILED') finished.get(event.analysis.id)?.();
          },
          error: reject,
          complete: () => undefined,
        },
      );
      // The subscription is live once the first run's events arrive; give the socket a moment to open.
      setTimeout(resolve, 1000);
    });

    const runBatch = async (ids: string[]) => {
      const results = await Promise.all(
        ids.map(async (incidentId) => {
          const started = Date.now();
          const { analyzeIncident } = await gql(`mutation($id: ID!) { analyzeIncident(incidentId: $id, options: { bypassCache: true }) { id } }`, { id: incidentId });
          const id = analyzeIncident.id as string;
          // Wall time ends when the subscriber has the final event. A subscriber that falls behind
          // loses the oldest events (bounded queues), so the status is polled too: once it is
          // final, the event gets FINAL_EVENT_GRACE_MS more to arrive before it counts as missed.
          let endedAt = 0;
          await new Promise<void>((resolve) => {
            let grace: NodeJS.Timeout | undefined;
            const poll = setInterval(() => {
              gql(`query($id: ID!) { analysis(id: $id) { status } }`, { id })
                .then((data) => {
                  if (!['COMPLETED', 'FAILED', 'CANCELLED'].includes(data.analysis.status) || grace) return;
                  clearInterval(poll);
                  const polledAt = Date.now();
                  grace = setTimeout(() => {
                    endedAt = polledAt;
                    resolve();
                  }, FINAL_EVENT_GRACE_MS);
                })
                .catch(() => undefined); // an overloaded moment; the next poll asks again
            }, 5000);
            const onFinal = () => {
              clearInterval(poll);
              clearTimeout(grace);
              endedAt = Date.now();
              resolve();
            };
            finished.set(id, onFinal);
            if (received.get(id)?.some((r) => r.event.type.startsWith('ANALYSIS_'))) onFinal();
          });
          return { id, wallMs: endedAt - started };
        }),
      );
      const startDelays: number[] = [];
      const finishDelays: number[] = [];
      let failed = 0;
      for (const { id } of results) {
        for (const { event, at } of received.get(id) ?? []) {
          if (event.type === 'STAGE_STARTED' && event.stage?.startedAt) startDelays.push(at - Date.parse(event.stage.startedAt));
          if (event.type === 'STAGE_COMPLETED' && event.stage?.finishedAt) finishDelays.push(at - Date.parse(event.stage.finishedAt));
          if (event.type === 'ANALYSIS_FAILED') failed += 1;
        }
      }
      const missed = results.filter(({ id }) => !received.get(id)?.some((r) => r.event.type.startsWith('ANALYSIS_'))).length;
      return { wallMs: results.map((r) => r.wallMs), startDelays, finishDelays, failed, missed };
    };

    console.log(`warm-up run...`);
    await runBatch(incidentIds.slice(0, 1));
    const sequential = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) sequential.push(await runBatch([incidentIds[i % incidentIds.length]!]));
    console.log(`running ${CONCURRENT} analyses at once...`);
    const concurrent = await runBatch(incidentIds.slice(0, CONCURRENT));

    const critical = 3 * LATENCY_MS;
    console.log(`\nAnalysis pipeline: fake provider latency L = ${LATENCY_MS} ms per call, critical path 3 × L = ${critical} ms; ${stack.databaseDescription}\n`);
    const row = (label: string, batches: Array<Awaited<ReturnType<typeof runBatch>>>) => {
      const wall = summarize(batches.flatMap((b) => b.wallMs));
      const start = summarize(batches.flatMap((b) => b.startDelays));
      const end = summarize(batches.flatMap((b) => b.finishDelays));
      return [label, String(wall.count), String(batches.reduce((n, b) => n + b.failed, 0)), String(batches.reduce((n, b) => n + b.missed, 0)), ms(wall.p50), ms(wall.p95), (wall.p50 / critical).toFixed(2), (wall.p95 / critical).toFixed(2), ms(start.p50), ms(start.p95), ms(end.p95)];
    };
    console.log(
      table(
        ['runs at once', 'runs', 'failed', 'final event missed', 'wall p50 ms', 'wall p95 ms', 'wall/3L p50', 'wall/3L p95', 'start→subscriber p50 ms', 'p95 ms', 'end→subscriber p95 ms'],
        [row('1', sequential), row(String(CONCURRENT), [concurrent])],
      ),
    );
    console.log(`\nmodel calls answered by the fake provider: ${provider.calls}`);
    console.log('wall = analyzeIncident request to the ANALYSIS_COMPLETED event at the subscriber; stage delays = event received by the subscriber minus the stage time the analysis service recorded (same clock).');
  } finally {
    await client?.dispose();
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
