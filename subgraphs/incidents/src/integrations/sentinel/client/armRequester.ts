import { randomUUID } from 'node:crypto';
import { parseAzureErrorBody } from './azureErrorBody';
import type { BreakerPermit, CircuitBreaker } from './circuitBreaker';
import {
  SentinelEtagConflictError,
  SentinelNetworkError,
  SentinelNotFoundError,
  SentinelRequestError,
  SentinelResponseError,
  SentinelUnavailableError,
  type SentinelRequestErrorDetails,
} from './errors';
import type { ArmTokenProvider } from './armTokenProvider';
import { isRetriableStatus, parseRetryAfterMs, retryDelayMs, sleep, type RetryPolicy } from './retry';
import type { SentinelClientLogger } from './sentinelClientConfig';

export interface ArmRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** Absolute URL, api-version included. */
  url: string;
  /** Short path for errors and logs, e.g. `incidents/{name}`. */
  path: string;
  /** JSON body; POST actions without one send an empty body. */
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export interface ArmResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface ArmRequesterOptions {
  tokens: ArmTokenProvider;
  fetch: typeof fetch;
  retry: RetryPolicy;
  breaker: CircuitBreaker;
  requestTimeoutMs: number;
  logger?: SentinelClientLogger | undefined;
}

type Exchange =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'no-response'; timedOut: boolean; reason: string };

/**
 * Sends authenticated JSON requests to ARM with the resilience rules in one place: per-attempt
 * timeout, retries with backoff on 429/5xx/network errors, one token refresh on 401, and the
 * circuit breaker around every attempt.
 */
export class ArmRequester {
  readonly #o: ArmRequesterOptions;

  constructor(options: ArmRequesterOptions) {
    this.#o = options;
  }

  async send(request: ArmRequest): Promise<ArmResponse> {
    const { retry, breaker, tokens } = this.#o;
    let attempts = 0;
    let refreshedToken = false;
    // Set once an attempt may have reached Sentinel without us seeing the outcome (timeout, reset, 5xx).
    let mayHaveLanded = false;
    let lastFailure: string | undefined;

    for (;;) {
      const decision = breaker.tryAcquire();
      if (!decision.allowed) throw new SentinelUnavailableError(decision.retryInMs, lastFailure);
      const permit = decision.permit;

      let token: string;
      let exchange: Exchange;
      try {
        token = await tokens.getToken(request.signal);
        attempts += 1;
        exchange = await this.#exchange(request, token);
      } catch (error) {
        // Caller aborts and token failures say nothing about Sentinel's health.
        permit.abandoned();
        throw error;
      }

      if (exchange.kind === 'response' && exchange.status >= 200 && exchange.status < 300) {
        permit.succeeded();
        return { status: exchange.status, body: parseJson(exchange.text, request) };
      }

      if (exchange.kind === 'response' && exchange.status === 401 && !refreshedToken) {
        // ARM is up and refused the token (usually ExpiredAuthenticationToken): get a fresh one, once.
        permit.succeeded();
        refreshedToken = true;
        tokens.tokenRejected(token);
        continue;
      }

      if (exchange.kind === 'response' && !isRetriableStatus(exchange.status)) {
        permit.succeeded();
        throw requestError(request, exchange, attempts, mayHaveLanded);
      }

      permit.failed();
      // A throttled request was turned away before processing; anything else may have been applied.
      if (exchange.kind === 'no-response' || exchange.status !== 429) mayHaveLanded = true;
      lastFailure = exchange.kind === 'response' ? `HTTP ${exchange.status}` : exchange.reason;
      const budgetUsed = attempts - (refreshedToken ? 1 : 0);
      if (budgetUsed >= retry.maxAttempts) {
        throw exchange.kind === 'response'
          ? requestError(request, exchange, attempts, mayHaveLanded)
          : new SentinelNetworkError({ method: request.method, path: request.path, attempts, timedOut: exchange.timedOut, reason: exchange.reason });
      }
      const retryAfterMs = exchange.kind === 'response' ? parseRetryAfterMs(exchange.headers.get('retry-after')) : undefined;
      const delayMs = retryDelayMs(budgetUsed, retry, retryAfterMs);
      this.#o.logger?.warn(
        { method: request.method, path: request.path, failure: lastFailure, attempt: attempts, delayMs },
        'Sentinel request failed; retrying',
      );
      await sleep(delayMs, request.signal);
    }
  }

  async #exchange(request: ArmRequest, token: string): Promise<Exchange> {
    const timeout = AbortSignal.timeout(this.#o.requestTimeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'x-ms-client-request-id': randomUUID(),
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    } else if (request.method !== 'GET') {
      body = '';
    }
    try {
      // Redirects are refused: ARM does not send them, and following one could carry the token elsewhere.
      // Called unbound: some fetch implementations refuse a foreign `this`.
      const doFetch = this.#o.fetch;
      const response = await doFetch(request.url, { method: request.method, headers, body, signal, redirect: 'error' });
      // Read the body under the same signal, so a stalled body also times out.
      const text = await response.text();
      return { kind: 'response', status: response.status, headers: response.headers, text };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) return { kind: 'no-response', timedOut: true, reason: `timed out after ${this.#o.requestTimeoutMs} ms` };
      return { kind: 'no-response', timedOut: false, reason: networkReason(error) };
    }
  }
}

function requestError(
  request: ArmRequest,
  exchange: Extract<Exchange, { kind: 'response' }>,
  attempts: number,
  mayHaveLanded: boolean,
): SentinelRequestError {
  const azure = parseAzureErrorBody(exchange.text);
  const details: SentinelRequestErrorDetails = {
    method: request.method,
    path: request.path,
    status: exchange.status,
    attempts,
    code: azure.code,
    azureMessage: azure.message,
    requestId: exchange.headers.get('x-ms-request-id') ?? undefined,
  };
  if (exchange.status === 412) return new SentinelEtagConflictError(details, mayHaveLanded);
  if (exchange.status === 404) return new SentinelNotFoundError(details);
  return new SentinelRequestError(details);
}

function parseJson(text: string, request: ArmRequest): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SentinelResponseError(`Sentinel ${request.method} ${request.path} returned a body that is not JSON`);
  }
}

/** fetch reports "fetch failed" and hides the socket error in `cause`; surface its code (ECONNRESET...). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
