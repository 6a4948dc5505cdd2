import { incidentIds } from '../../../test/support/fixtures';
import { devToken, graphql } from '../../../test/support/client';
import { startTestStack, type TestStack } from '../../../test/support/stack';

/** The analyst's incident lifecycle through the public API. */
let stack: TestStack;
let analyst: string;
let id: string;

const DETAIL = `query($id: ID!) { incident(id: $id) {
  status severity owner { email } classification classificationReason classificationComment labels acknowledgedAt closedAt
  comments { message authorEmail }
  timeline { actor source field from to note }
  sentinelWriteBacks { kind status lastError }
} }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIncidentInput!) { updateIncident(id: $id, input: $input) { id status } }`;

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 8 });
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const incidents = await (await stack.database('incidents')).collection('incidents').find({ tenantId: 'contoso', status: 'NEW' }).toArray();
  id = String(incidents[0]!._id);
});
afterAll(() => stack?.stop());

const detail = async () => (await graphql(stack.gatewayUrl, DETAIL, { id }, { token: analyst })).body.data!.incident;

test('taking an incident on records who did what, and acknowledges it', async () => {
  const labelsBefore = (await detail()).labels.join(', ') || null;
  const { body } = await graphql(stack.gatewayUrl, UPDATE, { id, input: { status: 'ACTIVE', ownerEmail: 'Analyst@Contoso.example', labels: ['phishing', 'vip'] } }, { token: analyst });
  expect(body.errors).toBeUndefined();
  const incident = await detail();
  expect(incident).toMatchObject({ status: 'ACTIVE', owner: { email: 'analyst@contoso.example' }, labels: ['phishing', 'vip'], closedAt: null });
  expect(incident.acknowledgedAt).toEqual(expect.any(String));
  expect(incident.timeline.slice(1)).toEqual([
    { actor: 'analyst@contoso.example', source: 'ANALYST', field: 'status', from: 'NEW', to: 'ACTIVE', note: null },
    { actor: 'analyst@contoso.example', source: 'ANALYST', field: 'owner', from: null, to: 'analyst@contoso.example', note: null },
    { actor: 'analyst@contoso.example', source: 'ANALYST', field: 'labels', from: labelsBefore, to: 'phishing, vip', note: null },
  ]);
  // Demo incidents have no Sentinel workspace behind them: the write-back says so instead of pretending.
  expect(incident.sentinelWriteBacks).toEqual([{ kind: 'INCIDENT_UPDATE', status: 'SKIPPED', lastError: expect.stringMatching(/not from a Sentinel workspace/) }]);
});

test('closing needs a classification that fits its reason; bad input changes nothing', async () => {
  const before = await detail();
  for (const input of [
    { status: 'CLOSED' },
    { status: 'CLOSED', classification: 'TRUE_POSITIVE', classificationReason: 'IncorrectAlertLogic' },
    { status: 'CLOSED', classification: 'TRUE_POSITIVE', classificationReason: 'BecauseISaidSo' },
    { classification: 'FALSE_POSITIVE' },
    { ownerEmail: 'not an email' },
    { labels: [''] },
  ]) {
    const { body } = await graphql(stack.gatewayUrl, UPDATE, { id, input }, { token: analyst });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect(await detail()).toEqual(before);
});

test('closing with a classification, then reopening', async () => {
  await graphql(
    stack.gatewayUrl,
    UPDATE,
    { id, input: { status: 'CLOSED', classification: 'TRUE_POSITIVE', classificationReason: 'SuspiciousActivity', classificationComment: 'Credential phishing confirmed' } },
    { token: analyst },
  );
  let incident = await detail();
  expect(incident).toMatchObject({ status: 'CLOSED', classification: 'TRUE_POSITIVE', classificationReason: 'SuspiciousActivity', classificationComment: 'Credential phishing confirmed' });
  expect(incident.closedAt).toEqual(expect.any(String));
  expect(incident.timeline.at(-1)).toEqual({ actor: 'analyst@contoso.example', source: 'ANALYST', field: 'classification', from: null, to: 'TRUE_POSITIVE', note: 'Credential phishing confirmed' });

  await graphql(stack.gatewayUrl, UPDATE, { id, input: { status: 'ACTIVE' } }, { token: analyst });
  incident = await detail();
  expect(incident).toMatchObject({ status: 'ACTIVE', classification: null, closedAt: null });
});

test('repeating the current state changes nothing and writes nothing back', async () => {
  const before = await detail();
  await graphql(stack.gatewayUrl, UPDATE, { id, input: { status: 'ACTIVE', labels: ['phishing', 'vip'] } }, { token: analyst });
  expect(await detail()).toEqual(before);
});

test('comments are kept with their author and land on the timeline', async () => {
  const { body } = await graphql(stack.gatewayUrl, 'mutation($id: ID!) { addIncidentComment(id: $id, message: "  Reset the user\'s password <b>now</b>  ") { message authorEmail } }', { id }, { token: analyst });
  expect(body.data!.addIncidentComment).toEqual({ message: "Reset the user's password <b>now</b>", authorEmail: 'analyst@contoso.example' });
  const incident = await detail();
  expect(incident.comments.at(-1)).toEqual({ message: "Reset the user's password <b>now</b>", authorEmail: 'analyst@contoso.example' });
  expect(incident.timeline.at(-1)).toMatchObject({ field: 'comment', note: "Reset the user's password <b>now</b>" });
});

test('viewers and other tenants cannot change incidents', async () => {
  const viewer = await devToken(stack.gatewayUrl, 'viewer@contoso.example');
  const denied = await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity: 'HIGH' } }, { token: viewer });
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const fabrikam = await devToken(stack.gatewayUrl, 'analyst@fabrikam.example');
  const foreign = await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity: 'HIGH' } }, { token: fabrikam });
  expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect((await detail()).severity).not.toBe('HIGH');
});

test('related incidents share entities with the incident', async () => {
  const ids = await incidentIds(stack, 'contoso');
  const { body } = await graphql(stack.gatewayUrl, `query($id: ID!) { incident(id: $id) { entities { name } relatedIncidents { incident { id } sharedEntities } } }`, { id: ids[0] }, { token: analyst });
  const incident = body.data!.incident;
  const names = new Set(incident.entities.map((e: { name: string }) => e.name));
  for (const related of incident.relatedIncidents) {
    expect(related.incident.id).not.toBe(ids[0]);
    expect(related.sharedEntities.length).toBeGreaterThan(0);
    for (const shared of related.sharedEntities) expect(names.has(shared)).toBe(true);
  }
});
