/**
 * The benchmark's own copy of the product: its own database (embedded FerretDB in a throw-away
 * folder unless MONGODB_URI is set) and the four subgraphs plus the gateway as separate processes
 * on their own ports, launched exactly like `npm start` does (ServiceProcesses), so it can run
 * next to a running `npm start` and leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { generateInternalKeyPair } from '@soc/server-kit';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../lib/ferretdb';
import { ServiceProcesses, serviceSpecs, type ServiceSpec } from '../../lib/serviceProcesses';

const ROOT = path.resolve(__dirname, '../../..');
const SUBGRAPHS = ['incidents', 'analysis', 'tenants', 'notifications'] as const;
const base64 = (pem: string) => Buffer.from(pem).toString('base64');

export interface BenchStackOptions {
  /** Gateway on this port, the subgraphs on the next four. */
  portBase: number;
  demoIncidentsPerTenant: number;
  tenantsFile: string;
  log: (line: string) => void;
  /** Called when a service keeps crashing and ServiceProcesses gives up on it. */
  onServiceFailure: () => void;
  /** Extra environment of every service, applied last (e.g. a CA to trust, Sentinel settings). */
  env?: NodeJS.ProcessEnv;
  /** Subgraphs to start (default all four); the gateway always starts and needs tenants. */
  subgraphs?: ReadonlyArray<(typeof SUBGRAPHS)[number]>;
}

/** Resolves when nothing listens on 127.0.0.1:port (the services bind there). */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new Error(`port ${port} is in use; pick other ports with --port-base`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function benchPorts(portBase: number): ServiceSpec[] {
  return serviceSpecs({
    GATEWAY_PORT: String(portBase),
    INCIDENTS_PORT: String(portBase + 1),
    ANALYSIS_PORT: String(portBase + 2),
    TENANTS_PORT: String(portBase + 3),
    NOTIFICATIONS_PORT: String(portBase + 4),
  });
}

export class BenchStack {
  /** Set as soon as start() runs, so a stop during the database's start still finds it and stops it. */
  private database: Promise<EmbeddedMongo> | undefined;
  private services: ServiceProcesses | undefined;
  private readonly externalMongoUri = process.env.MONGODB_URI;
  private stopping: Promise<void> | undefined;
  readonly dataDir = path.join(ROOT, '.data', `bench-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}`);
  readonly logDir = path.join(this.dataDir, 'logs');
  readonly specs: ServiceSpec[];
  /** Fresh per run, like `npm start`: the bench signs the direct target's internal tokens with it. */
  readonly internalKeys = generateInternalKeyPair();
  private readonly devIssuerKey = generateInternalKeyPair().privateKeyPem;
  private readonly serviceKeys = generateInternalKeyPair();
  /** A separate database prefix, so an external MONGODB_URI never mixes with real data. */
  private readonly dbPrefix = this.externalMongoUri ? `bench-${randomBytes(4).toString('hex')}` : 'bench';

  constructor(private readonly options: BenchStackOptions) {
    const started = new Set<string>(['gateway', ...(options.subgraphs ?? SUBGRAPHS)]);
    this.specs = benchPorts(options.portBase).filter((spec) => started.has(spec.name));
  }

  /** Every service has its port, whether this stack starts it or not. */
  url(name: string): string {
    const spec = benchPorts(this.options.portBase).find((s) => s.name === name);
    if (!spec) throw new Error(`the bench stack has no service named ${name}`);
    return `http://127.0.0.1:${spec.port}`;
  }

  /** The database server the services use (known once start() has started it). */
  async databaseUri(): Promise<string> {
    if (!this.database) throw new Error('the bench stack has not been started');
    return (await this.database).uri;
  }

  /** Name of a service's database, as the service itself derives it. */
  databaseName(service: (typeof SUBGRAPHS)[number]): string {
    return `${this.dbPrefix}_${service}`;
  }

  get databaseDescription(): string {
    return this.externalMongoUri === undefined ? `embedded FerretDB (${path.relative(ROOT, this.dataDir)}/db, deleted at the end)` : `MONGODB_URI, databases ${this.dbPrefix}_* (dropped at the end)`;
  }

  async start(): Promise<void> {
    this.database = this.startDatabase();
    const { uri } = await this.database;
    // Stopped (Ctrl+C) while the database started: spawn nothing that stop() would not see.
    if (this.stopping) throw new Error('stopped during start');
    this.services = new ServiceProcesses(this.specs, this.serviceEnv(uri), this.logDir, true, this.options.onServiceFailure);
    await this.services.start();
  }

  /** Checks the service ports first, so a port clash fails before anything is started. */
  private async startDatabase(): Promise<EmbeddedMongo> {
    for (const spec of this.specs) await assertPortFree(spec.port);
    if (this.externalMongoUri) return { uri: this.externalMongoUri, stop: async () => {} };
    return startEmbeddedMongo({
      dataDir: path.join(this.dataDir, 'db'),
      port: await freePort(),
      logFile: path.join(this.logDir, 'ferretdb.log'),
      log: this.options.log,
    });
  }

  /** The environment of `npm start`, with the bench's ports, database prefix, keys and quiet logs. */
  private serviceEnv(mongoUri: string): NodeJS.ProcessEnv {
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${this.url(name)}/graphql`]));
    const serviceUrls = Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_SERVICE_URL`, this.url(name)]));
    return {
      ...process.env,
      ...subgraphUrls,
      ...serviceUrls,
      SERVICE_TOKEN_PRIVATE_KEY: base64(this.serviceKeys.privateKeyPem),
      SERVICE_TOKEN_PUBLIC_KEY: base64(this.serviceKeys.publicKeyPem),
      // The development issuer (how the bench signs in) only exists outside production.
      NODE_ENV: 'development',
      DEV_ISSUER_ENABLED: 'true',
      LOG_LEVEL: 'warn',
      MONGODB_URI: mongoUri,
      MONGODB_DB_PREFIX: this.dbPrefix,
      TENANTS_FILE: this.options.tenantsFile,
      INTERNAL_TOKEN_PRIVATE_KEY: base64(this.internalKeys.privateKeyPem),
      INTERNAL_TOKEN_PUBLIC_KEY: base64(this.internalKeys.publicKeyPem),
      DEV_ISSUER_PRIVATE_KEY: base64(this.devIssuerKey),
      DEMO_INCIDENTS_PER_TENANT: String(this.options.demoIncidentsPerTenant),
      // No incidents arriving mid-run: both targets must see the same page throughout.
      DEMO_TRICKLE_SECONDS: '0',
      PRINCIPAL_CACHE_SECONDS: '30',
      ...this.options.env,
    };
  }

  /** The last lines of every service log, for a failure report (the logs are deleted afterwards). */
  logTails(lines = 15): string {
    if (!existsSync(this.logDir)) return '';
    return readdirSync(this.logDir)
      .map((file) => {
        const tail = readFileSync(path.join(this.logDir, file), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
        return tail ? `--- ${file} (last lines) ---\n${tail}` : '';
      })
      .filter(Boolean)
      .join('\n');
  }

  /** Stops the services, then the database, and removes everything the run created. Every call shares one stop. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    await this.services?.stop();
    const database = await this.database?.catch(() => undefined);
    await database?.stop();
    if (this.externalMongoUri && this.services) {
      await this.dropExternalDatabases(this.externalMongoUri).catch((error: unknown) => this.options.log(`could not drop the ${this.dbPrefix}_* databases: ${String(error)}`));
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async dropExternalDatabases(uri: string): Promise<void> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      for (const name of SUBGRAPHS) await client.db(`${this.dbPrefix}_${name}`).dropDatabase();
    } finally {
      await client.close();
    }
  }
}
