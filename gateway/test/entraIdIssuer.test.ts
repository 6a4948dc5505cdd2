import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import type { RunningGateway } from '../src';
import { graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

/**
 * Entra ID sign-in: the gateway fetches the issuer's signing keys from its JWKS URL (here a local
 * server speaking the JWKS format) and accepts tokens only with the right issuer and audience.
 */
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = 'api://soc-platform';

let stack: TestStack;
let gateway: RunningGateway;
let jwks: Server;
let signingKey: KeyLike;
let jwksRequests = 0;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  signingKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'entra-key-1', use: 'sig', alg: 'RS256' };
  jwks = createServer((_req, res) => {
    jwksRequests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/${TENANT}/discovery/v2.0/keys`;

  stack = await startTestStack({ demoIncidentsPerTenant: 3 });
  gateway = await stack.startGateway({
    NODE_ENV: 'production',
    AUTH_OIDC_ISSUERS: JSON.stringify([{ issuer: ISSUER, jwksUri, audience: AUDIENCE }]),
  });
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
  jwks?.close();
});

function entraToken(claims: Record<string, unknown>, options: { issuer?: string; audience?: string; key?: KeyLike; expires?: string } = {}) {
  return new SignJWT({ tid: TENANT, oid: '00000000-0000-0000-0000-0000000000a1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'entra-key-1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '1h')
    .sign(options.key ?? signingKey);
}

test('an Entra ID token for a provisioned user is accepted, with the user’s memberships', async () => {
  const token = await entraToken({ preferred_username: 'Analyst@Contoso.example' });
  const { status, body } = await graphql(gateway.url, '{ me { email } incidents { totalCount } }', {}, { token });
  expect(status).toBe(200);
  expect(body.data).toEqual({ me: { email: 'analyst@contoso.example' }, incidents: { totalCount: 3 } });
  expect(jwksRequests).toBeGreaterThan(0);
});

test.each([
  ['another audience', { audience: 'api://someone-else' }],
  ['another issuer', { issuer: 'https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0' }],
  ['an expired token', { expires: '-5m' }],
])('a token with %s is refused with 401', async (_case, options) => {
  const token = await entraToken({ preferred_username: 'analyst@contoso.example' }, options);
  const { status, body } = await graphql(gateway.url, '{ incidents { totalCount } }', {}, { token });
  expect(status).toBe(401);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test('a token signed by a key not in the JWKS is refused', async () => {
  const { privateKey } = await generateKeyPair('RS256');
  const token = await entraToken({ preferred_username: 'analyst@contoso.example' }, { key: privateKey });
  expect((await graphql(gateway.url, '{ incidents { totalCount } }', {}, { token })).status).toBe(401);
});

test('a valid token of a user who is not in tenants.json is refused', async () => {
  const token = await entraToken({ preferred_username: 'stranger@contoso.example' });
  const { status, body } = await graphql(gateway.url, '{ incidents { totalCount } }', {}, { token });
  expect(status).toBe(401);
  expect(body.errors?.[0]?.message).toMatch(/not provisioned/);
});
