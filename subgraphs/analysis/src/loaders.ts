import { createByIdLoader, createGroupLoader, tenantIfAllowed, type Principal } from '@soc/server-kit';
import type { AnalysisModels } from './models';

export function analysisLoaders(models: AnalysisModels, principal: Principal) {
  const scope = { tenantId: tenantIfAllowed(principal, 'analysis:read') ?? { $in: [] } };
  return {
    analysisById: createByIdLoader(models.Analysis, scope),
    /** Every analysis of every incident in the response, in one query, newest first. */
    analysesByIncident: createGroupLoader(models.Analysis, 'incidentId', scope, { createdAt: -1, _id: -1 }),
    chatSessionById: createByIdLoader(models.ChatSession, scope),
    chatSessionsByIncident: createGroupLoader(models.ChatSession, 'incidentId', scope, { createdAt: -1, _id: -1 }),
  };
}

export type AnalysisLoaders = ReturnType<typeof analysisLoaders>;
