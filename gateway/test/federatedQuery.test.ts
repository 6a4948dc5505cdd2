import { addAnalysis, addNotification } from '../../test/support/fixtures';
import { devToken, graphql } from '../../test/support/client';
import { startTestStack, type TestStack } from '../../test/support/stack';

let stack: TestStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 30 });
  token = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

const LIST = /* GraphQL */ `
  query IncidentList($first: Int, $after: String) {
    incidents(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id number title severity status createdAt tenant { id name } latestAnalysis { id status verdict { classification confidence } } notifications { id status recipient } } }
    }
  }
`;

test('an analyst lists the active tenant’s incidents with fields from all four subgraphs in one query', async () => {
  const { status, body } = await graphql(stack.gatewayUrl, LIST, { first: 5 }, { token });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const { incidents } = body.data!;
  expect(incidents.totalCount).toBe(30);
  expect(incidents.edges).toHaveLength(5);
  for (const { node } of incidents.edges) {
    expect(node.title).toEqual(expect.any(String)); // incidents
    expect(node.tenant).toEqual({ id: 'contoso', name: 'Contoso Ltd' }); // tenants
    expect(node.latestAnalysis).toBeNull(); // analysis: none yet
    expect(node.notifications).toEqual([]); // notifications: none yet
  }
});

test('analysis status and notifications appear on the incident once they exist', async () => {
  const first = (await graphql(stack.gatewayUrl, LIST, { first: 2 }, { token })).body.data!.incidents.edges;
  const [a, b] = first.map((e: { node: { id: string } }) => e.node.id);
  await addAnalysis(stack, 'contoso', a, 'RUNNING');
  const newest = await addAnalysis(stack, 'contoso', a, 'COMPLETED');
  await addNotification(stack, 'contoso', b, 'soc-list@contoso.example');

  const { body } = await graphql(stack.gatewayUrl, LIST, { first: 2 }, { token });
  const [nodeA, nodeB] = body.data!.incidents.edges.map((e: { node: unknown }) => e.node);
  expect(nodeA.latestAnalysis).toEqual({ id: newest, status: 'COMPLETED', verdict: { classification: 'TRUE_POSITIVE', confidence: 0.91 } });
  expect(nodeA.notifications).toEqual([]);
  expect(nodeB.latestAnalysis).toBeNull();
  expect(nodeB.notifications).toEqual([{ id: expect.any(String), status: 'SENT', recipient: 'soc-list@contoso.example' }]);
});

test('cursor pagination walks every incident exactly once, newest first', async () => {
  const seen: Array<{ id: string; createdAt: string }> = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { body } = await graphql(stack.gatewayUrl, LIST, { first: 7, after }, { token });
    const page: any = body.data!.incidents;
    seen.push(...page.edges.map((e: any) => ({ id: e.node.id, createdAt: e.node.createdAt })));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages += 1;
  } while (after && pages < 20);
  expect(pages).toBe(5);
  expect(new Set(seen.map((s) => s.id)).size).toBe(30);
  const times = seen.map((s) => Date.parse(s.createdAt));
  expect(times).toEqual([...times].sort((x, y) => y - x));
});

test('filters and sort order are applied by the incidents subgraph', async () => {
  const { body } = await graphql(
    stack.gatewayUrl,
    `{ high: incidents(filter: { severity: [HIGH] }, first: 200) { totalCount edges { node { severity } } }
       bySeverity: incidents(orderBy: { field: SEVERITY, direction: DESC }, first: 200) { edges { node { severity } } } }`,
    {},
    { token },
  );
  expect(body.errors).toBeUndefined();
  const high = body.data!.high;
  expect(high.edges.every((e: any) => e.node.severity === 'HIGH')).toBe(true);
  expect(high.totalCount).toBe(high.edges.length);
  const rank = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as Record<string, number>;
  const ranks = body.data!.bySeverity.edges.map((e: any) => rank[e.node.severity]);
  expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
});

test('a request without credentials gets 401 with a GraphQL error body', async () => {
  const { status, body } = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }');
  expect(status).toBe(401);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.data).toBeUndefined();
});

test('a token from an untrusted issuer or a tampered token gets 401', async () => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const tampered = [header, Buffer.from(JSON.stringify({ ...claims, email: 'admin@soc.example' })).toString('base64url'), signature].join('.');
  for (const bad of [tampered, 'not-a-jwt']) {
    const { status, body } = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { token: bad });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
});

test('the development issuer signs in demo users only', async () => {
  const response = await fetch(`${stack.gatewayUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'intruder@evil.example' }),
  });
  expect(response.status).toBe(404);
});
