import { z } from 'zod';
import { loadSubgraphSchema, loadTenantsFile, type SubgraphDefinition } from '@soc/server-kit';
import { startDemoIncidentFeed } from './demo/demoIncidentFeed';
import { SentinelClient } from './integrations/sentinel/client/sentinelClient';
import { incidentsLoaders, type IncidentsLoaders } from './loaders';
import { incidentsModels, type IncidentsModels } from './models';
import { resolvers } from './resolvers';
import { incidentsServices, type IncidentsServices } from './services';
import { seedWorkspacesFromFile } from './services/sentinelWorkspaces';
import { mountSentinelWebhookRoute } from './webhooks/sentinelWebhookRoute';
import { analysisOutcomeSubscription } from './events/analysisOutcomeConsumer';
import { IncidentEventRelay } from './events/incidentEventRelay';
import { mountIncidentContextRoute } from './serviceApi/incidentContextRoute';

const env = {
  TENANTS_FILE: z.string().min(1).optional(),
  DEMO_INCIDENTS_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(0),
  DEMO_TRICKLE_SECONDS: z.coerce.number().min(0).default(0),
  /** How often the sync scheduler looks for workspaces whose interval has passed. */
  SENTINEL_SYNC_TICK_SECONDS: z.coerce.number().min(1).default(15),
  /** How often the write-back worker looks for changes to deliver to Sentinel. */
  /** How often changed incidents are published as incident.created / incident.updated events. */
  INCIDENT_EVENTS_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  SENTINEL_WRITEBACK_INTERVAL_MS: z.coerce.number().int().min(50).default(5_000),
  SENTINEL_WRITEBACK_BASE_DELAY_MS: z.coerce.number().int().min(1).default(5_000),
  SENTINEL_WRITEBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** Least seconds between two comment sweeps of a tenant's open incidents (0 = only after an explicit syncSentinel). */
  SENTINEL_COMMENT_SWEEP_SECONDS: z.coerce.number().min(0).default(900),
  /** Most open incidents one comment sweep re-reads; the next sweep continues after the last one. */
  SENTINEL_COMMENT_SWEEP_MAX_INCIDENTS: z.coerce.number().int().min(1).default(1_000),
};

export const incidentsSubgraph: SubgraphDefinition<IncidentsModels, IncidentsLoaders, typeof env, IncidentsServices> = {
  name: 'incidents',
  defaultPort: 4001,
  typeDefs: loadSubgraphSchema('incidents'),
  resolvers,
  env,
  models: incidentsModels,
  loaders: incidentsLoaders,
  internalRoutes: (router, deps) => mountSentinelWebhookRoute(router, deps),
  serviceRoutes: (router, { models }) => mountIncidentContextRoute(router, models),
  eventSubscriptions: ({ models, env, logger }) => [analysisOutcomeSubscription(models, env.TENANTS_FILE, logger)],
  services: ({ models, logger, env }) =>
    incidentsServices(
      models,
      logger,
      (connection) => new SentinelClient(connection),
      { baseDelayMs: env.SENTINEL_WRITEBACK_BASE_DELAY_MS, maxAttempts: env.SENTINEL_WRITEBACK_MAX_ATTEMPTS },
      { intervalMs: env.SENTINEL_COMMENT_SWEEP_SECONDS * 1000, maxIncidents: env.SENTINEL_COMMENT_SWEEP_MAX_INCIDENTS },
    ),
  onStart: async ({ models, env, logger, services, outbox }) => {
    const events = new IncidentEventRelay(models, outbox, logger);
    await events.recover();
    events.start(env.INCIDENT_EVENTS_INTERVAL_MS);
    const tenants = env.TENANTS_FILE ? loadTenantsFile(env.TENANTS_FILE) : null;
    if (tenants) await seedWorkspacesFromFile(models, tenants, logger);
    services.sync.startSchedule(env.SENTINEL_SYNC_TICK_SECONDS * 1000);
    await services.writeBack.recover();
    services.writeBack.start(env.SENTINEL_WRITEBACK_INTERVAL_MS);
    let stopDemo = async () => {};
    if (env.DEMO_INCIDENTS_PER_TENANT > 0 || env.DEMO_TRICKLE_SECONDS > 0) {
      if (!tenants) throw new Error('TENANTS_FILE is required when demo incidents are on (DEMO_INCIDENTS_PER_TENANT or DEMO_TRICKLE_SECONDS)');
      const tenantIds = tenants.tenants.map((t) => t.id);
      stopDemo = await startDemoIncidentFeed(models, { tenantIds, initialCount: env.DEMO_INCIDENTS_PER_TENANT, trickleSeconds: env.DEMO_TRICKLE_SECONDS }, logger);
    }
    return async () => {
      await stopDemo();
      await services.sync.stop();
      await services.writeBack.stop();
      await events.stop();
    };
  },
};
