import type { SentinelClient } from './client/sentinelClient';
import type { SentinelWorkspaceConfig } from './client/sentinelClientConfig';

/** What the sync and the write-back use of Sentinel (tests may hand in a client with other options). */
export type SentinelApi = Pick<SentinelClient, 'listIncidents' | 'getIncident' | 'putIncident' | 'getIncidentRelated' | 'listComments' | 'createComment'>;

export type SentinelConnection = SentinelWorkspaceConfig;

export type SentinelApiFactory = (connection: SentinelConnection) => SentinelApi;
