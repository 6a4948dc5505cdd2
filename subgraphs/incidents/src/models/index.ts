import { incidentEventCheckpointModel, incidentEventCursorModel, incidentEventQueueModel } from './incidentEventQueue';
import type { Connection } from 'mongoose';
import { incidentModel } from './incident';
import { sentinelSyncModel, sentinelWorkspaceModel } from './sentinelWorkspace';
import { writeBackQueueModel } from './writeBackQueue';

export function incidentsModels(connection: Connection) {
  return { Incident: incidentModel(connection), SentinelWorkspace: sentinelWorkspaceModel(connection), SentinelSync: sentinelSyncModel(connection), WriteBackQueue: writeBackQueueModel(connection), IncidentEventQueue: incidentEventQueueModel(connection), IncidentEventCursor: incidentEventCursorModel(connection), IncidentEventCheckpoint: incidentEventCheckpointModel(connection) };
}

export type IncidentsModels = ReturnType<typeof incidentsModels>;
export type { IncidentDoc, TimelineEntry, WriteBackRecord, ChangeSource } from './incident';
export { SEVERITY_RANK, deriveIncidentFields, incidentObjectId, tokenize } from './derivedFields';
export type { SentinelWorkspaceDoc, SentinelSyncDoc } from './sentinelWorkspace';
