import { z } from 'zod';
import { loadSubgraphSchema, loadTenantsFile, type SubgraphDefinition } from '@soc/server-kit';
import { startDemoIncidentFeed } from './demo/demoIncidentFeed';
import { incidentsLoaders, type IncidentsLoaders } from './loaders';
import { incidentsModels, type IncidentsModels } from './models';
import { resolvers } from './resolvers';

const env = {
  TENANTS_FILE: z.string().min(1).optional(),
  DEMO_INCIDENTS_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(0),
  DEMO_TRICKLE_SECONDS: z.coerce.number().min(0).default(0),
};

export const incidentsSubgraph: SubgraphDefinition<IncidentsModels, IncidentsLoaders, typeof env> = {
  name: 'incidents',
  defaultPort: 4001,
  typeDefs: loadSubgraphSchema('incidents'),
  resolvers,
  env,
  models: incidentsModels,
  loaders: incidentsLoaders,
  onStart: async ({ models, env, logger }) => {
    if (env.DEMO_INCIDENTS_PER_TENANT === 0 && env.DEMO_TRICKLE_SECONDS === 0) return;
    if (!env.TENANTS_FILE) throw new Error('TENANTS_FILE is required when demo incidents are on (DEMO_INCIDENTS_PER_TENANT or DEMO_TRICKLE_SECONDS)');
    const tenantIds = loadTenantsFile(env.TENANTS_FILE).tenants.map((t) => t.id);
    return startDemoIncidentFeed(models, { tenantIds, initialCount: env.DEMO_INCIDENTS_PER_TENANT, trickleSeconds: env.DEMO_TRICKLE_SECONDS }, logger);
  },
};
