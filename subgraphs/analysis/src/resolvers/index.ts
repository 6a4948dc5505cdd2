import { DateTime, authorize } from '@soc/server-kit';
import type { AnalysisDoc } from '../models';
import type { AnalysisContext } from './context';

export const resolvers = {
  DateTime,
  Query: {
    analysis: (_root: unknown, args: { id: string }, context: AnalysisContext) => {
      authorize(context, 'analysis:read');
      return context.loaders.analysisById.load(args.id);
    },
  },
  Analysis: {
    __resolveReference: (ref: { id: string }, context: AnalysisContext) => context.loaders.analysisById.load(ref.id),
    id: (analysis: AnalysisDoc) => analysis._id.toHexString(),
    incident: (analysis: AnalysisDoc) => ({ id: analysis.incidentId }),
  },
  Incident: {
    // The incident reference itself is checked by the incidents subgraph; here the analyses are
    // tenant-scoped by the loader, so a foreign incident id yields an empty list.
    analyses: (incident: { id: string }, _args: unknown, context: AnalysisContext) => context.loaders.analysesByIncident.load(incident.id),
    latestAnalysis: async (incident: { id: string }, _args: unknown, context: AnalysisContext) =>
      (await context.loaders.analysesByIncident.load(incident.id))[0] ?? null,
  },
};
