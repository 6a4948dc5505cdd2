import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { generateInternalKeyPair, startSubgraph, type RunningService } from '@soc/server-kit';
import { startGateway, type RunningGateway } from '@soc/gateway';
import { analysisSubgraph } from '@soc/analysis';
import { incidentsSubgraph } from '@soc/incidents';
import { notificationsSubgraph } from '@soc/notifications';
import { tenantsSubgraph } from '@soc/tenants';

export const DEMO_TENANTS_FILE = path.resolve(__dirname, '../../config/tenants.json');

export interface TestStack {
  gatewayUrl: string;
  gateway: RunningGateway;
  subgraphs: Record<'incidents' | 'analysis' | 'tenants' | 'notifications', RunningService>;
  dbPrefix: string;
  /** The environment every service of the stack was started with (e.g. to start another replica). */
  env: Record<string, string>;
  internalKeys: { privateKeyPem: string; publicKeyPem: string };
  /** Another gateway in front of the same subgraphs, with its own settings (e.g. production mode). */
  startGateway(env: Record<string, string>): Promise<RunningGateway>;
  /** Stops one subgraph and starts it again on the same port, as after a crash or a deploy. */
  restart(service: 'incidents' | 'analysis' | 'tenants' | 'notifications'): Promise<void>;
  /** A database of one service (native driver), for arranging fixtures the API cannot create yet. */
  database(service: string): Promise<mongoose.mongo.Db>;
  stop(): Promise<void>;
}

/**
 * The whole API (four subgraphs and the gateway) in this process, on ephemeral ports, against
 * the run's database under a fresh prefix so test files never see each other's data.
 */
export interface TestStackOptions {
  demoIncidentsPerTenant?: number;
  env?: Record<string, string>;
  /** A variant of the incidents subgraph, e.g. with Sentinel clients pointed at a fake. */
  incidents?: typeof incidentsSubgraph;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) throw new Error('MONGODB_URI is not set: run the tests through `npm test` (its global setup starts the database)');
  const dbPrefix = `t${randomBytes(5).toString('hex')}`;
  const internalKeys = generateInternalKeyPair();
  const serviceKeys = generateInternalKeyPair();
  // Known ports up front: each service needs the others' URLs for its event feeds and service calls.
  const [incidentsPort, analysisPort, tenantsPort, notificationsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: mongoUri,
    MONGODB_DB_PREFIX: dbPrefix,
    INTERNAL_TOKEN_PUBLIC_KEY: internalKeys.publicKeyPem,
    TENANTS_FILE: DEMO_TENANTS_FILE,
    INCIDENTS_PORT: String(incidentsPort),
    ANALYSIS_PORT: String(analysisPort),
    TENANTS_PORT: String(tenantsPort),
    NOTIFICATIONS_PORT: String(notificationsPort),
    INCIDENTS_SERVICE_URL: `http://127.0.0.1:${incidentsPort}`,
    ANALYSIS_SERVICE_URL: `http://127.0.0.1:${analysisPort}`,
    TENANTS_SERVICE_URL: `http://127.0.0.1:${tenantsPort}`,
    NOTIFICATIONS_SERVICE_URL: `http://127.0.0.1:${notificationsPort}`,
    SERVICE_TOKEN_PRIVATE_KEY: serviceKeys.privateKeyPem,
    SERVICE_TOKEN_PUBLIC_KEY: serviceKeys.publicKeyPem,
    DEMO_INCIDENTS_PER_TENANT: String(options.demoIncidentsPerTenant ?? 0),
    ...options.env,
  };
  const [tenants, incidents, analysis, notifications] = await Promise.all([
    startSubgraph(tenantsSubgraph, common),
    startSubgraph(options.incidents ?? incidentsSubgraph, common),
    startSubgraph(analysisSubgraph, common),
    startSubgraph(notificationsSubgraph, common),
  ]);
  const subgraphs = { tenants, incidents, analysis, notifications };
  const gatewayFor = (env: Record<string, string>) =>
    startGateway({
      GATEWAY_PORT: '0',
      INTERNAL_TOKEN_PRIVATE_KEY: internalKeys.privateKeyPem,
      SUBGRAPH_URL_INCIDENTS: `${subgraphs.incidents.url}/graphql`,
      SUBGRAPH_URL_ANALYSIS: `${subgraphs.analysis.url}/graphql`,
      SUBGRAPH_URL_TENANTS: `${subgraphs.tenants.url}/graphql`,
      SUBGRAPH_URL_NOTIFICATIONS: `${subgraphs.notifications.url}/graphql`,
      ...env,
    });
  const gateway = await gatewayFor({ ...common, PRINCIPAL_CACHE_SECONDS: '0' });
  const connections: mongoose.Connection[] = [];
  const definitions = { tenants: tenantsSubgraph, incidents: options.incidents ?? incidentsSubgraph, analysis: analysisSubgraph, notifications: notificationsSubgraph };
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    startGateway: (env) => gatewayFor({ LOG_LEVEL: common.LOG_LEVEL, ...env }),
    async restart(service) {
      const port = new URL(subgraphs[service].url).port;
      await subgraphs[service].stop();
      // The generic kit signature cannot name each definition's own type parameters.
      subgraphs[service] = await startSubgraph(definitions[service] as typeof tenantsSubgraph, { ...common, [`${service.toUpperCase()}_PORT`]: port });
    },
    dbPrefix,
    env: common,
    internalKeys,
    async database(service) {
      const connection = await mongoose.createConnection(mongoUri, { dbName: `${dbPrefix}_${service}` }).asPromise();
      connections.push(connection);
      return connection.db!;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}

/** A port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
