import { loadSubgraphSchema, type SubgraphDefinition } from '@soc/server-kit';
import { analysisLoaders, type AnalysisLoaders } from './loaders';
import { analysisModels, type AnalysisModels } from './models';
import { resolvers } from './resolvers';

export const analysisSubgraph: SubgraphDefinition<AnalysisModels, AnalysisLoaders> = {
  name: 'analysis',
  defaultPort: 4002,
  typeDefs: loadSubgraphSchema('analysis'),
  resolvers,
  models: analysisModels,
  loaders: analysisLoaders,
};
