import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8, importSPKI, jwtVerify, errors as joseErrors, type KeyLike } from 'jose';
import { ROLES, SCOPES, type Role, type Scope } from './scopes';
import type { Membership, Principal } from './principal';

/**
 * Internal tokens: the gateway signs one (EdDSA) for every subgraph call; subgraphs verify it with
 * the public key only, so a compromised subgraph cannot mint identities for the others.
 */
const ISSUER = 'soc-gateway';
const AUDIENCE = 'soc-subgraphs';
const ALGORITHM = 'EdDSA';
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

export interface InternalTokenPayload {
  principal: Principal;
  requestId: string;
}

/** Accepts a PEM as is or base64-encoded (environment variables rarely carry newlines well). */
export function decodePem(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('-----BEGIN') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8');
}

export function generateInternalKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export type InternalTokenSigner = (payload: InternalTokenPayload) => Promise<string>;

export async function createInternalTokenSigner(privateKeyPem: string): Promise<InternalTokenSigner> {
  const key = await importPKCS8(decodePem(privateKeyPem), ALGORITHM);
  return ({ principal, requestId }) =>
    new SignJWT({
      knd: principal.kind,
      eml: principal.email,
      tid: principal.tenantId,
      mem: principal.memberships.map((m) => ({ t: m.tenantId, r: m.roles })),
      scp: principal.scopes,
      rid: requestId,
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(principal.id)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
      .sign(key);
}

export class InvalidInternalTokenError extends Error {}

export type InternalTokenVerifier = (token: string) => Promise<InternalTokenPayload>;

export async function createInternalTokenVerifier(publicKeyPem: string): Promise<InternalTokenVerifier> {
  const key: KeyLike = await importSPKI(decodePem(publicKeyPem), ALGORITHM);
  return async (token) => {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM] }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
      throw new InvalidInternalTokenError(`internal token ${reason}`);
    }
    return { principal: principalFromClaims(claims), requestId: typeof claims.rid === 'string' ? claims.rid : 'unknown' };
  };
}

function principalFromClaims(claims: Record<string, unknown>): Principal {
  const kind = claims.knd;
  if (kind !== 'user' && kind !== 'apiClient' && kind !== 'service') throw new InvalidInternalTokenError('internal token has no principal kind');
  if (typeof claims.sub !== 'string') throw new InvalidInternalTokenError('internal token has no subject');
  const memberships: Membership[] = Array.isArray(claims.mem)
    ? claims.mem.map((m: { t?: unknown; r?: unknown }) => ({
        tenantId: String(m.t),
        roles: (Array.isArray(m.r) ? m.r : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      }))
    : [];
  const scopes = (Array.isArray(claims.scp) ? claims.scp : []).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
  return {
    kind,
    id: claims.sub,
    email: typeof claims.eml === 'string' ? claims.eml : null,
    tenantId: typeof claims.tid === 'string' ? claims.tid : null,
    memberships,
    scopes,
  };
}
