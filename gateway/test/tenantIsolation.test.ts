import { createInternalTokenSigner, scopesForRoles, type Principal } from '@soc/server-kit';
import { addAnalysis, addNotification, incidentIds } from '../../test/support/fixtures';
import { devToken, graphql, type Credentials } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

/**
 * A contoso caller must never see anything of fabrikam: not by id, not in lists, not through
 * `_entities` on the subgraphs, whatever x-tenant-id says.
 */
let stack: TestStack;
const foreign = { incident: '', analysis: '', notification: '', user: '', apiClient: '' };
const own = { incident: '', analysis: '', notification: '' };
let analystToken: string;
let contosoApiKey: string;

const ROOT_FIELDS = /* GraphQL */ `
  query Everything($incident: ID!, $analysis: ID!, $notification: ID!) {
    me { id email memberships { tenant { id name } roles } }
    viewer { activeTenant { id name } }
    tenants { id name }
    byId: tenant(id: "fabrikam") { id name }
    incidents(first: 200) { totalCount edges { node { id title tenant { id name } analyses { id } notifications { id } } } }
    incident(id: $incident) { id title }
    analysis(id: $analysis) { id incident { id title } }
    notifications(first: 200) { totalCount edges { node { id recipient incident { id } } } }
    notification(id: $notification) { id recipient }
  }
`;

/** Root fields an API client may call (`me` is for people). */
const API_CLIENT_FIELDS = ROOT_FIELDS.replace(/\n\s*me \{[^\n]*\n/, '\n');

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 12 });
  const [fabrikamIncident] = await incidentIds(stack, 'fabrikam');
  const [contosoIncident] = await incidentIds(stack, 'contoso');
  foreign.incident = fabrikamIncident!;
  own.incident = contosoIncident!;
  foreign.analysis = await addAnalysis(stack, 'fabrikam', foreign.incident);
  foreign.notification = await addNotification(stack, 'fabrikam', foreign.incident, 'soc@fabrikam.example');
  own.analysis = await addAnalysis(stack, 'contoso', own.incident);
  own.notification = await addNotification(stack, 'contoso', own.incident, 'soc@contoso.example');
  // A fabrikam user and API client, to look up by id from contoso.
  const users = (await stack.database('tenants')).collection('users');
  foreign.user = String((await users.findOne({ email: 'analyst@fabrikam.example' }))!._id);

  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const create = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiKey apiClient { id } } }`;
  const fabrikamClient = await graphql(stack.gatewayUrl, create, { input: { name: 'fabrikam ticketing', scopes: ['INCIDENTS_READ'] } }, { token: admin, tenant: 'fabrikam' });
  foreign.apiClient = fabrikamClient.body.data!.createApiClient.apiClient.id;
  const contosoClient = await graphql(
    stack.gatewayUrl,
    create,
    { input: { name: 'contoso SOAR', scopes: ['INCIDENTS_READ', 'ANALYSIS_READ', 'NOTIFICATIONS_READ', 'TENANTS_READ'] } },
    { token: admin, tenant: 'contoso' },
  );
  contosoApiKey = contosoClient.body.data!.createApiClient.apiKey;
  analystToken = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

function expectNothingForeign(data: unknown) {
  const text = JSON.stringify(data).toLowerCase();
  expect(text).not.toContain('fabrikam');
  for (const id of Object.values(foreign)) expect(text).not.toContain(id);
}

const variables = () => ({ incident: foreign.incident, analysis: foreign.analysis, notification: foreign.notification });

describe.each([
  ['a contoso analyst', () => ({ token: analystToken }), ROOT_FIELDS],
  ['a contoso API key', () => ({ apiKey: contosoApiKey }), API_CLIENT_FIELDS],
])('%s', (_who, credentials: () => Credentials, query) => {
  test.each([
    ['without x-tenant-id', undefined],
    ['with x-tenant-id of its own tenant', 'contoso'],
  ])('%s sees its own data and nothing of fabrikam, by id or in lists', async (_case, tenant) => {
    const { status, body } = await graphql(stack.gatewayUrl, query, variables(), { ...credentials(), tenant });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    expectNothingForeign(data);
    // Foreign ids resolve exactly like ids that do not exist.
    expect(data.incident).toBeNull();
    expect(data.analysis).toBeNull();
    expect(data.notification).toBeNull();
    expect(data.byId).toBeNull();
    // ... while its own data is there.
    expect(data.incidents.totalCount).toBe(12);
    expect(data.tenants).toEqual([{ id: 'contoso', name: 'Contoso Ltd' }]);
    expect(data.notifications.edges.map((e: any) => e.node.id)).toEqual([own.notification]);
  });

  test.each([['fabrikam'], ['FABRIKAM'], ['unknown-tenant']])('is refused with 403 when x-tenant-id is %s', async (tenant) => {
    const { status, body } = await graphql(stack.gatewayUrl, query, variables(), { ...credentials(), tenant });
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data).toBeUndefined();
  });
});

test('a contoso user does not see fabrikam memberships of a user who belongs to both', async () => {
  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const asAdmin = await graphql(stack.gatewayUrl, '{ me { memberships { tenant { id } } } }', {}, { token: admin });
  expect(asAdmin.body.data!.me.memberships.map((m: any) => m.tenant.id).sort()).toEqual(['contoso', 'fabrikam']);
});

describe('_entities on every subgraph, called with a valid internal token for a contoso analyst', () => {
  let token: string;
  beforeAll(async () => {
    const sign = await createInternalTokenSigner(stack.internalKeys.privateKeyPem);
    const principal: Principal = {
      kind: 'user',
      id: 'contoso-analyst',
      email: 'analyst@contoso.example',
      tenantId: 'contoso',
      memberships: [{ tenantId: 'contoso', roles: ['ANALYST'] }],
      scopes: scopesForRoles(['ANALYST']),
    };
    token = await sign({ principal, requestId: 'isolation-test-1' });
  });

  async function entities(service: keyof TestStack['subgraphs'], representations: unknown[], selection: string) {
    const response = await fetch(`${stack.subgraphs[service].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { _entities: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data._entities;
  }

  test.each([
    ['incidents', 'Incident', (): string => foreign.incident, '... on Incident { id title }'],
    ['incidents', 'Tenant', (): string => 'fabrikam', '... on Tenant { incidents { totalCount edges { node { id } } } }'],
    ['tenants', 'Tenant', (): string => 'fabrikam', '... on Tenant { id name }'],
    ['tenants', 'User', (): string => foreign.user, '... on User { id email }'],
    ['tenants', 'ApiClient', (): string => foreign.apiClient, '... on ApiClient { id name }'],
    ['analysis', 'Analysis', (): string => foreign.analysis, '... on Analysis { id status }'],
    ['analysis', 'Incident', (): string => foreign.incident, '... on Incident { analyses { id } latestAnalysis { id } }'],
    ['notifications', 'Notification', (): string => foreign.notification, '... on Notification { id recipient }'],
    ['notifications', 'Incident', (): string => foreign.incident, '... on Incident { notifications { id } }'],
  ] as const)('%s: %s of fabrikam resolves to nothing', async (service, typename, id, selection) => {
    const [entity] = await entities(service, [{ __typename: typename, id: id() }], selection);
    if (entity !== null) {
      // Extension-only entities echo the representation; every field they add must be empty.
      const values = Object.entries(entity as Record<string, unknown>).filter(([key]) => key !== 'id');
      for (const [, value] of values) expect([null, [], { totalCount: 0, edges: [] }]).toContainEqual(value);
    }
    expectNothingForeign(Object.fromEntries(Object.entries((entity ?? {}) as object).filter(([key]) => key !== 'id')));
  });

  test('the same lookups of contoso entities do resolve (the check above can fail)', async () => {
    const [incident] = await entities('incidents', [{ __typename: 'Incident', id: own.incident }], '... on Incident { id title }');
    expect(incident).toEqual({ id: own.incident, title: expect.any(String) });
    const [withAnalyses] = await entities('analysis', [{ __typename: 'Incident', id: own.incident }], '... on Incident { analyses { id } }');
    expect(withAnalyses).toEqual({ analyses: [{ id: own.analysis }] });
  });
});
