/**
 * `npm run bench:sentinel`: what the Sentinel sync and the analyst's incident list cost.
 *
 * 1. Sync throughput: the fake Sentinel and Entra ID of the incidents tests (HTTPS, in this
 *    process) serve BENCH_SYNC_INCIDENTS incidents with their alerts, entities and comments; the
 *    benchmark's own stack (lib/benchStack.ts, launched like `npm start`) is pointed at it with
 *    `configureSentinelWorkspace`, and one `syncSentinel` brings everything into the empty
 *    database through the product's own client (@azure/identity, Node fetch, NODE_EXTRA_CA_CERTS
 *    trusting the fake). Reference, same run and database: the same documents inserted again with
 *    plain insertMany into a scratch collection with the same indexes.
 * 2. The filtered incident list (an analyst's filter, newest first, 50 per page, with totalCount)
 *    with BENCH_LIST_SIZES incidents in the tenant, one request at a time, through the gateway and
 *    straight to the incidents subgraph, plus `incident(id)` through the gateway as the cost of a
 *    primary-key read. Incidents beyond the synced ones are built with the incidents service's own
 *    document builder and inserted directly (not synced).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { incidentFilter } from '../../subgraphs/incidents/src/services/incidentList';
import { FakeSentinel } from '../../subgraphs/incidents/test/fakes/fakeSentinel';
import { devToken, graphql } from '../../test/support/client';
import { BenchStack } from './lib/benchStack';
import { explainFind } from './lib/explainFind';
import { graphqlFailure, KeepAliveClient } from './lib/httpClient';
import { incidentsModelOf, insertBuiltIncidents, rawInsertReference, seedFakeSentinel, TENANT, TenantTally, type ListFilter } from './lib/incidentData';
import { ms, table } from './lib/report';
import { measureSequential, type ProbeResult } from './lib/sequentialLatency';
import { SENTINEL_USAGE, sentinelBenchOptions, type SentinelBenchOptions } from './lib/sentinelOptions';
import { internalTokenHeader } from './lib/targets';

const ROOT = path.resolve(__dirname, '../..');
const PAGE = 50;
const ANALYST = 'analyst@contoso.example';
const ADMIN = 'admin@soc.example';
const SECRET_VARIABLE = 'BENCH_SENTINEL_CLIENT_SECRET';
const DAY = 86_400_000;

const count = (n: number) => n.toLocaleString('en-US');
/** Other work on the machine shows in the figures: the load average says how much there was. */
const loadText = () => `load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`;
const secs = (s: number) => s.toFixed(1);
const rate = (n: number, s: number) => (s > 0 ? (n / s).toFixed(1) : '-');

function commandLine(): string {
  const vars = ['BENCH_SYNC_INCIDENTS', 'BENCH_LIST_SIZES', 'BENCH_LIST_REQUESTS', 'BENCH_LIST_WARMUP', 'BENCH_LIST_MAX_SECONDS', 'BENCH_LIST_EXTRA', 'BENCH_LIST_TIMEOUT_SECONDS', 'BENCH_PORT_BASE', 'MONGODB_URI']
    .filter((name) => process.env[name] !== undefined)
    .map((name) => `${name}=${process.env[name]}`);
  const run = process.env.npm_lifecycle_event === 'bench:sentinel' ? 'npm run bench:sentinel' : 'node --import tsx scripts/bench/sentinel.ts';
  return [...vars, run].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Sync

interface SyncState {
  status: string;
  processed: number;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
}

const SYNC_STATE = '{ sentinelWorkspace { sync { status processed startedAt finishedAt lastError } } }';

async function configureWorkspace(gatewayUrl: string, fake: FakeSentinel): Promise<void> {
  const admin = await devToken(gatewayUrl, ADMIN);
  const workspace = fake.workspaceConfig();
  const { body } = await graphql(
    gatewayUrl,
    'mutation($input: SentinelWorkspaceInput!) { configureSentinelWorkspace(input: $input) { workspaceName } }',
    {
      input: {
        subscriptionId: workspace.subscriptionId,
        resourceGroup: workspace.resourceGroup,
        workspaceName: workspace.workspaceName,
        entraTenantId: workspace.entraTenantId,
        clientId: workspace.clientId,
        clientSecretRef: `env:${SECRET_VARIABLE}`,
        armEndpoint: workspace.armEndpoint,
        authorityHost: workspace.authorityHost,
      },
    },
    { token: admin, tenant: TENANT },
  );
  if (body.errors) throw new Error(`configureSentinelWorkspace failed: ${JSON.stringify(body.errors)}`);
}

/** One `syncSentinel`, followed through the API until it is no longer RUNNING. */
async function syncOnce(gatewayUrl: string, token: string, total: number): Promise<{ state: SyncState; wallSeconds: number; serverSeconds: number }> {
  const sent = performance.now();
  const started = await graphql(gatewayUrl, 'mutation { syncSentinel { status } }', {}, { token });
  if (started.body.errors) throw new Error(`syncSentinel failed: ${JSON.stringify(started.body.errors)}`);
  let shown = sent;
  for (;;) {
    await delay(250);
    const { body } = await graphql(gatewayUrl, SYNC_STATE, {}, { token });
    if (body.errors) throw new Error(`sync state query failed: ${JSON.stringify(body.errors)}`);
    const state = body.data!.sentinelWorkspace.sync as SyncState;
    const now = performance.now();
    if (state.status !== 'RUNNING') {
      const serverSeconds = state.startedAt && state.finishedAt ? (Date.parse(state.finishedAt) - Date.parse(state.startedAt)) / 1000 : Number.NaN;
      return { state, wallSeconds: (now - sent) / 1000, serverSeconds };
    }
    if (now - shown >= 30_000) {
      shown = now;
      const elapsed = (now - sent) / 1000;
      console.log(total > 0 ? `  ... ${count(state.processed)} of ${count(total)} after ${secs(elapsed)} s (${rate(state.processed, elapsed)} incidents/s so far)` : `  ... running after ${secs(elapsed)} s`);
    }
  }
}

function armOperations(fake: FakeSentinel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of fake.armRequests()) counts.set(request.operation ?? 'other', (counts.get(request.operation ?? 'other') ?? 0) + 1);
  return counts;
}

const describeOperations = (counts: Map<string, number>) => [...counts].map(([operation, n]) => `${operation} ${count(n)}`).join(', ');

// ---------------------------------------------------------------------------------------------
// Incident list

const LIST_QUERY = `query IncidentListFiltered($filter: IncidentFilter) {
  incidents(filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }, first: ${PAGE}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id number title severity status createdAt owner { email } } }
  }
}`;
const BY_ID_QUERY = 'query IncidentById($id: ID!) { incident(id: $id) { id number title severity status createdAt owner { email } } }';
/** The floor of the same path (gateway, incidents subgraph, database): one small document read by its string _id. */
const SMALL_READ = JSON.stringify({ query: 'query SmallRead { sentinelWorkspace { workspaceName } }', operationName: 'SmallRead' });

interface ListNode {
  id: string;
  number: number;
  severity: string;
  status: string;
  createdAt: string;
}

/** The list answer must be exactly right, else its timing means nothing. */
function checkListAnswer(label: string, replyBody: string, filter: ListFilter, expectedTotal: number): ListNode[] {
  const parsed = JSON.parse(replyBody) as { data?: { incidents?: { totalCount: number; edges: Array<{ node: ListNode }> } }; errors?: unknown };
  if (parsed.errors || !parsed.data?.incidents) throw new Error(`${label}: ${replyBody.slice(0, 300)}`);
  const { totalCount, edges } = parsed.data.incidents;
  const nodes = edges.map((e) => e.node);
  const problems: string[] = [];
  if (totalCount !== expectedTotal) problems.push(`totalCount ${totalCount}, expected ${expectedTotal}`);
  if (nodes.length !== Math.min(PAGE, expectedTotal)) problems.push(`${nodes.length} incidents on the page, expected ${Math.min(PAGE, expectedTotal)}`);
  nodes.forEach((node, i) => {
    const created = Date.parse(node.createdAt);
    if (!filter.severity.includes(node.severity as never) || !filter.status.includes(node.status as never)) problems.push(`#${node.number} is ${node.severity}/${node.status}`);
    if (created < filter.createdAfter.getTime() || created >= filter.createdBefore.getTime()) problems.push(`#${node.number} created ${node.createdAt}, outside the range`);
    if (i > 0 && created > Date.parse(nodes[i - 1]!.createdAt)) problems.push(`#${node.number} is out of order`);
  });
  if (problems.length) throw new Error(`${label} answered wrongly:\n  ${problems.slice(0, 5).join('\n  ')}`);
  return nodes;
}

interface SizeFigures {
  size: number;
  matching: number;
  rounds: number;
  seconds: number;
  results: ProbeResult[];
  plan: string;
  loaded: string;
  load: string;
}

const LIST_LABEL = 'gateway: filtered list';
const DIRECT_LABEL = 'incidents subgraph: same query';
const BY_ID_LABEL = 'gateway: incident(id)';
const SMALL_LABEL = 'gateway: one small read';

async function measureList(
  stack: BenchStack,
  options: SentinelBenchOptions,
  withExtra: boolean,
  filter: ListFilter,
  tally: TenantTally,
  connection: mongoose.Connection,
  analystToken: string,
  internalHeaders: () => Record<string, string>,
  loaded: string,
): Promise<SizeFigures> {
  const variables = {
    filter: { severity: filter.severity, status: filter.status, createdAfter: filter.createdAfter.toISOString(), createdBefore: filter.createdBefore.toISOString() },
  };
  const listBody = JSON.stringify({ query: LIST_QUERY, variables, operationName: 'IncidentListFiltered' });
  const byIdBody = (id: string) => JSON.stringify({ query: BY_ID_QUERY, variables: { id }, operationName: 'IncidentById' });
  const gatewayHeaders = { authorization: `Bearer ${analystToken}` };
  // A list request on FerretDB can take many minutes: only a request that stays silent for longer counts as failed.
  const gateway = new KeepAliveClient(`${stack.url('gateway')}/graphql`, 1, options.listTimeoutSeconds * 1000);
  const direct = new KeepAliveClient(`${stack.url('incidents')}/graphql`, 1, options.listTimeoutSeconds * 1000);
  try {
    const plan = await explainFind(connection.db!, 'incidents', incidentFilter(TENANT, filter), { createdAt: -1, _id: -1 }, PAGE + 1);
    console.log(`  query plan of the page's find: ${plan}`);

    // Every answer is checked for errors; the first round's list answers also for content (below).
    const post = async (client: KeepAliveClient, body: string, headers: Record<string, string>) => {
      const reply = await client.post(body, headers);
      const failure = graphqlFailure(reply);
      if (failure) throw new Error(failure);
      return reply.body;
    };
    const answers: Record<string, string> = {};
    const failures: Record<string, string> = {};
    const noted = async (label: string, request: () => Promise<string>) => {
      try {
        return await request();
      } catch (error) {
        failures[label] = error instanceof Error ? error.message : String(error);
        throw error;
      }
    };
    let next = 0;
    const probes = [
      { label: LIST_LABEL, send: async () => void (answers[LIST_LABEL] = await noted(LIST_LABEL, () => post(gateway, listBody, gatewayHeaders))) },
      { label: SMALL_LABEL, send: async () => void (await post(gateway, SMALL_READ, gatewayHeaders)) },
      ...(withExtra
        ? [
            { label: DIRECT_LABEL, send: async () => void (answers[DIRECT_LABEL] = await noted(DIRECT_LABEL, () => post(direct, listBody, internalHeaders()))) },
            { label: BY_ID_LABEL, send: async () => void (await post(gateway, byIdBody(tally.sampleIds[next++ % tally.sampleIds.length]!), gatewayHeaders)) },
          ]
        : []),
    ];
    let shown = performance.now();
    const measured = await measureSequential(probes, {
      rounds: options.listRequests,
      warmupRounds: options.listWarmup,
      maxSeconds: options.listMaxSeconds,
      minRounds: 1,
      onRound: (round, last) => {
        if (round === 1) {
          // An answer must be exactly right, else its timing means nothing; a failure is a finding, reported with the figures.
          for (const label of [LIST_LABEL, ...(withExtra ? [DIRECT_LABEL] : [])]) {
            const answer = answers[label];
            if (!answer) {
              console.log(`  ${label} FAILED: ${failures[label] ?? 'no answer'}`);
              continue;
            }
            const nodes = checkListAnswer(label, answer, filter, tally.matching);
            console.log(`  check (${label}): ${nodes.length} incidents, newest first, all matching the filter; totalCount ${count(tally.matching)} as expected`);
          }
          if (answers[LIST_LABEL] && answers[DIRECT_LABEL] && answers[DIRECT_LABEL] !== answers[LIST_LABEL]) throw new Error('the gateway and the incidents subgraph answered differently');
        }
        if (performance.now() - shown < 20_000 && round !== 1) return;
        shown = performance.now();
        console.log(`  round ${round}: ${Object.entries(last).map(([label, t]) => `${label} ${ms(t)} ms`).join(', ')}  (${loadText()})`);
      },
    });
    return { size: tally.incidents, matching: tally.matching, ...measured, plan, loaded, load: loadText() };
  } finally {
    gateway.close();
    direct.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function bench(options: SentinelBenchOptions, stack: BenchStack, fake: FakeSentinel): Promise<void> {
  const cores = availableParallelism();
  const now = new Date();
  const filter: ListFilter = { severity: ['HIGH', 'MEDIUM'], status: ['NEW', 'ACTIVE'], createdAfter: new Date(now.getTime() - 7 * DAY), createdBefore: now };
  const tally = new TenantTally(filter);

  console.log('Sentinel benchmark: sync throughput from the fake Sentinel, and the filtered incident list through the gateway');
  console.log(`command: ${commandLine()}`);
  console.log(`Node ${process.version}, ${cores} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM`);
  console.log(
    `sync: ${count(options.syncIncidents)} incidents; list: ${options.listSizes.map(count).join(' and ')} incidents in tenant ${TENANT}, up to ${options.listRequests} round(s) per size ` +
      `(one request per target each, one at a time; no new round after ${options.listMaxSeconds} s), ${options.listWarmup} uncounted warm-up round(s)`,
  );
  console.log(loadText());
  console.log('background work paused during the run: scheduled sync and comment sweep, incident event relay (INCIDENT_EVENTS_INTERVAL_MS)');

  let started = performance.now();
  seedFakeSentinel(fake, options.syncIncidents, now, tally);
  console.log(`\nfake Sentinel (HTTPS, this process) at ${fake.url}: ${count(tally.incidents)} incidents with ${count(tally.alerts)} alerts, ${count(tally.entities)} entities, ${count(tally.comments)} comments, generated in ${secs((performance.now() - started) / 1000)} s`);

  process.env[SECRET_VARIABLE] = fake.workspaceConfig().clientSecret;

  started = performance.now();
  console.log(`starting the stack (gateway :${options.portBase}, incidents :${options.portBase + 1}, tenants :${options.portBase + 3}; analysis and notifications are not started: nothing measured here uses them)...`);
  await stack.start();
  const connection = await mongoose.createConnection(await stack.databaseUri(), { dbName: stack.databaseName('incidents') }).asPromise();
  const internal = await internalTokenHeader(stack.internalKeys.privateKeyPem);
  try {
    const Incident = incidentsModelOf(connection);
    console.log(`ready in ${secs((performance.now() - started) / 1000)} s; database: ${stack.databaseDescription}`);
    const gatewayUrl = stack.url('gateway');
    await configureWorkspace(gatewayUrl, fake);
    const analyst = await devToken(gatewayUrl, ANALYST);
    if ((await Incident.countDocuments({})) !== 0) throw new Error('the incidents database is not empty');

    // ---- 1. sync ----
    console.log(`\n1. syncSentinel of ${count(options.syncIncidents)} incidents into the empty database`);
    fake.clearRequests();
    const cpuBefore = process.cpuUsage();
    const sync = await syncOnce(gatewayUrl, analyst, options.syncIncidents);
    const fakeCpu = process.cpuUsage(cpuBefore);
    if (sync.state.status !== 'IDLE' || sync.state.processed !== options.syncIncidents) throw new Error(`the sync ended ${sync.state.status} with ${sync.state.processed} incidents: ${sync.state.lastError ?? ''}`);
    const operations = armOperations(fake);
    console.log(`  done: ${count(sync.state.processed)} incidents in ${secs(sync.serverSeconds)} s (from the run's startedAt to finishedAt; ${secs(sync.wallSeconds)} s as seen by the caller)`);
    console.log(`  fake Sentinel served ${count(fake.armRequests().length)} ARM requests (${describeOperations(operations)}) and ${fake.tokenRequests().length} token request(s);`);
    console.log(`  this process (fake Sentinel + polling) used ${secs((fakeCpu.user + fakeCpu.system) / 1e6)} s of CPU meanwhile; ${loadText()}`);

    console.log('\n   reference: the same documents, read back and inserted again with plain insertMany into a scratch collection with the same indexes');
    const raw = await rawInsertReference(connection, 'bench_raw_incidents');
    if (raw.documents !== tally.incidents || raw.alerts !== tally.alerts || raw.entities !== tally.entities || raw.comments !== tally.comments) {
      throw new Error(
        `the synced incidents are incomplete: ${raw.documents} incidents, ${raw.alerts} alerts, ${raw.entities} entities, ${raw.comments} comments stored; ` +
          `expected ${tally.incidents}, ${tally.alerts}, ${tally.entities}, ${tally.comments}`,
      );
    }
    console.log(`  check: all ${count(raw.documents)} incidents stored with all ${count(raw.alerts)} alerts, ${count(raw.entities)} entities and ${count(raw.comments)} comments`);
    console.log(`  raw insertMany: ${count(raw.documents)} documents in ${secs(raw.seconds)} s; ${loadText()}`);

    // ---- 2. list ----
    console.log(`\n2. filtered incident list: severity ${filter.severity.join('+')}, status ${filter.status.join('/')}, created in the last 7 days, newest first, first ${PAGE}, totalCount`);
    const sizes: SizeFigures[] = [];
    for (const size of options.listSizes) {
      let loaded = `${count(options.syncIncidents)} synced`;
      if (size > tally.incidents) {
        const missing = size - tally.incidents;
        console.log(`\n  ${count(size)} incidents: inserting ${count(missing)} more, built with the incidents service's document builder (mapSentinelIncident + newIncidentDocument), NOT through the sync...`);
        let shown = performance.now();
        const insertSeconds = await insertBuiltIncidents(Incident, missing, now, fake.workspaceResourceId, tally, (done) => {
          if (performance.now() - shown < 30_000) return;
          shown = performance.now();
          console.log(`  ... ${count(done)} of ${count(missing)}`);
        });
        console.log(`  inserted in ${secs(insertSeconds)} s (${rate(missing, insertSeconds)} incidents/s); ${loadText()}`);
        loaded = `${count(options.syncIncidents)} synced + ${count(tally.incidents - options.syncIncidents)} built and inserted directly`;
      } else {
        console.log(`\n  ${count(size)} incidents (all synced):`);
      }
      const stored = await Incident.countDocuments({ tenantId: TENANT });
      if (stored !== tally.incidents) throw new Error(`${stored} incidents in the tenant, expected ${tally.incidents}`);
      const withExtra = options.extra === 'all' || (options.extra === 'first' && sizes.length === 0);
      sizes.push(await measureList(stack, options, withExtra, filter, tally, connection, analyst, internal.headers, loaded));
    }

    report(options, cores, { sync, raw }, sizes);
  } finally {
    internal.stop();
    await connection.close();
  }
}

function report(
  options: SentinelBenchOptions,
  cores: number,
  runs: { sync: { serverSeconds: number; wallSeconds: number }; raw: { documents: number; seconds: number } },
  sizes: SizeFigures[],
): void {
  const { sync, raw } = runs;
  const n = options.syncIncidents;
  console.log(`\nResults (${cores} CPUs shared by the fake Sentinel, the incidents and tenants subgraphs, the gateway and the database)\n`);
  console.log(`Sync of ${count(n)} incidents from the fake Sentinel into an empty database:\n`);
  console.log(
    table(
      ['what', 'incidents', 'seconds', 'incidents/s'],
      [
        ['syncSentinel (pages of 100; alerts, entities, comments per incident over HTTPS)', count(n), secs(sync.serverSeconds), rate(n, sync.serverSeconds)],
        ['reference: raw insertMany of the same documents', count(raw.documents), secs(raw.seconds), rate(raw.documents, raw.seconds)],
      ],
    ),
  );
  console.log(`\n  ratio sync / raw insertMany (time): ${(sync.serverSeconds / raw.seconds).toFixed(2)}x`);

  console.log(`\nFiltered incident list, one request at a time (p95 of fewer than 20 requests is close to the maximum):\n`);
  const rows: string[][] = [];
  for (const s of sizes) {
    for (const r of s.results) {
      rows.push([count(s.size), r.label, String(r.latency.count), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.max), ms(r.latency.mean), String(r.errors)]);
    }
  }
  console.log(table(['incidents', 'target', 'requests', 'p50 ms', 'p95 ms', 'max ms', 'mean ms', 'errors'], rows));
  console.log('\nRatios:');
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-');
  for (const s of sizes) {
    const of = (label: string) => s.results.find((r) => r.label === label);
    const gateway = of(LIST_LABEL)!;
    const direct = of(DIRECT_LABEL);
    const byId = of(BY_ID_LABEL);
    const small = of(SMALL_LABEL)!;
    const parts = [`gateway list / one small read: p50 ${ratio(gateway.latency.p50, small.latency.p50)}, p95 ${ratio(gateway.latency.p95, small.latency.p95)}`];
    if (direct) parts.push(`gateway list / subgraph list: p50 ${ratio(gateway.latency.p50, direct.latency.p50)}, p95 ${ratio(gateway.latency.p95, direct.latency.p95)}`);
    if (byId) parts.push(`gateway list / incident(id): p50 ${ratio(gateway.latency.p50, byId.latency.p50)}`);
    console.log(`  ${count(s.size).padStart(7)} incidents: ${parts.join('; ')}`);
  }
  console.log('\nNotes:');
  for (const s of sizes) {
    console.log(`  ${count(s.size)} incidents: ${s.loaded}; ${count(s.matching)} match the filter; ${s.rounds} round(s) in ${secs(s.seconds)} s; ${s.load} at the end.`);
    console.log(`    ${s.plan}`);
    for (const r of s.results) if (r.errors) console.log(`    ${r.label}: ${r.errors} failed, first: ${r.firstError}`);
  }
  console.log(
    [
      '  The sync time is the run\'s own (startedAt to finishedAt of the sync state). A first sync writes each page\'s new incidents',
      '  with one insertMany; a run that writes at least SENTINEL_COMMENT_SWEEP_MAX_INCIDENTS (1,000) incidents ends without the',
      '  comment sweep. The reference inserts the very documents the sync wrote, 1,000 per insertMany call; only those calls are timed.',
      '  "one small read" is sentinelWorkspace { workspaceName }: gateway, incidents subgraph and one document read by its _id in a',
      '  one-document collection, the floor of every request on this path.',
      '  incident(id) goes through the by-id DataLoader; a batch of one id is read with the filter {_id} alone (the tenant checked',
      '  in the service), the only filter FerretDB pushes down to SQLite. Even then SQLite scans the table: the query uses',
      '  _ferretdb_sjson->\'$._id\', the index _ferretdb_sjson->"_id", and SQLite does not match the two. On MongoDB it is an',
      '  _id index lookup.',
      '  Indexes (MongoDB; not measured here): {tenantId, status, severityRank, createdAt, _id} bounds both the page and the',
      '  count of this filter to the matching incidents.',
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(SENTINEL_USAGE);
    return 0;
  }
  let options: SentinelBenchOptions;
  try {
    options = sentinelBenchOptions();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${SENTINEL_USAGE}`);
    return 2;
  }

  const fake = await FakeSentinel.start({ defaultPageSize: 100 });
  // The services trust the fake's self-signed certificate the way an operator trusts a private CA.
  const caDir = mkdtempSync(path.join(tmpdir(), 'bench-sentinel-ca-'));
  const caFile = path.join(caDir, 'ca.pem');
  const inherited = process.env.NODE_EXTRA_CA_CERTS ? `${readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8')}\n` : '';
  writeFileSync(caFile, `${inherited}${fake.ca}`);
  let failed = false;
  const stack = new BenchStack({
    portBase: options.portBase,
    demoIncidentsPerTenant: 0,
    tenantsFile: path.join(ROOT, 'config/tenants.json'),
    // The list query and the sync touch only these; analysis and notifications would only compete for the CPUs.
    subgraphs: ['incidents', 'tenants'],
    log: (line) => console.log(line),
    onServiceFailure: () => {
      failed = true;
      console.error('a service kept crashing; stopping');
      void stack.stop().finally(() => process.exit(1));
    },
    env: {
      NODE_EXTRA_CA_CERTS: caFile,
      // Nothing scheduled during the run: the sync only when the benchmark asks, no scheduled comment sweeps,
      // and the incident event relay paused (it publishes every new incident; on FerretDB each of its _id
      // lookups reads the whole table, so it would still be busy with the synced incidents while the list is
      // measured). Its queue fills during the sync as usual.
      SENTINEL_SYNC_TICK_SECONDS: '86400',
      SENTINEL_COMMENT_SWEEP_SECONDS: '0',
      INCIDENT_EVENTS_INTERVAL_MS: '2147483647',
    },
  });

  let interrupted: number | undefined;
  const interrupt = (code: number) => () => {
    if (interrupted !== undefined) return;
    interrupted = code;
    console.error('\ninterrupted: stopping the benchmark stack...');
    void Promise.allSettled([stack.stop(), fake.stop()]).finally(() => {
      rmSync(caDir, { recursive: true, force: true });
      process.exit(code);
    });
  };
  process.once('SIGINT', interrupt(130));
  process.once('SIGTERM', interrupt(143));

  try {
    await bench(options, stack, fake);
    return failed ? 1 : 0;
  } catch (error) {
    if (interrupted !== undefined) return interrupted;
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    const logs = stack.logTails();
    if (logs) console.error(`\n${logs}`);
    return 1;
  } finally {
    await stack.stop();
    await fake.stop();
    rmSync(caDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
