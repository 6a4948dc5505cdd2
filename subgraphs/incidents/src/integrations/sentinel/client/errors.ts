/**
 * Typed errors of the Sentinel client. Messages are built only from our own text and from Azure's
 * error bodies; request headers (bearer tokens) and the client secret never go into an error.
 */

/** Base of every error the client throws, so callers can catch the integration as a whole. */
export class SentinelError extends Error {
  override name = 'SentinelError';
}

/** What every failed ARM exchange reports, whatever the status. */
export interface SentinelRequestErrorDetails {
  method: string;
  /** Path below the workspace (e.g. `incidents/{name}/comments`), without the query string. */
  path: string;
  status: number;
  /** Azure error code from the body (`{error:{code}}`), e.g. NotFound, TooManyRequests. */
  code?: string;
  /** Azure error message from the body. */
  azureMessage?: string;
  /** `x-ms-request-id` of the failing response, for Azure support cases. */
  requestId?: string;
  /** Attempts made, including the first. */
  attempts: number;
}

/** ARM answered with a non-success status. */
export class SentinelRequestError extends SentinelError {
  override name = 'SentinelRequestError';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly azureMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;
  /** Whether the status is one the client retries (429, 5xx); false once retries are exhausted too. */
  readonly retriable: boolean;

  constructor(details: SentinelRequestErrorDetails, message?: string) {
    super(message ?? describeFailure(details));
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.azureMessage = details.azureMessage;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
    this.retriable = details.status === 429 || details.status >= 500;
  }
}

/** 404: the workspace or incident does not exist (or was deleted in Sentinel). */
export class SentinelNotFoundError extends SentinelRequestError {
  override name = 'SentinelNotFoundError';
}

/** 412: the etag sent with a write is no longer the incident's current etag. */
export class SentinelEtagConflictError extends SentinelRequestError {
  override name = 'SentinelEtagConflictError';
  /**
   * True when an earlier attempt of the same call timed out, lost its connection or got a 5xx: that
   * attempt may have been applied, and this conflict may be our own write. Re-read and compare.
   */
  readonly possiblyOwnWrite: boolean;

  constructor(details: SentinelRequestErrorDetails, possiblyOwnWrite: boolean) {
    super(details);
    this.possiblyOwnWrite = possiblyOwnWrite;
  }
}

/** No HTTP response: connection failure or the per-request timeout, after all attempts. */
export class SentinelNetworkError extends SentinelError {
  override name = 'SentinelNetworkError';
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly timedOut: boolean;

  constructor(details: { method: string; path: string; attempts: number; timedOut: boolean; reason: string }) {
    super(
      `Sentinel ${details.method} ${details.path} ${details.timedOut ? 'timed out' : `failed without a response (${details.reason})`}` +
        ` after ${details.attempts} attempt${details.attempts === 1 ? '' : 's'}`,
    );
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
    this.timedOut = details.timedOut;
  }
}

/** The circuit breaker is open: Sentinel failed repeatedly, so calls fail fast until the cooldown ends. */
export class SentinelUnavailableError extends SentinelError {
  override name = 'SentinelUnavailableError';
  /** Milliseconds until the breaker lets a trial request through. */
  readonly retryInMs: number;

  constructor(retryInMs: number, lastFailure?: string) {
    const wait = retryInMs > 0 ? `not calling it for another ${Math.ceil(retryInMs / 1000)} s` : 'a trial request is checking whether it recovered';
    super(`Sentinel is unavailable after repeated failures; ${wait}${lastFailure ? ` (last failure: ${lastFailure})` : ''}`);
    this.retryInMs = retryInMs;
  }
}

/** Entra ID refused or could not issue a token (wrong secret, unknown client or tenant, unreachable). */
export class SentinelAuthenticationError extends SentinelError {
  override name = 'SentinelAuthenticationError';
  /** Entra error such as invalid_client, when the credential reported one. */
  readonly entraError: string | undefined;
  /** AADSTS error number, e.g. 7000215 (invalid client secret). */
  readonly aadstsCode: number | undefined;

  constructor(message: string, details: { entraError?: string | undefined; aadstsCode?: number | undefined } = {}) {
    super(message);
    this.entraError = details.entraError;
    this.aadstsCode = details.aadstsCode;
  }
}

/** A success response the client cannot use: not JSON, missing fields, or a nextLink to another host. */
export class SentinelResponseError extends SentinelError {
  override name = 'SentinelResponseError';
}

function describeFailure(details: SentinelRequestErrorDetails): string {
  const code = details.code ? ` ${details.code}` : '';
  const message = details.azureMessage ? `: ${details.azureMessage}` : '';
  const attempts = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
  return `Sentinel ${details.method} ${details.path} failed with ${details.status}${code}${message}${attempts}`;
}
