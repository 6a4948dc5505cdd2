import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { generateInternalKeyPair } from '@soc/server-kit';
import { devToken, graphql } from '../../../test/support/client';
import { startLiveStack, type LiveStack } from './support/liveStack';
import { connectionOutcome } from './support/rawSocket';
import { record, wsClient } from './support/wsClient';

// A known development-issuer key, so a test can mint a token that expires within seconds.
const devIssuerKey = generateInternalKeyPair().privateKeyPem;

let stack: LiveStack;
let token: string;
beforeAll(async () => {
  stack = await startLiveStack({ DEV_ISSUER_PRIVATE_KEY: devIssuerKey, CORS_ORIGINS: 'http://localhost:3000' });
  token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

describe('connection_init without valid credentials is closed with 4403', () => {
  test('no payload', async () => {
    expect(await connectionOutcome(stack.wsUrl, undefined)).toMatchObject({ code: 4403, reason: expect.stringMatching(/Authentication required/) });
  });

  test('a token that is not a JWT', async () => {
    expect(await connectionOutcome(stack.wsUrl, { authorization: 'Bearer not-a-jwt', tenantId: 'contoso' })).toMatchObject({ code: 4403 });
  });

  test('a JWT from an issuer the gateway does not trust', async () => {
    const foreign = await new SignJWT({ email: 'analyst@contoso.example' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('urn:someone-else')
      .setAudience('soc-api')
      .setExpirationTime('1h')
      .sign(createPrivateKey(generateInternalKeyPair().privateKeyPem));
    expect(await connectionOutcome(stack.wsUrl, { authorization: `Bearer ${foreign}`, tenantId: 'contoso' })).toMatchObject({ code: 4403 });
  });

  test('an unknown API key', async () => {
    expect(await connectionOutcome(stack.wsUrl, { apiKey: 'soc_live_nope' })).toMatchObject({ code: 4403 });
  });

  test('a tenant the user does not belong to', async () => {
    expect(await connectionOutcome(stack.wsUrl, { authorization: `Bearer ${token}`, tenantId: 'fabrikam' })).toMatchObject({
      code: 4403,
      reason: expect.stringMatching(/no access to tenant "fabrikam"/),
    });
  });

  test('a graphql-ws client sees its operation fail with the 4403 close', async () => {
    const client = wsClient(stack.wsUrl, { authorization: 'Bearer nope' });
    const events = record(client, 'subscription { ticketEvents(channel: "x") { seq } }');
    await events.waitForEnd();
    expect(events.error).toMatchObject({ code: 4403 });
    expect(stack.feed.subscribers('contoso', 'x')).toBe(0);
    await client.dispose();
  });
});

test('valid credentials are acknowledged', async () => {
  expect(await connectionOutcome(stack.wsUrl, { authorization: `Bearer ${token}`, tenantId: 'contoso' })).toEqual({ acknowledged: true });
});

describe('Origin', () => {
  test('a browser page on a disallowed origin is refused at the upgrade', async () => {
    expect(await connectionOutcome(stack.wsUrl, { authorization: `Bearer ${token}` }, 'https://evil.example')).toEqual({ status: 403 });
  });

  test('an origin in CORS_ORIGINS and the gateway itself (Sandbox) are accepted; no Origin is a non-browser client', async () => {
    const self = new URL(stack.gatewayUrl).origin;
    for (const origin of ['http://localhost:3000', self, undefined]) {
      expect(await connectionOutcome(stack.wsUrl, { authorization: `Bearer ${token}` }, origin)).toEqual({ acknowledged: true });
    }
  });
});

test('only /graphql upgrades', async () => {
  expect(await connectionOutcome(stack.wsUrl.replace('/graphql', '/elsewhere'), { authorization: `Bearer ${token}` })).toEqual({ status: 404 });
});

test('a connection is closed with 4403 when its bearer token expires', async () => {
  const shortLived = await new SignJWT({ email: 'analyst@contoso.example' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer('urn:soc:dev-issuer')
    .setAudience('soc-api')
    .setSubject('short-lived')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
    .sign(createPrivateKey(devIssuerKey));
  const client = wsClient(stack.wsUrl, { authorization: `Bearer ${shortLived}`, tenantId: 'contoso' });
  const events = record(client, 'subscription { ticketEvents(channel: "expiring") { seq } }');
  await stack.feed.waitForSubscribers('contoso', 'expiring', 1);
  await events.waitForEnd(5_000);
  expect(events.error).toMatchObject({ code: 4403, reason: 'Forbidden: token expired' });
  // Its upstream operation ended with it.
  await stack.feed.waitForSubscribers('contoso', 'expiring', 0);
  await client.dispose();
});

test('a connection made with an API key is closed with 4403 once the key is revoked', async () => {
  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const created = await graphql(
    stack.gatewayUrl,
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiKey apiClient { id } } }',
    { input: { name: 'live feed reader', scopes: ['INCIDENTS_READ'] } },
    { token: admin, tenant: 'contoso' },
  );
  const { apiKey, apiClient } = created.body.data!.createApiClient;
  const client = wsClient(stack.wsUrl, { apiKey });
  const events = record(client, 'subscription { ticketEvents(channel: "partner") { seq ticket { title } } }');
  await stack.feed.waitForSubscribers('contoso', 'partner', 1);
  stack.feed.publish('contoso', 'partner', { seq: 1, note: '', ticket: { id: 'T-1' } });
  await events.waitForEvents(1);
  expect(events.events[0]).toEqual({ data: { ticketEvents: { seq: 1, ticket: { title: 'Contoso phishing wave' } } } });

  await graphql(stack.gatewayUrl, 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }', { id: apiClient.id }, { token: admin, tenant: 'contoso' });
  // The credentials are checked again every PRINCIPAL_CACHE_SECONDS (here 0: every second).
  await events.waitForEnd(5_000);
  expect(events.error).toMatchObject({ code: 4403, reason: expect.stringMatching(/revoked/) });
  await stack.feed.waitForSubscribers('contoso', 'partner', 0);
  await client.dispose();
});
