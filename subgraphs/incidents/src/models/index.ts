import type { Connection } from 'mongoose';
import { incidentModel } from './incident';

export function incidentsModels(connection: Connection) {
  return { Incident: incidentModel(connection) };
}

export type IncidentsModels = ReturnType<typeof incidentsModels>;
export type { IncidentDoc, TimelineEntry, WriteBackRecord, ChangeSource } from './incident';
export { SEVERITY_RANK, deriveIncidentFields, tokenize } from './derivedFields';
