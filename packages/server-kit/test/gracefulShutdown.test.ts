import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { generateInternalKeyPair } from '../src';

const ROOT = path.resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('a service process stops cleanly on SIGTERM: exit code 0 and a final log line', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'subgraphs/notifications/src/index.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      MONGODB_DB_PREFIX: 'shutdown',
      NOTIFICATIONS_PORT: String(port),
      INTERNAL_TOKEN_PUBLIC_KEY: generateInternalKeyPair().publicKeyPem,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  for (let ready = false; !ready; ) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output}`);
    ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (!ready) await delay(200);
  }
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toMatch(/"msg":"notifications subgraph stopped"/);
}, 60_000);
