import { decodeJwt } from 'jose';
import type { Credentials } from '../auth/authenticate';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The credentials of a graphql-ws `connection_init` payload, the WebSocket counterpart of the
 * HTTP headers: `authorization: "Bearer <jwt>"` or `apiKey`, and `tenantId` (the active tenant,
 * like x-tenant-id). Header-style keys are accepted too, for clients that reuse their headers.
 */
export function connectionCredentials(params: Record<string, unknown> | undefined): Credentials {
  const p = params ?? {};
  return {
    authorization: text(p.authorization ?? p.Authorization),
    apiKey: text(p.apiKey ?? p['x-api-key']),
    tenant: text(p.tenantId ?? p['x-tenant-id']),
  };
}

/** When a bearer token stops being valid (ms since epoch); null for API keys and tokens without exp. */
export function credentialExpiry(credentials: Credentials): number | null {
  if (credentials.apiKey || !credentials.authorization) return null;
  try {
    const { exp } = decodeJwt(credentials.authorization.replace(/^Bearer\s+/, ''));
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
