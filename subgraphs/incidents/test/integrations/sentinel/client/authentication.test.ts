import { inspect } from 'node:util';
import { SentinelAuthenticationError, SentinelRequestError } from '../../../../src/integrations/sentinel/client/errors';
import { SentinelClient } from '../../../../src/integrations/sentinel/client/sentinelClient';
import { FakeSentinel } from '../../../fakes/fakeSentinel';
import { createTrustingFetch } from '../../../fakes/trustingFetch';
import { createTestClient } from './sentinelTestClient';

describe('SentinelClient authentication against Entra ID', () => {
  let fake: FakeSentinel;
  let names: string[];

  beforeAll(async () => {
    // ARM honours tokens for 1 s, but the token endpoint says an hour: the client's cache trusts it too long.
    fake = await FakeSentinel.start({ tokenLifetimeSeconds: 1, advertisedTokenLifetimeSeconds: 3599 });
    names = fake.seedDemoIncidents(3, { seed: 31 }).map((d) => d.incident.name);
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.clearRequests());

  it('gets a token with the client credentials grant for the ARM .default scope, and reuses it from the cache', async () => {
    const client = createTestClient(fake);
    for (const name of names) await client.getIncident(name);

    const tokens = fake.tokenRequests();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.body).toMatchObject({ grant_type: 'client_credentials', client_id: fake.workspaceConfig().clientId, client_secret: '<correct>', scope: `${fake.url}/.default` });
    expect(fake.armRequests().map((r) => r.auth)).toEqual(['valid', 'valid', 'valid']);
    // Instance discovery is off: MSAL only read the tenant's OpenID configuration from our authority host.
    expect(fake.requests.filter((r) => r.kind === 'other')).toEqual([]);
  });

  it('refreshes the token once when ARM says it expired, and the request succeeds', async () => {
    const client = createTestClient(fake);
    await client.getIncident(names[0]!);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const incident = await client.getIncident(names[1]!);

    expect(incident.name).toBe(names[1]);
    expect(fake.armRequests().map((r) => `${r.status} ${r.auth}`)).toEqual(['200 valid', '401 expired', '200 valid']);
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it('refreshes when tokens are revoked server-side, without a retry budget', async () => {
    const client = createTestClient(fake, { client: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
    await client.getIncident(names[0]!);
    fake.expireAllTokens();

    await expect(client.getIncident(names[2]!)).resolves.toMatchObject({ name: names[2] });
    expect(fake.armRequests().map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('gives up with the ARM error when a fresh token is refused too', async () => {
    const stale = { getToken: async () => ({ token: 'not-a-token-entra-issued', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const client = new SentinelClient(fake.workspaceConfig(), { credential: stale, fetch: createTrustingFetch(fake.ca) });

    const error = await client.getIncident(names[0]!).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelRequestError);
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken', attempts: 2 });
    expect((error as Error).message).not.toContain('not-a-token-entra-issued');
  });

  it('reports a wrong client secret clearly, without the secret', async () => {
    const secret = 'Wr0ng~Secret.Value_that-must-not-leak';
    const client = createTestClient(fake, { workspace: { clientSecret: secret } });

    const error = await client.getIncident(names[0]!).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelAuthenticationError);
    expect(error).toMatchObject({ entraError: 'invalid_client', aadstsCode: 7000215 });
    const message = (error as Error).message;
    expect(message).toMatch(/^Could not get an Entra ID token for Sentinel \(tenant [0-9a-f-]+, client [0-9a-f-]+\): invalid_client/);
    expect(message).toContain('AADSTS7000215: Invalid client secret provided');
    for (const text of [message, String((error as Error).stack), JSON.stringify(error)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    expect(fake.tokenRequests().map((r) => r.status)).toEqual([401]);
    expect(fake.armRequests()).toHaveLength(0);
  });

  it('reports an unknown client id', async () => {
    const client = createTestClient(fake, { workspace: { clientId: '11111111-2222-3333-4444-555555555555' } });
    await expect(client.getIncident(names[0]!)).rejects.toMatchObject({ name: 'SentinelAuthenticationError', aadstsCode: 700016 });
  });

  it('does not keep the secret where logging the client would show it', () => {
    const client = createTestClient(fake);
    expect(inspect(client, { depth: 10 })).not.toContain(fake.workspaceConfig().clientSecret);
    expect(JSON.stringify(client)).not.toContain(fake.workspaceConfig().clientSecret);
  });
});
