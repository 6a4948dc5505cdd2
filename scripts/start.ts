/**
 * `npm start`: the whole product on embedded defaults. Starts the database (FerretDB unless
 * MONGODB_URI is set), the four subgraphs and the gateway as separate processes, supervises
 * them, and prints where to go and how to sign in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { generateInternalKeyPair, loadTenantsFile } from '@soc/server-kit';
import { EmbeddedMongoUnavailableError, startEmbeddedMongo, type EmbeddedMongo } from './lib/ferretdb';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
const LOG_DIR = path.join(DATA_DIR, 'logs');

interface ServiceSpec {
  name: string;
  entry: string;
  port: number;
}

const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);

const SERVICES: ServiceSpec[] = [
  { name: 'tenants', entry: 'subgraphs/tenants/src/index.ts', port: port('TENANTS_PORT', 4003) },
  { name: 'incidents', entry: 'subgraphs/incidents/src/index.ts', port: port('INCIDENTS_PORT', 4001) },
  { name: 'analysis', entry: 'subgraphs/analysis/src/index.ts', port: port('ANALYSIS_PORT', 4002) },
  { name: 'notifications', entry: 'subgraphs/notifications/src/index.ts', port: port('NOTIFICATIONS_PORT', 4004) },
  { name: 'gateway', entry: 'gateway/src/index.ts', port: port('GATEWAY_PORT', 4000) },
];
const GATEWAY = SERVICES.find((s) => s.name === 'gateway')!;

/** The development issuer's key survives restarts, so signed-in browsers stay signed in. */
function devIssuerKey(): string {
  const file = path.join(DATA_DIR, 'keys', 'dev-issuer.pem');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generateInternalKeyPair().privateKeyPem, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8');
}

async function waitReady(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${path.join(LOG_DIR, `${name}.log`)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000}s; see ${path.join(LOG_DIR, `${name}.log`)}`);
}

class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly restarts = new Map<string, number[]>();

  constructor(private readonly serviceEnv: NodeJS.ProcessEnv) {}

  spawn(spec: ServiceSpec): ChildProcess {
    const log = createWriteStream(path.join(LOG_DIR, `${spec.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, spec.entry)], {
      cwd: ROOT,
      env: this.serviceEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${spec.name}] ${chunk}`));
    child.on('exit', (code, signal) => this.onExit(spec, code, signal));
    this.children.set(spec.name, child);
    return child;
  }

  /** A crashed service is restarted (at most 5 times a minute); data lives in the database. */
  private onExit(spec: ServiceSpec, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const now = Date.now();
    const recent = (this.restarts.get(spec.name) ?? []).filter((t) => now - t < 60_000);
    console.error(`${spec.name} exited (${signal ?? `code ${code}`}); see ${path.join(LOG_DIR, `${spec.name}.log`)}`);
    if (recent.length >= 5) {
      console.error(`${spec.name} keeps failing; stopping everything.`);
      void this.stopAll().then(() => process.exit(1));
      return;
    }
    this.restarts.set(spec.name, [...recent, now]);
    setTimeout(() => !this.stopping && this.spawn(spec), 1_000 * (recent.length + 1));
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    // Gateway first, so no request reaches a subgraph that is going away.
    const order = ['gateway', 'tenants', 'incidents', 'analysis', 'notifications'];
    for (const name of order) {
      const child = this.children.get(name);
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
}

async function main(): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  const tenantsFile = path.resolve(ROOT, env.TENANTS_FILE ?? 'config/tenants.json');
  const tenants = loadTenantsFile(tenantsFile);

  let embedded: EmbeddedMongo | undefined;
  let mongoUri = env.MONGODB_URI;
  if (!mongoUri) {
    embedded = await startEmbeddedMongo({
      dataDir: path.join(DATA_DIR, 'db'),
      port: port('FERRETDB_PORT', 27018),
      logFile: path.join(LOG_DIR, 'ferretdb.log'),
      log: (line) => console.log(line),
    });
    mongoUri = embedded.uri;
  }

  const keys = generateInternalKeyPair();
  const base64 = (pem: string) => Buffer.from(pem).toString('base64');
  const serviceEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    MONGODB_URI: mongoUri,
    TENANTS_FILE: tenantsFile,
    // A fresh internal key pair every start: internal tokens live 60 s and never outlive a run.
    INTERNAL_TOKEN_PRIVATE_KEY: base64(keys.privateKeyPem),
    INTERNAL_TOKEN_PUBLIC_KEY: base64(keys.publicKeyPem),
    DEV_ISSUER_PRIVATE_KEY: env.DEV_ISSUER_PRIVATE_KEY ?? base64(devIssuerKey()),
    DEMO_INCIDENTS_PER_TENANT: env.DEMO_INCIDENTS_PER_TENANT ?? '120',
    DEMO_TRICKLE_SECONDS: env.DEMO_TRICKLE_SECONDS ?? '60',
  };
  for (const spec of SERVICES) serviceEnv[`${spec.name.toUpperCase()}_PORT`] = String(spec.port);

  const supervisor = new Supervisor(serviceEnv);
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping...');
    await supervisor.stopAll();
    await embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // Subgraphs in parallel, then the gateway (it asks the tenants service who callers are).
    const subgraphs = SERVICES.filter((s) => s !== GATEWAY);
    await Promise.all(subgraphs.map((spec) => waitReady(`http://127.0.0.1:${spec.port}/readyz`, supervisor.spawn(spec), spec.name)));
    await waitReady(`http://127.0.0.1:${GATEWAY.port}/readyz`, supervisor.spawn(GATEWAY), 'gateway');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }

  const gatewayUrl = `http://localhost:${GATEWAY.port}`;
  console.log(
    [
      '',
      'SOC platform is running.',
      '',
      `  GraphQL API (and Apollo Sandbox):  ${gatewayUrl}/graphql`,
      `  Database:                          ${embedded ? `embedded FerretDB (${path.join(DATA_DIR, 'db')})` : 'MONGODB_URI'}`,
      `  Logs:                              ${LOG_DIR}`,
      '',
      'Sign in (development issuer) as one of the demo users:',
      ...tenants.users.map((u) => `  ${u.email.padEnd(28)} ${u.memberships.map((m) => `${m.tenant}:${m.roles.join('+')}`).join(', ')}`),
      '',
      'For example:',
      `  TOKEN=$(curl -s ${gatewayUrl}/auth/dev/token -H 'content-type: application/json' -d '{"email":"analyst@contoso.example"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
      `  curl -s ${gatewayUrl}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ incidents(first: 5) { totalCount edges { node { number title severity tenant { name } } } } }"}'`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof EmbeddedMongoUnavailableError || error instanceof Error ? error.message : error);
  process.exit(1);
});
