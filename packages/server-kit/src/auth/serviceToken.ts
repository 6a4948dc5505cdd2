import { SignJWT, importPKCS8, importSPKI, jwtVerify, type KeyLike } from 'jose';
import { decodePem } from './internalToken';

/**
 * Service tokens: what one subgraph shows another when it reads an event feed or an internal
 * service API. They use their own key pair, issuer and audience, and are accepted only under
 * `/service`, never on `/graphql`: a subgraph holding this key still cannot act as a user.
 */
const ISSUER = 'soc-service';
const AUDIENCE = 'soc-service-api';
const ALGORITHM = 'EdDSA';
const TTL_SECONDS = 60;

export type ServiceTokenSigner = () => Promise<string>;
export type ServiceTokenVerifier = (token: string) => Promise<{ service: string }>;

export async function createServiceTokenSigner(privateKeyPem: string, service: string): Promise<ServiceTokenSigner> {
  const key = await importPKCS8(decodePem(privateKeyPem), ALGORITHM);
  let cached: { token: string; renewAt: number } | null = null;
  return async () => {
    // Re-sign at half-life so a poll never carries a token that expires on the way.
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(service)
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`)
      .sign(key);
    cached = { token, renewAt: Date.now() + (TTL_SECONDS * 1000) / 2 };
    return token;
  };
}

export class InvalidServiceTokenError extends Error {}

export async function createServiceTokenVerifier(publicKeyPem: string): Promise<ServiceTokenVerifier> {
  const key: KeyLike = await importSPKI(decodePem(publicKeyPem), ALGORITHM);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM] });
      if (typeof payload.sub !== 'string') throw new Error('no subject');
      return { service: payload.sub };
    } catch {
      throw new InvalidServiceTokenError('service token invalid or expired');
    }
  };
}
