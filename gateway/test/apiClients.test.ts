import { devToken, graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

/** Partner API keys: created and revoked by tenant admins, shown once, stored hashed, scoped. */
let stack: TestStack;
let admin: string;
const CREATE = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiKey apiClient { id name keyPrefix scopes revokedAt tenant { id } } } }`;

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 4 });
  admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
});
afterAll(() => stack?.stop());

async function createKey(scopes: string[], tenant = 'contoso') {
  const { body } = await graphql(stack.gatewayUrl, CREATE, { input: { name: 'ServiceNow connector', scopes } }, { token: admin, tenant });
  expect(body.errors).toBeUndefined();
  return body.data!.createApiClient;
}

test('an admin creates a key that works at once for its tenant and scopes only, and is stored only as a hash', async () => {
  const { apiKey, apiClient } = await createKey(['INCIDENTS_READ']);
  expect(apiKey).toMatch(/^soc_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
  expect(apiClient).toMatchObject({ name: 'ServiceNow connector', scopes: ['INCIDENTS_READ'], revokedAt: null, tenant: { id: 'contoso' } });
  expect(apiKey.startsWith(apiClient.keyPrefix)).toBe(true);

  const incidents = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { apiKey });
  expect(incidents.body).toEqual({ data: { incidents: { totalCount: 4 } } });
  // A scope it was not given is refused.
  const notifications = await graphql(stack.gatewayUrl, '{ notifications { totalCount } }', {}, { apiKey });
  expect(notifications.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const stored = await (await stack.database('tenants')).collection('api_clients').findOne({ name: 'ServiceNow connector' });
  expect(JSON.stringify(stored)).not.toContain(apiKey.slice(13));
  // The list never shows the key again.
  const list = await graphql(stack.gatewayUrl, '{ apiClients { totalCount edges { node { id keyPrefix } } } }', {}, { token: admin, tenant: 'contoso' });
  expect(JSON.stringify(list.body)).not.toContain(apiKey);
  expect(list.body.data!.apiClients.edges.map((e: any) => e.node.id)).toContain(apiClient.id);
});

test('a revoked key stops working and the revocation is audited', async () => {
  const { apiKey, apiClient } = await createKey(['INCIDENTS_READ']);
  expect((await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { apiKey })).status).toBe(200);
  const revoke = await graphql(stack.gatewayUrl, 'mutation($id: ID!) { revokeApiClient(id: $id) { id revokedAt } }', { id: apiClient.id }, { token: admin, tenant: 'contoso' });
  expect(revoke.body.data!.revokeApiClient.revokedAt).toEqual(expect.any(String));
  const after = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { apiKey });
  expect(after.status).toBe(401);
  expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const audit = await (await stack.database('tenants')).collection('audit_records').find({ fields: 'revokeApiClient' }).toArray();
  expect(audit).toEqual([
    expect.objectContaining({ service: 'tenants', tenantId: 'contoso', actor: expect.objectContaining({ kind: 'user', email: 'admin@soc.example' }), outcome: 'SUCCESS' }),
  ]);
});

test('analysts cannot manage keys, admin scope cannot be granted, and bad input changes nothing', async () => {
  const analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const denied = await graphql(stack.gatewayUrl, CREATE, { input: { name: 'x', scopes: ['INCIDENTS_READ'] } }, { token: analyst });
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const clients = (await stack.database('tenants')).collection('api_clients');
  const before = await clients.countDocuments();
  for (const input of [
    { name: 'x', scopes: ['TENANTS_ADMIN'] },
    { name: '   ', scopes: ['INCIDENTS_READ'] },
    { name: 'x', scopes: [] },
  ]) {
    const { body } = await graphql(stack.gatewayUrl, CREATE, { input }, { token: admin, tenant: 'contoso' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect(await clients.countDocuments()).toBe(before);
  // Failed attempts are audited too.
  const audit = (await stack.database('tenants')).collection('audit_records');
  expect(await audit.countDocuments({ fields: 'createApiClient', outcome: 'ERROR' })).toBe(4);
});

test('an admin cannot revoke another tenant’s key while acting in this one', async () => {
  const { apiClient } = await createKey(['INCIDENTS_READ'], 'fabrikam');
  const { body } = await graphql(stack.gatewayUrl, 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }', { id: apiClient.id }, { token: admin, tenant: 'contoso' });
  expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
