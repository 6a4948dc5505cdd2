import type { ClientSecretCredentialOptions, TokenCredential } from '@azure/identity';
import type { CircuitBreakerOptions } from './circuitBreaker';
import type { RetryPolicy } from './retry';
import type { SentinelWorkspaceRef } from './sentinelPaths';

/** A tenant's Sentinel workspace and the Entra ID app that may read and write its incidents. */
export interface SentinelWorkspaceConfig extends SentinelWorkspaceRef {
  entraTenantId: string;
  clientId: string;
  /** The resolved secret value (not an `env:` reference). Never logged, never put in an error. */
  clientSecret: string;
  /** Defaults to https://management.azure.com; sovereign clouds and tests set their own. */
  armEndpoint?: string;
  /** Defaults to https://login.microsoftonline.com. */
  authorityHost?: string;
}

/** Structural subset of a pino logger, so the client needs no logging dependency. */
export interface SentinelClientLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Extra options for the Entra ID credential's own HTTP pipeline (proxy, extra policies, retries). */
export type SentinelCredentialOptions = Omit<ClientSecretCredentialOptions, 'authorityHost'>;

export interface SentinelClientOptions {
  /** Microsoft.SecurityInsights api-version; defaults to 2025-09-01. */
  apiVersion?: string;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<Pick<CircuitBreakerOptions, 'failureThreshold' | 'cooldownMs'>>;
  /** Per attempt, response body included. */
  requestTimeoutMs?: number;
  /** Use this credential instead of a ClientSecretCredential built from the workspace config. */
  credential?: TokenCredential;
  /** Passed to the ClientSecretCredential the client builds (ignored with `credential`). */
  credentialOptions?: SentinelCredentialOptions;
  /** HTTP implementation for ARM calls; defaults to the global fetch. */
  fetch?: typeof fetch;
  logger?: SentinelClientLogger;
}

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_API_VERSION = '2025-09-01';
export const DEFAULT_RETRY: Readonly<RetryPolicy> = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
export const DEFAULT_BREAKER: Readonly<Pick<CircuitBreakerOptions, 'failureThreshold' | 'cooldownMs'>> = {
  failureThreshold: 5,
  cooldownMs: 30_000,
};
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ResolvedSentinelClientOptions {
  apiVersion: string;
  armEndpoint: string;
  authorityHost: string;
  retry: RetryPolicy;
  breaker: Pick<CircuitBreakerOptions, 'failureThreshold' | 'cooldownMs'>;
  requestTimeoutMs: number;
}

/** Fills in defaults and rejects values that would misbehave later (an http endpoint, a zero timeout). */
export function resolveSentinelClientOptions(workspace: SentinelWorkspaceConfig, options: SentinelClientOptions): ResolvedSentinelClientOptions {
  for (const key of ['subscriptionId', 'resourceGroup', 'workspaceName', 'entraTenantId', 'clientId'] as const) {
    if (typeof workspace[key] !== 'string' || workspace[key].trim() === '') throw new TypeError(`Sentinel workspace ${key} is required`);
  }
  if (!options.credential && (typeof workspace.clientSecret !== 'string' || workspace.clientSecret === '')) {
    throw new TypeError('Sentinel workspace clientSecret is required (the resolved secret value)');
  }
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  positiveInteger(retry.maxAttempts, 'retry.maxAttempts');
  nonNegative(retry.baseDelayMs, 'retry.baseDelayMs');
  nonNegative(retry.maxDelayMs, 'retry.maxDelayMs');
  const breaker = { ...DEFAULT_BREAKER, ...options.breaker };
  positiveInteger(breaker.failureThreshold, 'breaker.failureThreshold');
  nonNegative(breaker.cooldownMs, 'breaker.cooldownMs');
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) throw new RangeError(`requestTimeoutMs must be positive, got ${requestTimeoutMs}`);
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) throw new TypeError(`apiVersion is not an api-version: ${JSON.stringify(apiVersion)}`);
  return {
    apiVersion,
    armEndpoint: httpsBaseUrl(workspace.armEndpoint ?? DEFAULT_ARM_ENDPOINT, 'armEndpoint', false),
    authorityHost: httpsBaseUrl(workspace.authorityHost ?? DEFAULT_AUTHORITY_HOST, 'authorityHost', true),
    retry,
    breaker,
    requestTimeoutMs,
  };
}

/**
 * Bearer tokens and client secrets only ever travel over TLS, so http endpoints are refused outright.
 * Returns the URL without a trailing slash; the ARM endpoint must be a bare origin.
 */
function httpsBaseUrl(value: string, what: string, allowPath: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${what} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') throw new TypeError(`${what} must use https: ${JSON.stringify(value)}`);
  if (url.username || url.password || url.search || url.hash) throw new TypeError(`${what} must not carry credentials, a query or a fragment`);
  if (!allowPath && url.pathname !== '/') throw new TypeError(`${what} must be an origin without a path: ${JSON.stringify(value)}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function positiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}`);
}

function nonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a non-negative number, got ${value}`);
}
