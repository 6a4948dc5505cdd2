import type { Connection } from 'mongoose';
import { incidentModel } from './incident';
import { sentinelSyncModel, sentinelWorkspaceModel } from './sentinelWorkspace';

export function incidentsModels(connection: Connection) {
  return { Incident: incidentModel(connection), SentinelWorkspace: sentinelWorkspaceModel(connection), SentinelSync: sentinelSyncModel(connection) };
}

export type IncidentsModels = ReturnType<typeof incidentsModels>;
export type { IncidentDoc, TimelineEntry, WriteBackRecord, ChangeSource } from './incident';
export { SEVERITY_RANK, deriveIncidentFields, tokenize } from './derivedFields';
export type { SentinelWorkspaceDoc, SentinelSyncDoc } from './sentinelWorkspace';
