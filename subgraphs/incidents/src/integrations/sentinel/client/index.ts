export { SentinelClient, type ListIncidentsOptions, type SentinelCallOptions, type SentinelIncidentPage } from './sentinelClient';
export {
  DEFAULT_API_VERSION,
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_BREAKER,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY,
  type SentinelClientLogger,
  type SentinelClientOptions,
  type SentinelCredentialOptions,
  type SentinelWorkspaceConfig,
} from './sentinelClientConfig';
export {
  SentinelAuthenticationError,
  SentinelError,
  SentinelEtagConflictError,
  SentinelNetworkError,
  SentinelNotFoundError,
  SentinelRequestError,
  SentinelResponseError,
  SentinelUnavailableError,
} from './errors';
export { toIncidentUpdate, type SentinelIncidentPutBody, type SentinelIncidentUpdate } from './incidentUpdate';
export type { CircuitState } from './circuitBreaker';
export type { RetryPolicy } from './retry';
export type { SentinelWorkspaceRef } from './sentinelPaths';
