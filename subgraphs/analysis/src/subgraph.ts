import { z } from 'zod';
import { loadSubgraphSchema, type SubgraphDefinition } from '@soc/server-kit';
import { analysisLoaders, type AnalysisLoaders } from './loaders';
import { analysisModels, type AnalysisModels } from './models';
import { resolvers } from './resolvers';
import { mountAnalysisReportRoute } from './routes/analysisReportRoute';
import { AnalysisServices } from './services';

const env = {
  TENANTS_FILE: z.string().min(1).optional(),
  /** Redis for PubSub and BullMQ jobs (scale-out); in-process without it. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('soc:'),
  /** Whether this replica also runs analyses (BullMQ mode): API-only replicas set it to false. */
  ANALYSIS_WORKER: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  ANALYSIS_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  ANALYSIS_RUN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
  ANALYSIS_RECOVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
};

export const analysisSubgraph: SubgraphDefinition<AnalysisModels, AnalysisLoaders, typeof env, AnalysisServices> = {
  name: 'analysis',
  defaultPort: 4002,
  typeDefs: loadSubgraphSchema('analysis'),
  resolvers,
  env,
  models: analysisModels,
  loaders: analysisLoaders,
  services: () => new AnalysisServices(),
  serviceRoutes: (router, { models }) => mountAnalysisReportRoute(router, models),
  onStart: async ({ models, outbox, callService, env, logger, metrics, services }) => {
    await services.start({ models, outbox, callService, env, logger, metrics });
    return () => services.stop();
  },
};
