import { z } from 'zod';
import { loadSubgraphSchema, loadTenantsFile, type SubgraphDefinition } from '@soc/server-kit';
import { tenantsLoaders, type TenantsLoaders } from './loaders';
import { tenantsModels, type TenantsModels } from './models';
import { resolvers } from './resolvers';
import { mountInternalPrincipalRoutes } from './routes/internalPrincipals';
import { seedTenants } from './services/seedTenants';

const env = {
  TENANTS_FILE: z.string({ error: 'is required: path of tenants.json' }).min(1),
};

export const tenantsSubgraph: SubgraphDefinition<TenantsModels, TenantsLoaders, typeof env> = {
  name: 'tenants',
  defaultPort: 4003,
  typeDefs: loadSubgraphSchema('tenants'),
  resolvers,
  env,
  models: tenantsModels,
  loaders: tenantsLoaders,
  internalRoutes: (router, { models }) => mountInternalPrincipalRoutes(router, models),
  onStart: async ({ models, env: { TENANTS_FILE }, logger }) => {
    await seedTenants(models, loadTenantsFile(TENANTS_FILE), logger);
  },
};
