import { createServiceTokenSigner, type EventFeedPage } from '@soc/server-kit';
import { devToken, graphql } from '../../../../test/support/client';
import { startTestStack, type TestStack } from '../../../../test/support/stack';

/** incident.created / incident.updated in the incidents outbox, as consumers read them through the feed. */
let stack: TestStack;
let analyst: string;

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 3, env: { INCIDENT_EVENTS_INTERVAL_MS: '100' } });
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
});
afterAll(() => stack?.stop());

async function feed(): Promise<EventFeedPage['events']> {
  const sign = await createServiceTokenSigner(stack.env.SERVICE_TOKEN_PRIVATE_KEY!, 'test-consumer');
  const response = await fetch(`${stack.subgraphs.incidents.url}/service/events?types=incident.created,incident.updated&limit=500`, { headers: { authorization: `Bearer ${await sign()}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as EventFeedPage).events;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

test('every new incident is published once as incident.created', async () => {
  const events = await eventually(feed, (e) => e.filter((x) => x.type === 'incident.created').length === 6);
  const created = events.filter((e) => e.type === 'incident.created');
  expect(created).toHaveLength(6);
  expect(new Set(created.map((e) => e.tenantId))).toEqual(new Set(['contoso', 'fabrikam']));
  expect(created[0]!.payload).toMatchObject({ incidentId: expect.any(String), number: expect.any(Number), title: expect.any(String), source: 'DEMO', changedFields: [] });
});

test("an analyst's change becomes one incident.updated with the fields that changed", async () => {
  const incidents = await (await stack.database('incidents')).collection('incidents').find({ tenantId: 'contoso', status: 'NEW' }).toArray();
  const id = String(incidents[0]!._id);
  const update = `mutation($id: ID!, $input: UpdateIncidentInput!) { updateIncident(id: $id, input: $input) { id } }`;
  expect((await graphql(stack.gatewayUrl, update, { id, input: { status: 'ACTIVE', ownerEmail: 'analyst@contoso.example' } }, { token: analyst })).body.errors).toBeUndefined();
  const updates = (await eventually(feed, (e) => e.some((x) => x.type === 'incident.updated'))).filter((e) => e.type === 'incident.updated');
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({
    tenantId: 'contoso',
    payload: { incidentId: id, status: 'ACTIVE', previousStatus: 'NEW', changedFields: ['status', 'owner'], source: 'ANALYST', owner: { email: 'analyst@contoso.example' } },
  });

  // A change the relay had not published when the service died is published after the restart.
  await (await stack.database('incidents')).collection('incident_event_queue').deleteMany({});
  await stack.subgraphs.incidents.stop();
  const db = await stack.database('incidents');
  await db.collection('incidents').updateOne(
    { _id: incidents[0]!._id },
    { $set: { status: 'CLOSED', updatedAt: new Date() }, $inc: { rev: 1 }, $push: { timeline: { at: new Date(), actor: 'analyst@contoso.example', source: 'ANALYST', field: 'status', from: 'ACTIVE', to: 'CLOSED', note: null } } } as never,
  );
  await stack.restart('incidents');
  const after = (await eventually(feed, (e) => e.filter((x) => x.type === 'incident.updated').length === 2)).filter((e) => e.type === 'incident.updated');
  expect(after).toHaveLength(2);
  expect(after[1]!.payload).toMatchObject({ incidentId: id, status: 'CLOSED', previousStatus: 'ACTIVE', changedFields: ['status'] });
});

test('the feed refuses callers without a service token', async () => {
  expect((await fetch(`${stack.subgraphs.incidents.url}/service/events`)).status).toBe(401);
  const internalTokenIsNotEnough = await fetch(`${stack.subgraphs.incidents.url}/service/events`, { headers: { authorization: 'Bearer not-a-service-token' } });
  expect(internalTokenIsNotEnough.status).toBe(401);
});
