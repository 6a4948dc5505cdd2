import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { GatewayConfig } from '../config';
import { DEV_AUDIENCE, DEV_ISSUER } from './devIssuer';

export interface VerifiedIdentity {
  issuer: string;
  email: string;
}

export class InvalidCredentialsError extends Error {}

interface TrustedIssuer {
  key: KeyLike | JWTVerifyGetKey;
  audience: string;
  algorithms: string[];
  emailClaim: string;
}

/**
 * Verifies bearer JWTs against the configured issuers only: the development issuer (its own
 * key) and Entra ID tenants (their JWKS). A token from any other issuer is rejected unread.
 */
export function createTokenVerifier(config: GatewayConfig, devIssuerKey: KeyLike | null) {
  const issuers = new Map<string, TrustedIssuer>();
  if (devIssuerKey) issuers.set(DEV_ISSUER, { key: devIssuerKey, audience: DEV_AUDIENCE, algorithms: ['EdDSA'], emailClaim: 'email' });
  for (const oidc of config.AUTH_OIDC_ISSUERS) {
    issuers.set(oidc.issuer, {
      key: createRemoteJWKSet(new URL(oidc.jwksUri), { cacheMaxAge: 10 * 60_000 }),
      audience: oidc.audience,
      algorithms: ['RS256'],
      emailClaim: oidc.emailClaim,
    });
  }

  return async (token: string): Promise<VerifiedIdentity> => {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidCredentialsError('Bearer token is not a JWT');
    }
    const trusted = issuer ? issuers.get(issuer) : undefined;
    if (!issuer || !trusted) throw new InvalidCredentialsError('Bearer token is from an issuer this gateway does not trust');
    try {
      const { payload } = await jwtVerify(token, trusted.key as KeyLike, { issuer, audience: trusted.audience, algorithms: trusted.algorithms });
      const email = payload[trusted.emailClaim] ?? payload.email ?? payload.upn;
      if (typeof email !== 'string' || !email.includes('@')) throw new InvalidCredentialsError(`Bearer token has no ${trusted.emailClaim} claim`);
      return { issuer, email: email.toLowerCase() };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw error;
      throw new InvalidCredentialsError(`Bearer token rejected: ${(error as { code?: string }).code ?? 'invalid'}`);
    }
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
