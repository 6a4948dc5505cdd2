/**
 * Runs the four subgraphs and the gateway as separate processes, as they are deployed:
 * readiness-gated start (subgraphs, then the gateway), crash restarts, ordered shutdown.
 * Used by `npm start` and by the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const ROOT = path.resolve(__dirname, '../..');

export interface ServiceSpec {
  name: 'tenants' | 'incidents' | 'analysis' | 'notifications' | 'gateway';
  entry: string;
  port: number;
}

export function serviceSpecs(env: NodeJS.ProcessEnv): ServiceSpec[] {
  const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return [
    { name: 'tenants', entry: 'subgraphs/tenants/src/index.ts', port: port('TENANTS_PORT', 4003) },
    { name: 'incidents', entry: 'subgraphs/incidents/src/index.ts', port: port('INCIDENTS_PORT', 4001) },
    { name: 'analysis', entry: 'subgraphs/analysis/src/index.ts', port: port('ANALYSIS_PORT', 4002) },
    { name: 'notifications', entry: 'subgraphs/notifications/src/index.ts', port: port('NOTIFICATIONS_PORT', 4004) },
    { name: 'gateway', entry: 'gateway/src/index.ts', port: port('GATEWAY_PORT', 4000) },
  ];
}

async function waitReady(url: string, child: ChildProcess, name: string, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000}s; see ${logFile}`);
}

export class ServiceProcesses {
  private readonly children = new Map<string, ChildProcess>();
  private readonly restarts = new Map<string, number[]>();
  private stopping = false;

  constructor(
    readonly specs: ServiceSpec[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
    /** Echo services' stderr (warnings, crashes) to this process's stderr. */
    private readonly echoStderr = true,
    private readonly onGiveUp: () => void = () => {},
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  logFile(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  /** Starts the subgraphs in parallel, then the gateway (it asks the tenants service who callers are). */
  async start(): Promise<void> {
    const gateway = this.specs.filter((s) => s.name === 'gateway');
    const subgraphs = this.specs.filter((s) => s.name !== 'gateway');
    await Promise.all(subgraphs.map((spec) => this.startOne(spec)));
    await Promise.all(gateway.map((spec) => this.startOne(spec)));
  }

  private startOne(spec: ServiceSpec): Promise<void> {
    return waitReady(`http://127.0.0.1:${spec.port}/readyz`, this.spawn(spec), spec.name, this.logFile(spec.name));
  }

  private spawn(spec: ServiceSpec): ChildProcess {
    const log = createWriteStream(this.logFile(spec.name), { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, spec.entry)], {
      cwd: ROOT,
      env: { ...this.env, [`${spec.name.toUpperCase()}_PORT`]: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    if (this.echoStderr) child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${spec.name}] ${chunk}`));
    child.on('exit', (code, signal) => this.onExit(spec, code, signal));
    this.children.set(spec.name, child);
    return child;
  }

  /** A crashed service is restarted (at most 5 times a minute); its data lives in the database. */
  private onExit(spec: ServiceSpec, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const now = Date.now();
    const recent = (this.restarts.get(spec.name) ?? []).filter((t) => now - t < 60_000);
    console.error(`${spec.name} exited (${signal ?? `code ${code}`}); see ${this.logFile(spec.name)}`);
    if (recent.length >= 5) {
      console.error(`${spec.name} keeps failing; giving up.`);
      this.onGiveUp();
      return;
    }
    this.restarts.set(spec.name, [...recent, now]);
    setTimeout(() => !this.stopping && this.spawn(spec), 1_000 * (recent.length + 1));
  }

  /** Gateway first, so no request reaches a subgraph that is going away. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const name of ['gateway', 'tenants', 'incidents', 'analysis', 'notifications']) {
      const child = this.children.get(name);
      // A child ended by a signal has signalCode set and exitCode null.
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(10_000, undefined, { ref: false })]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}
