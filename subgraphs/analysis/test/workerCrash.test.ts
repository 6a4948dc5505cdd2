import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { devToken, graphql } from '../../../test/support/client';
import { DEMO_TENANTS_FILE, startTestStack, type TestStack } from '../../../test/support/stack';

/**
 * Redis mode: analyses run as BullMQ jobs on worker processes. A worker killed with SIGKILL in the
 * middle of a run must leave a run that another worker completes (or that fails visibly).
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(__dirname, '../../..');

function redisReachable(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `require('net').connect(${Number(port || 6379)}, '${hostname}').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

const hasRedis = redisReachable(REDIS_URL);
if (!hasRedis) console.log(`workerCrash.test.ts skipped: no Redis at ${REDIS_URL} (set TEST_REDIS_URL to run it)`);
const redisTest = hasRedis ? test : test.skip;

let stack: TestStack;
let slowProvider: Server;
const workers: ChildProcess[] = [];

/** An OpenAI-compatible endpoint that answers every call after a second with a 500: each stage is slow, then falls back to local. */
function startSlowFailingProvider(): Promise<string> {
  slowProvider = createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } }));
    }, 1000);
  });
  return new Promise((resolve) => slowProvider.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(slowProvider.address() as { port: number }).port}/v1`)));
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'subgraphs/analysis/src/index.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, ANALYSIS_PORT: '0', ANALYSIS_WORKER: 'true' },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

beforeAll(async () => {
  if (!hasRedis) return;
  const providerUrl = await startSlowFailingProvider();
  const tenants = JSON.parse(readFileSync(DEMO_TENANTS_FILE, 'utf8'));
  for (const tenant of tenants.tenants) tenant.ai = { default: { provider: 'openai-compatible', baseUrl: providerUrl, model: 'slow-model', timeoutMs: 5000 }, fallback: ['local'] };
  const tenantsFile = path.join(mkdtempSync(path.join(tmpdir(), 'soc-worker-crash-')), 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(tenants));
  stack = await startTestStack({
    demoIncidentsPerTenant: 4,
    env: {
      TENANTS_FILE: tenantsFile,
      REDIS_URL,
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}:`,
      // The stack's own analysis replica serves the API only; the workers are separate processes.
      ANALYSIS_WORKER: 'false',
      ANALYSIS_LEASE_MS: '2000',
      ANALYSIS_RECOVERY_INTERVAL_MS: '500',
    },
  });
});

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await stack?.stop();
  slowProvider?.close();
});

redisTest('a run whose worker is killed mid-run is resumed by another worker and completes', async () => {
  const token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const analyses = (await stack.database('analysis')).collection('analyses');
  const incident = await (await stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso' });
  const first = startWorker(stack.env);

  const { body } = await graphql(stack.gatewayUrl, `mutation($id: ID!) { analyzeIncident(incidentId: $id) { id } }`, { id: String(incident!._id) }, { token });
  expect(body.errors).toBeUndefined();
  const _id = new Types.ObjectId(body.data!.analyzeIncident.id as string);

  // Kill the worker while a stage is running.
  for (let i = 0; i < 600; i += 1) {
    const run = await analyses.findOne({ _id });
    if (run?.stages.some((stage: { status: string }) => stage.status === 'RUNNING')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const atKill = await analyses.findOne({ _id });
  expect(atKill!.status).toBe('RUNNING');
  expect(atKill!.stages.some((stage: { status: string }) => stage.status === 'RUNNING')).toBe(true);

  startWorker(stack.env);
  let run = atKill!;
  for (let i = 0; i < 1200 && !['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.status); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = (await analyses.findOne({ _id }))!;
  }
  if (run.status !== 'COMPLETED' || run.stages.some((s: any) => !['COMPLETED', 'SKIPPED'].includes(s.status))) console.log(JSON.stringify({ status: run.status, error: run.error, seq: run.seq, claim: run.claim, stages: run.stages.map((s: any) => [s.agent, s.status, s.provider, s.error]) }));
  expect(run.status).toBe('COMPLETED');
  expect(run.stages.every((stage: { status: string }) => stage.status === 'COMPLETED' || stage.status === 'SKIPPED')).toBe(true);
  // Every stage fell back to local after the slow provider failed; the verdict is there.
  expect(run.verdict.classification).toEqual(expect.any(String));
  expect(run.stages.filter((stage: { status: string }) => stage.status === 'COMPLETED').every((stage: { provider: string }) => stage.provider === 'local')).toBe(true);
}, 180_000);
