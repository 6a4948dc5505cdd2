/**
 * `npm run bench:gateway`: what the federation gateway costs on the incident list.
 *
 * Starts its own stack (database, four subgraphs, gateway; see lib/benchStack.ts), then drives
 * the incident-list query (50 incidents with fields from all four subgraphs) with 50 concurrent
 * closed-loop connections against
 *   (a) the gateway, as a client would, and
 *   (b) the subgraphs directly: the very fetches of the gateway's query plan, replayed by this
 *       process with an internal token for the same user,
 * and prints requests/s and p50/p95/p99 latency of both and their ratio.
 */
import { availableParallelism, cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseBenchArgs, USAGE, type BenchOptions } from './lib/args';
import { BenchStack } from './lib/benchStack';
import { graphqlFailure, KeepAliveClient } from './lib/httpClient';
import { runClosedLoop, type LoadResult } from './lib/loadGenerator';
import { describePlan } from './lib/planReplay';
import { planOperation } from './lib/queryPlan';
import { figuresOf, figuresTable, ms, ratiosOf, ratiosText, type Figures } from './lib/report';
import { CONCURRENCY, DEMO_INCIDENTS_PER_TENANT, OPERATION_NAME, PAGE_SIZE, QUERY, TENANT_ID } from './lib/scenario';
import { createTargets, devIssuerToken, internalTokenHeader, type Targets, type TargetName } from './lib/targets';

const ROOT = path.resolve(__dirname, '../..');
/** The warm-up waits for every connection's first answer, but no longer than a request may take. */
const MAX_WARMUP_MS = 300_000;
/** A window holds at least two answers per connection (on a slow stack it outlasts `--duration`)... */
const MIN_ANSWERS = 2 * CONCURRENCY;
/** ...but is not stretched beyond this. */
const MAX_WINDOW_MS = 600_000;

// ---------------------------------------------------------------------------------------------
// Checks before measuring

/** The demo incidents are seeded after the incidents service starts listening: wait for them. */
async function waitForDemoIncidents(stack: BenchStack, headers: () => Record<string, string>): Promise<number> {
  const client = new KeepAliveClient(`${stack.url('incidents')}/graphql`, 1);
  const body = JSON.stringify({ query: '{ incidents(first: 1) { totalCount } }' });
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      const reply = await client.post(body, headers());
      const count = graphqlFailure(reply) ? 0 : ((JSON.parse(reply.body) as { data: { incidents: { totalCount: number } } }).data.incidents.totalCount ?? 0);
      if (count >= DEMO_INCIDENTS_PER_TENANT) return count;
      if (Date.now() > deadline) throw new Error(`only ${count} demo incidents in ${TENANT_ID} after 120 s (expected ${DEMO_INCIDENTS_PER_TENANT}); see ${stack.logDir}`);
      await delay(250);
    }
  } finally {
    client.close();
  }
}

interface IncidentPage {
  incidents?: {
    totalCount?: number;
    edges?: Array<{ node?: { id?: string; number?: number; tenant?: { name?: string }; latestAnalysis?: { id?: string } | null; notifications?: Array<{ id?: string }> } }>;
  };
}

/** What both answers must agree on: the incidents in order, and what the other subgraphs added. */
function pageSummary(data: unknown) {
  const page = (data as IncidentPage | undefined)?.incidents;
  const rows = (page?.edges ?? []).map(({ node }) => ({
    id: node?.id,
    number: node?.number,
    tenant: node?.tenant?.name,
    analysis: node?.latestAnalysis?.id ?? null,
    notifications: (node?.notifications ?? []).map((n) => n.id),
  }));
  return { totalCount: page?.totalCount, rows };
}

async function checkSameAnswer(targets: Targets): Promise<string> {
  // A first, unshown round warms both paths, so the times shown are not cold-start ones.
  await targets.fetchOnce('gateway', false);
  await targets.fetchOnce('direct', false);
  const gateway = pageSummary(await targets.fetchOnce('gateway', true));
  const direct = pageSummary(await targets.fetchOnce('direct', true));
  const problems: string[] = [];
  if (gateway.rows.length !== PAGE_SIZE) problems.push(`the gateway returned ${gateway.rows.length} incidents, not ${PAGE_SIZE}`);
  if (direct.rows.length !== PAGE_SIZE) problems.push(`the direct replay returned ${direct.rows.length} incidents, not ${PAGE_SIZE}`);
  if (gateway.totalCount !== direct.totalCount) problems.push(`totalCount differs: gateway ${gateway.totalCount}, direct ${direct.totalCount}`);
  const firstDiff = gateway.rows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(direct.rows[i]));
  if (firstDiff >= 0) problems.push(`incident #${firstDiff} differs: gateway ${JSON.stringify(gateway.rows[firstDiff])}, direct ${JSON.stringify(direct.rows[firstDiff])}`);
  const tenantNames = new Set([...gateway.rows, ...direct.rows].map((row) => row.tenant));
  if (tenantNames.size !== 1 || tenantNames.has(undefined)) problems.push(`tenant names are not one name: ${JSON.stringify([...tenantNames])}`);
  if (problems.length) throw new Error(`the gateway and the direct replay disagree, so the comparison would be meaningless:\n  ${problems.join('\n  ')}`);

  const analysed = gateway.rows.filter((row) => row.analysis).length;
  const notifications = gateway.rows.reduce((sum, row) => sum + row.notifications.length, 0);
  return `same ${PAGE_SIZE} incident ids (of ${gateway.totalCount}), tenant "${[...tenantNames][0]}", ${analysed} with an analysis, ${notifications} notifications`;
}

// ---------------------------------------------------------------------------------------------
// Measurement

/** One run of a target on fresh connections: warm-up (not counted), then the measured window. */
async function measure(targets: Targets, name: TargetName, options: BenchOptions, stop: AbortSignal): Promise<LoadResult> {
  const target = targets.open(name);
  try {
    return await runClosedLoop(target.send, {
      concurrency: CONCURRENCY,
      warmupMs: options.warmupSeconds * 1000,
      maxWarmupMs: MAX_WARMUP_MS,
      durationMs: options.durationSeconds * 1000,
      // A smoke run only needs some answer, not a statistic.
      minAnswers: options.quick ? 1 : MIN_ANSWERS,
      maxDurationMs: Math.max(options.durationSeconds * 1000, MAX_WINDOW_MS),
      stop,
    });
  } finally {
    target.close();
  }
}

/** Alternating order (direct, gateway, then gateway, direct, ...) so drift over time hits both alike. */
function schedule(rounds: number): Array<{ round: number; target: TargetName }> {
  return Array.from({ length: rounds }, (_, i) => {
    const order: TargetName[] = i % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
    return order.map((target) => ({ round: i + 1, target }));
  }).flat();
}

/** Why a run's figures cannot be trusted (more than 1% errors), or null. */
function tooManyErrors(name: TargetName, result: LoadResult): string | null {
  if (result.requests === 0 && result.firstError) return `${name}: no successful answer; first failure: ${result.firstError}`;
  if (result.requests === 0 || result.errors / result.requests <= 0.01) return null;
  return `${name}: ${result.errors} of ${result.requests} requests failed (more than 1%); first: ${result.firstError ?? 'none'}`;
}

// ---------------------------------------------------------------------------------------------

function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  return process.env.npm_lifecycle_event === 'bench:gateway' ? `npm run bench:gateway${args ? ` -- ${args}` : ''}` : `node --import tsx scripts/bench/gateway.ts${args ? ` ${args}` : ''}`;
}

async function bench(options: BenchOptions, stack: BenchStack, stop: AbortSignal): Promise<void> {
  const cores = availableParallelism();
  console.log(`Gateway benchmark: incident list, ${PAGE_SIZE} incidents with fields from 4 subgraphs, ${CONCURRENCY} connections, closed loop`);
  console.log(`command: ${commandLine()}`);
  console.log(`Node ${process.version}, ${cores} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`);
  console.log(`per target and round: a warm-up (not counted) of at least ${options.warmupSeconds} s and until every connection had an answer,`);
  console.log(`then a measured window of at least ${options.durationSeconds} s and ${options.quick ? '1 answer' : `${MIN_ANSWERS} answers`}; ${options.rounds} round(s)`);
  if (options.quick) console.log('--quick: a smoke run; the figures are too short to mean anything.');

  const planned = planOperation(readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8'), QUERY, OPERATION_NAME);
  console.log(`\nQuery plan of the gateway (replayed as is by the direct target: ${describePlan(planned.root)}):\n${planned.pretty}\n`);

  const startedAt = Date.now();
  console.log(`starting the stack (gateway :${options.portBase}, subgraphs :${options.portBase + 1}-${options.portBase + 4})...`);
  await stack.start();
  const internal = await internalTokenHeader(stack.internalKeys.privateKeyPem);
  try {
    const seeded = await waitForDemoIncidents(stack, internal.headers);
    console.log(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${seeded} demo incidents in ${TENANT_ID}; database: ${stack.databaseDescription}`);

    const targets = createTargets(stack, planned, await devIssuerToken(stack.url('gateway')), internal.headers);
    console.log('\ncheck (one request at a time, no other load):');
    console.log(`  ok: ${await checkSameAnswer(targets)}`);

    console.log(options.rounds > 1 ? '\nmeasuring (direct first in odd rounds, gateway first in even rounds):' : '\nmeasuring (direct, then gateway):');
    const results: Record<TargetName, LoadResult[]> = { direct: [], gateway: [] };
    for (const { round, target } of schedule(options.rounds)) {
      const result = await measure(targets, target, options, stop);
      if (stop.aborted) throw stop.reason;
      const f = figuresOf(target, [result]);
      const lengths = `warm-up ${(result.warmupMs / 1000).toFixed(1)} s, window ${f.seconds.toFixed(1)} s`;
      const figures = `${f.requests} answers, ${ms(f.requestsPerSecond)} req/s, p50 ${ms(f.latency.p50)} ms, p95 ${ms(f.latency.p95)} ms, p99 ${ms(f.latency.p99)} ms, errors ${f.errors}`;
      console.log(`  round ${round} ${target.padEnd(7)} ${lengths}: ${figures}`);
      results[target].push(result);
      // Abort, but show what was measured: the error count is itself a finding.
      const failure = tooManyErrors(target, result);
      if (failure) {
        report(options, results, cores);
        throw new Error(`${failure}\nThe figures above are not valid.`);
      }
    }
    report(options, results, cores);
  } finally {
    internal.stop();
  }
}

function report(options: BenchOptions, results: Record<TargetName, LoadResult[]>, cores: number): void {
  const perRound = options.rounds > 1 ? (['direct', 'gateway'] as const).flatMap((t) => results[t].map((r, i) => figuresOf(`${t} (round ${i + 1})`, [r]))) : [];
  const direct = figuresOf(options.rounds > 1 ? 'direct (all rounds)' : 'direct', results.direct);
  const gateway = figuresOf(options.rounds > 1 ? 'gateway (all rounds)' : 'gateway', results.gateway);
  const ratios = ratiosOf(gateway, direct);

  console.log(`\nResults (${CONCURRENCY} connections, page of ${PAGE_SIZE} incidents, ${options.rounds} round(s) per target):\n`);
  // A run aborted after the first target has no row for the second.
  console.log(figuresTable([...perRound, ...[direct, gateway].filter((f) => f.seconds > 0)]));
  console.log(`\nRatios (gateway vs. the same subgraph fetches made directly):\n${ratiosText(ratios)}`);
  console.log(
    [
      '',
      'Notes:',
      '  direct  = the fetches of the query plan above, sent by this process straight to the subgraphs with an internal',
      '            token for the same user (re-signed every 30 s); it parses the incidents answer to build the',
      '            representations, as the gateway does, and only error-checks the last three answers.',
      '  gateway = the query as a client sends it; the gateway also authenticates the user token (principal cached 30 s),',
      '            signs an internal token per request, plans (cached), merges the answers and serialises the result.',
      '  Only answers inside each measured window count; requests in flight at its end are awaited, not counted.',
      `  Everything (load generator, gateway, 4 subgraphs, database) shares this machine's ${cores} CPUs, so absolute`,
      '  figures are lower than on separate hosts, and the load generator competes with what it measures.',
    ].join('\n'),
  );
  const fewest = Math.min(direct.latency.count, gateway.latency.count);
  if (fewest < 1000) {
    console.log(`  Only ${fewest} latency samples for one target: p99 is close to the maximum and only indicative (run longer: --duration N).`);
  }
  if (options.json) {
    const summary = (f: Figures) => ({ requests: f.requests, errors: f.errors, seconds: f.seconds, requestsPerSecond: f.requestsPerSecond, ...f.latency });
    console.log(
      JSON.stringify({
        benchmark: 'gateway-incident-list',
        node: process.version,
        cpus: cores,
        concurrency: CONCURRENCY,
        pageSize: PAGE_SIZE,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        rounds: options.rounds,
        direct: summary(direct),
        gateway: summary(gateway),
        ratios,
      }),
    );
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  const stop = new AbortController();
  const stack = new BenchStack({
    portBase: options.portBase,
    demoIncidentsPerTenant: DEMO_INCIDENTS_PER_TENANT,
    tenantsFile: path.join(ROOT, 'config/tenants.json'),
    log: (line) => console.log(line),
    onServiceFailure: () => stop.abort(new Error('a service kept crashing (see its output above)')),
  });
  // Ctrl+C: stop the load, the services and the database, and remove the data, then exit. Steps
  // that do not watch the abort signal fail fast once the stack is gone.
  let interrupted: number | undefined;
  const interrupt = (code: number) => () => {
    if (interrupted !== undefined) return;
    interrupted = code;
    console.error('\ninterrupted: stopping the benchmark stack...');
    stop.abort(new Error('interrupted'));
    void stack.stop().finally(() => process.exit(code));
  };
  process.once('SIGINT', interrupt(130));
  process.once('SIGTERM', interrupt(143));

  try {
    await bench(options, stack, stop.signal);
    return 0;
  } catch (error) {
    if (interrupted !== undefined) return interrupted;
    console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    const logs = stack.logTails();
    if (logs) console.error(`\n${logs}`);
    return 1;
  } finally {
    await stack.stop();
  }
}

// Exit explicitly: nothing the run opened should keep the process alive afterwards.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
