import { createInternalTokenSigner, generateInternalKeyPair, scopesForRoles, type Principal } from '@soc/server-kit';
import { startTestStack, type TestStack } from '../../test/support/stack';

/** Going around the gateway gets nothing: subgraphs accept only gateway-signed internal tokens. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 3 });
});
afterAll(() => stack?.stop());

const analyst: Principal = {
  kind: 'user',
  id: 'u1',
  email: 'analyst@contoso.example',
  tenantId: 'contoso',
  memberships: [{ tenantId: 'contoso', roles: ['ANALYST'] }],
  scopes: scopesForRoles(['ANALYST']),
};

async function post(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
}

const services = ['incidents', 'analysis', 'tenants', 'notifications'] as const;

describe.each(services)('the %s subgraph', (service) => {
  const url = () => stack.subgraphs[service].url;

  test('answers 401 without a token', async () => {
    const { status, body } = await post(url());
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  test('answers 401 to a token signed with another key, a garbage token and an expired token', async () => {
    const forged = await (await createInternalTokenSigner(generateInternalKeyPair().privateKeyPem))({ principal: analyst, requestId: 'forged-0001' });
    const realSigner = await createInternalTokenSigner(stack.internalKeys.privateKeyPem);
    // Signed five minutes ago: internal tokens expire after 60 s.
    jest.useFakeTimers({ now: Date.now() - 5 * 60_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const expired = await realSigner({ principal: analyst, requestId: 'expired-0001' }).finally(() => jest.useRealTimers());
    for (const token of [forged, 'garbage', expired]) {
      const { status, body } = await post(url(), { authorization: `Bearer ${token}` });
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
    }
  });

  test('answers a gateway-signed token (so the 401s above are about the token)', async () => {
    const token = await (await createInternalTokenSigner(stack.internalKeys.privateKeyPem))({ principal: analyst, requestId: 'valid-0001' });
    const { status, body } = await post(url(), { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ _service: { sdl: expect.any(String) } });
  });
});

test('identity lookups on the tenants service are for the gateway only', async () => {
  const token = await (await createInternalTokenSigner(stack.internalKeys.privateKeyPem))({ principal: analyst, requestId: 'lookup-0001' });
  const response = await fetch(`${stack.subgraphs.tenants.url}/internal/principals/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ email: 'admin@soc.example' }),
  });
  expect(response.status).toBe(403);
  const anonymous = await fetch(`${stack.subgraphs.tenants.url}/internal/principals/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@soc.example' }),
  });
  expect(anonymous.status).toBe(401);
});
