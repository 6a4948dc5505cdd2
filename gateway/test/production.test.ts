import type { RunningGateway } from '../src';
import { graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

/** In production the development issuer, introspection and the Sandbox page are off. */
let stack: TestStack;
let production: RunningGateway;
let apiKey: string;

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 2 });
  production = await stack.startGateway({
    NODE_ENV: 'production',
  });
  const adminToken = await (await fetch(`${stack.gatewayUrl}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"admin@soc.example"}' })).json();
  const created = await graphql(
    stack.gatewayUrl,
    'mutation { createApiClient(input: { name: "prod check", scopes: [INCIDENTS_READ] }) { apiKey } }',
    {},
    { token: (adminToken as { token: string }).token, tenant: 'contoso' },
  );
  apiKey = created.body.data!.createApiClient.apiKey;
});
afterAll(async () => {
  await production?.stop();
  await stack?.stop();
});

test('the development issuer does not exist', async () => {
  const response = await fetch(`${production.url}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"admin@soc.example"}' });
  expect(response.status).toBe(404);
});

test('introspection is refused while ordinary queries work', async () => {
  const ok = await graphql(production.url, '{ incidents { totalCount } }', {}, { apiKey });
  expect(ok.body).toEqual({ data: { incidents: { totalCount: 2 } } });
  const introspection = await graphql(production.url, '{ __schema { types { name } } }', {}, { apiKey });
  expect(introspection.status).toBe(400);
  expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
});

test('no Sandbox landing page', async () => {
  const response = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
});
