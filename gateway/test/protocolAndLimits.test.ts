import { serverAudits } from 'graphql-http';
import { devToken, graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 3 });
  token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

async function raw(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function stillServing() {
  const { status, body } = await graphql(stack.gatewayUrl, '{ incidents(first: 1) { totalCount } }', {}, { token });
  expect(status).toBe(200);
  expect(body.data).toEqual({ incidents: { totalCount: 3 } });
}

test('the graphql-http server audits report no error against the gateway', async () => {
  const authenticatedFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const results = [];
  for (const audit of serverAudits({ url: `${stack.gatewayUrl}/graphql`, fetchFn: authenticatedFetch })) {
    results.push({ ...(await audit.fn()), name: audit.name });
  }
  const errors = results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
  const warnings = results.filter((r) => r.status === 'warn').length;
  console.log(`graphql-http audits: ${results.length} run, ${results.length - errors.length - warnings} ok, ${warnings} warn, ${errors.length} error`);
  expect(errors).toEqual([]);
  expect(results.length).toBeGreaterThan(30);
});

describe('bad input gets a clear 4xx GraphQL error and the gateway keeps serving', () => {
  test('malformed JSON', async () => {
    const { status, body } = await raw('{"query": "{ incidents { totalCount } "');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/not valid JSON/);
    await stillServing();
  });

  test('an unknown operation name', async () => {
    const { status, body } = await raw(JSON.stringify({ query: 'query A { incidents { totalCount } }', operationName: 'B' }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/Unknown operation named "B"/);
    await stillServing();
  });

  test('a query deeper than the limit', async () => {
    const deep = '{ incidents { edges { node { tenant { incidents { edges { node { tenant { incidents { edges { node { tenant { incidents { totalCount } } } } } } } } } } } } } }';
    const { status, body } = await raw(JSON.stringify({ query: deep }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/depth limit/i);
    await stillServing();
  });

  test('too many aliases', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: incidents(first: 1) { totalCount }`).join(' ');
    const { status, body } = await raw(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/aliases/i);
  });

  test('an oversized body', async () => {
    const { status, body } = await raw(JSON.stringify({ query: '{ incidents { totalCount } }', variables: { padding: 'x'.repeat(200_000) } }));
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    await stillServing();
  });

  test('invalid variables', async () => {
    const query = 'query($first: Int, $filter: IncidentFilter) { incidents(first: $first, filter: $filter) { totalCount } }';
    for (const variables of [{ first: 'ten' }, { filter: { severity: ['CATASTROPHIC'] } }]) {
      const { status, body } = await raw(JSON.stringify({ query, variables }));
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    await stillServing();
  });

  test('a malformed DateTime, which only the subgraph can check', async () => {
    const query = 'query($after: DateTime) { incidents(filter: { createdAfter: $after }) { totalCount } }';
    const { body } = await raw(JSON.stringify({ query, variables: { after: 'yesterday' } }));
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/DateTime/);
    await stillServing();
  });

  test('an out-of-range page size and a forged cursor', async () => {
    const big = await raw(JSON.stringify({ query: '{ incidents(first: 5000) { totalCount } }' }));
    expect(big.body.errors?.[0]?.message).toMatch(/first must be between 0 and 200/);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await raw(JSON.stringify({ query: '{ incidents(after: "bm9wZQ") { totalCount } }' }));
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await stillServing();
  });

  test('a GET without the CSRF preflight header is refused', async () => {
    const response = await fetch(`${stack.gatewayUrl}/graphql?query=${encodeURIComponent('{ incidents { totalCount } }')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

test('errors carry the request id, taken from x-request-id when the caller sends one', async () => {
  const { body } = await raw(JSON.stringify({ query: '{ incidents(first: -1) { totalCount } }' }), { 'x-request-id': 'partner-req-000123' });
  expect(body.errors?.[0]?.extensions?.requestId).toBe('partner-req-000123');
});

test('health, readiness and Prometheus metrics on the gateway and every subgraph', async () => {
  for (const url of [stack.gatewayUrl, ...Object.values(stack.subgraphs).map((s) => s.url)]) {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^http_request_duration_seconds_bucket\{/m);
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
  }
});
