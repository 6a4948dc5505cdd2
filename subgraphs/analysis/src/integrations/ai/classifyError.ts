import { APIConnectionError as AnthropicConnectionError, APIConnectionTimeoutError as AnthropicTimeout, APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import { ApiError as GeminiApiError } from '@google/genai';
import { APIConnectionError as OpenAIConnectionError, APIConnectionTimeoutError as OpenAITimeout, APIError as OpenAIAPIError } from 'openai';
import { ProviderError } from './providers/providerAdapter';
import { redactSecrets } from './redactSecrets';
import { retryAfterFromHeaders } from './retry';
import type { FailureKind } from './types';

export interface ClassifiedFailure {
  kind: FailureKind;
  /** Worth another request to the same provider. */
  retriable: boolean;
  /**
   * What the answer says about the endpoint's health, which all tenants share: 5xx, timeouts and
   * network errors count as failures; a 401 or 400 shows it is up; a 429 concerns one key's quota.
   * Counting per-credential answers would let one tenant's bad key cut every tenant off.
   */
  breaker: 'failure' | 'success' | 'neutral';
  /** Server-requested wait before retrying. */
  retryAfterMs?: number;
  /** Short and secret-free. */
  message: string;
}

const NETWORK_ERROR = /fetch failed|terminated|socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|other side closed|network/i;

/** Maps whatever an SDK threw to a failure kind and a retry decision. `timedOut`: our attempt timer fired. */
export function classifyError(error: unknown, context: { timedOut: boolean; secrets: ReadonlyArray<string | undefined> }): ClassifiedFailure {
  const clean = (text: string) => redactSecrets(text, context.secrets);

  if (error instanceof ProviderError) {
    return { kind: error.kind, retriable: error.retriable, breaker: 'neutral', message: clean(error.message) };
  }
  if (context.timedOut || error instanceof OpenAITimeout || error instanceof AnthropicTimeout) {
    return { kind: 'TIMEOUT', retriable: true, breaker: 'failure', message: 'no answer within the timeout' };
  }

  const { status, body, headers } = errorDetails(error);
  const providerMessage = clean(messageOf(body) ?? messageOfError(error));
  const described = status ? `${status} ${providerMessage}` : providerMessage;

  if (status === 401 || status === 403 || isGeminiKeyError(body)) return { kind: 'AUTH', retriable: false, breaker: 'success', message: described };
  if (status === 429) {
    // Out of credit: waiting does not help, the next provider might.
    const exhausted = errorCode(body) === 'insufficient_quota';
    return { kind: 'RATE_LIMIT', retriable: !exhausted, breaker: 'neutral', retryAfterMs: retryAfterFromHeaders(headers) ?? geminiRetryDelayMs(body), message: described };
  }
  if (status === 408) return { kind: 'TIMEOUT', retriable: true, breaker: 'failure', message: described };
  if (status !== undefined && status >= 500) return { kind: 'SERVER', retriable: true, breaker: 'failure', retryAfterMs: retryAfterFromHeaders(headers), message: described };
  if (status !== undefined) return { kind: 'OTHER', retriable: false, breaker: 'success', message: described };

  // No HTTP status: an error event inside a stream, or the connection itself failed.
  const streamType = streamErrorType(body);
  if (streamType === 'rate_limit_error') return { kind: 'RATE_LIMIT', retriable: true, breaker: 'neutral', message: providerMessage };
  if (streamType === 'authentication_error' || streamType === 'permission_error') return { kind: 'AUTH', retriable: false, breaker: 'success', message: providerMessage };
  if (streamType === 'invalid_request_error') return { kind: 'OTHER', retriable: false, breaker: 'success', message: providerMessage };
  if (
    streamType ||
    error instanceof OpenAIConnectionError ||
    error instanceof AnthropicConnectionError ||
    error instanceof OpenAIAPIError ||
    error instanceof AnthropicAPIError ||
    NETWORK_ERROR.test(messageOfError(error)) ||
    NETWORK_ERROR.test(messageOfError((error as { cause?: unknown } | undefined)?.cause))
  ) {
    return { kind: 'SERVER', retriable: true, breaker: 'failure', message: providerMessage || 'connection failed' };
  }
  // Anything else is most likely our bug or an SDK misuse: repeating it will not help.
  return { kind: 'OTHER', retriable: false, breaker: 'neutral', message: providerMessage };
}

/** Duck-typed: errors thrown by fetch may come from another realm (vm sandboxes) and fail `instanceof Error`. */
function messageOfError(error: unknown): string {
  if (error == null) return '';
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : String(error);
}

function errorDetails(error: unknown): { status?: number; body?: unknown; headers?: { get(name: string): string | null } } {
  if (error instanceof OpenAIAPIError || error instanceof AnthropicAPIError) {
    return { status: error.status, body: error.error, headers: error.headers };
  }
  if (error instanceof GeminiApiError) {
    // The Gemini SDK puts the JSON error body into the message, and keeps no headers.
    let body: unknown;
    try {
      body = JSON.parse(error.message);
    } catch {
      body = { error: { message: error.message } };
    }
    return { status: error.status, body };
  }
  return {};
}

type ErrorBody = { message?: unknown; type?: unknown; code?: unknown; error?: ErrorBody | string; details?: unknown };

/** OpenAI/Azure: {error:{message}} (the SDK hands us the inner object); Anthropic: {type:'error', error:{type, message}}; Gemini: {error:{code, message, status}}. */
function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as ErrorBody;
  if (typeof b.message === 'string') return b.message;
  if (b.error && typeof b.error === 'object') return messageOf(b.error);
  if (typeof b.error === 'string') return b.error;
  return undefined;
}

function errorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as ErrorBody;
  if (typeof b.code === 'string') return b.code;
  return b.error && typeof b.error === 'object' ? errorCode(b.error) : undefined;
}

function streamErrorType(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as ErrorBody;
  if (b.type === 'error' && b.error && typeof b.error === 'object' && typeof b.error.type === 'string') return b.error.type;
  return typeof b.type === 'string' && b.type.endsWith('_error') ? b.type : undefined;
}

function geminiDetails(body: unknown): Array<Record<string, unknown>> {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  return Array.isArray(details) ? (details as Array<Record<string, unknown>>) : [];
}

/** Gemini answers a bad key with 400 INVALID_ARGUMENT and reason API_KEY_INVALID, not 401. */
function isGeminiKeyError(body: unknown): boolean {
  return geminiDetails(body).some((d) => d.reason === 'API_KEY_INVALID');
}

/** Gemini sends its wait as google.rpc.RetryInfo {retryDelay: "7s"} in the body, not as a header. */
function geminiRetryDelayMs(body: unknown): number | undefined {
  for (const detail of geminiDetails(body)) {
    const delay = detail.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Math.ceil(Number(delay.slice(0, -1)) * 1000);
  }
  return undefined;
}
