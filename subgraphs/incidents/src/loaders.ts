import { createByIdLoader, tenantIfAllowed, type Principal } from '@soc/server-kit';
import type { IncidentsModels } from './models';

export function incidentsLoaders(models: IncidentsModels, principal: Principal) {
  const tenantId = tenantIfAllowed(principal, 'incidents:read');
  return {
    /** Null for every id when the caller may not read incidents of an active tenant. */
    incidentById: createByIdLoader(models.Incident, { tenantId: tenantId ?? { $in: [] } }),
  };
}

export type IncidentsLoaders = ReturnType<typeof incidentsLoaders>;
