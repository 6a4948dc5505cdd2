import { loadSubgraphSchema, type SubgraphDefinition } from '@soc/server-kit';
import { notificationsLoaders, type NotificationsLoaders } from './loaders';
import { notificationsModels, type NotificationsModels } from './models';
import { resolvers } from './resolvers';

export const notificationsSubgraph: SubgraphDefinition<NotificationsModels, NotificationsLoaders> = {
  name: 'notifications',
  defaultPort: 4004,
  typeDefs: loadSubgraphSchema('notifications'),
  resolvers,
  models: notificationsModels,
  loaders: notificationsLoaders,
};
