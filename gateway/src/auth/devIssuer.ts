import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { decodePem } from '@soc/server-kit';

export const DEV_ISSUER = 'urn:soc:dev-issuer';
export const DEV_AUDIENCE = 'soc-api';
const TOKEN_LIFETIME = '8h';

/**
 * The development issuer: signs user tokens for demo users without any identity provider.
 * Off in production (the gateway refuses to mount it there).
 */
export class DevIssuer {
  readonly publicKey: KeyObject;
  private readonly privateKey: KeyObject;

  constructor(privateKeyPem?: string) {
    this.privateKey = privateKeyPem ? createPrivateKey(decodePem(privateKeyPem)) : generateKeyPairSync('ed25519').privateKey;
    this.publicKey = createPublicKey(this.privateKey);
  }

  issue(user: { id: string; email: string; displayName: string }): Promise<string> {
    return new SignJWT({ email: user.email, name: user.displayName })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.privateKey);
  }
}
