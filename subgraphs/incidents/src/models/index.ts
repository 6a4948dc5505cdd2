import type { Connection } from 'mongoose';
import { incidentModel } from './incident';

export function incidentsModels(connection: Connection) {
  return { Incident: incidentModel(connection) };
}

export type IncidentsModels = ReturnType<typeof incidentsModels>;
export type { IncidentDoc } from './incident';
export { SEVERITY_RANK } from './incident';
