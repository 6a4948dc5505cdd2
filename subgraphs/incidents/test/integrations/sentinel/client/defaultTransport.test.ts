import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakeSentinel } from '../../../fakes/fakeSentinel';

const run = promisify(execFile);

/**
 * The other suites inject a CA-trusting fetch and an SDK pipeline policy. This one checks the
 * production defaults (global fetch, the SDK's own HTTP client) end to end, trusting the fake's CA
 * the way an operator would trust a private CA: NODE_EXTRA_CA_CERTS, for one child process only.
 */
describe('SentinelClient with its default transports', () => {
  let fake: FakeSentinel;
  let dir: string;

  beforeAll(async () => {
    fake = await FakeSentinel.start();
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-ca-'));
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('authenticates, lists with paging, posts and times out through Node fetch and the Azure SDK pipeline', async () => {
    const [demo] = fake.seedDemoIncidents(5, { seed: 51 });
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, fake.ca);
    fake.delayNext(1500);
    const { stdout } = await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'defaultTransport.child.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_EXTRA_CA_CERTS: caFile,
        SENTINEL_CHILD_INPUT: JSON.stringify({ workspace: fake.workspaceConfig(), incidentName: demo!.incident.name }),
      },
      timeout: 30_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`child failed: ${error.stdout ?? ''} ${error.stderr ?? ''}`);
    });

    expect(JSON.parse(stdout.trim())).toEqual({ etag: demo!.incident.etag, pages: [2, 2, 1], alerts: demo!.alerts.length });
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.armRequests().map((r) => `${r.operation ?? ''}${r.injected ? `:${r.injected}` : ''}`)).toEqual([
      'get:delay', 'get', 'list', 'list', 'list', 'alerts',
    ]);
  });
});
