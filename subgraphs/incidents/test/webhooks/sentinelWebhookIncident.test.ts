import { graphql } from '../../../../test/support/client';
import type { SentinelAlert, SentinelComment, SentinelIncident, SentinelIncidentEntitiesResponse, SentinelList } from '../../src/integrations/sentinel/types';
import { signWebhookBody } from '../../src/webhooks/webhookSignature';
import { postWebhook, restExample } from './webhookFixtures';
import { CONTOSO_SECRET, startWebhookStack, type WebhookStack } from './webhookStack';

/** A Sentinel incident resource pushed as it is (e.g. by an automation rule's playbook), then pushed again changed. */
let w: WebhookStack;
const [listed] = restExample<SentinelList<SentinelIncident>>('GetIncidents_2021-10-01.json').value;
const incident = {
  ...listed!,
  alerts: restExample<SentinelList<SentinelAlert>>('GetAllIncidentAlerts_2025-09-01.json').value,
  entities: restExample<SentinelIncidentEntitiesResponse>('GetAllIncidentEntities_2025-09-01.json').entities,
  comments: restExample<SentinelList<SentinelComment>>('GetAllIncidentComments_2025-09-01.json').value,
};
const { classification: _c, classificationReason: _r, classificationComment: _m, ...openProperties } = incident.properties;
/** Reopened and taken over in Sentinel: Active, another owner, no classification, a new etag. */
const changed = {
  ...incident,
  etag: '"0300c10a-0000-0000-0000-5c3a1b2c0000"',
  properties: {
    ...openProperties,
    status: 'Active',
    owner: { objectId: '8f0b4e5a-2d9c-4f5e-9a41-1d6f3c2b7e90', email: 'jane.roe@contoso.com', userPrincipalName: 'jane@contoso.com', assignedTo: 'Jane Roe' },
    lastModifiedTimeUtc: '2019-01-02T09:30:00Z',
  },
};

const DETAIL = `query($id: ID!) { incident(id: $id) {
  number title description severity status classification classificationReason owner { email assignedTo } source tactics
  alerts { id displayName productName } entities { kind name } comments { message authorEmail }
  timeline { actor source field from to }
} }`;

beforeAll(async () => {
  w = await startWebhookStack();
});
afterAll(() => w?.stack.stop());

async function detail() {
  const stored = await (await w.stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso', sentinelId: listed!.name });
  const { body } = await graphql<{ incident: Record<string, unknown> }>(w.stack.gatewayUrl, DETAIL, { id: String(stored!._id) }, { token: w.analyst });
  expect(body.errors).toBeUndefined();
  return body.data!.incident;
}

test('an incident resource with its alerts, entities and comments inline is created', async () => {
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', JSON.stringify(incident), { 'x-api-key': w.keys.contosoWriter });
  expect(reply).toEqual({ status: 202, body: { received: 1, created: 1, updated: 0, unchanged: 0 } });
  expect(await detail()).toEqual({
    number: 3177,
    title: 'My incident',
    description: 'This is a demo incident',
    severity: 'HIGH',
    status: 'CLOSED',
    classification: 'FALSE_POSITIVE',
    classificationReason: 'IncorrectAlertLogic',
    owner: { email: 'john.doe@contoso.com', assignedTo: 'john doe' },
    source: 'WEBHOOK',
    tactics: ['Persistence'],
    alerts: [{ id: 'baa8a239-6fde-4ab7-a093-d09f7b75c58c', displayName: 'myAlert', productName: 'Azure Security Center' }],
    entities: [{ kind: 'Account', name: 'administrator' }],
    comments: [{ message: 'Some message', authorEmail: 'john.doe@contoso.com' }],
    timeline: [{ actor: 'Azure Sentinel', source: 'WEBHOOK', field: 'created', from: null, to: 'CLOSED' }],
  });
});

test('a changed copy updates the incident, with timeline entries from the webhook; replaying it changes nothing', async () => {
  const body = JSON.stringify(changed);
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', body, { 'x-soc-signature': signWebhookBody(CONTOSO_SECRET, body) });
  expect(reply).toEqual({ status: 202, body: { received: 1, created: 0, updated: 1, unchanged: 0 } });
  const after = await detail();
  expect(after).toMatchObject({ status: 'ACTIVE', classification: null, owner: { email: 'jane.roe@contoso.com', assignedTo: 'Jane Roe' } });
  expect(after.timeline).toEqual([
    { actor: 'Azure Sentinel', source: 'WEBHOOK', field: 'created', from: null, to: 'CLOSED' },
    { actor: 'Microsoft Sentinel', source: 'WEBHOOK', field: 'status', from: 'CLOSED', to: 'ACTIVE' },
    { actor: 'Microsoft Sentinel', source: 'WEBHOOK', field: 'owner', from: 'john.doe@contoso.com', to: 'jane.roe@contoso.com' },
    { actor: 'Microsoft Sentinel', source: 'WEBHOOK', field: 'classification', from: 'FALSE_POSITIVE', to: null },
  ]);

  const again = await postWebhook(w.stack.gatewayUrl, 'contoso', body, { 'x-soc-signature': signWebhookBody(CONTOSO_SECRET, body) });
  expect(again.body).toEqual({ received: 1, created: 0, updated: 0, unchanged: 1 });
  expect(await detail()).toEqual(after);
  expect(await w.contosoIncidents()).toBe(1);
});

test('an incident resource that does not map is refused whole', async () => {
  const badComment = { ...incident, comments: [{ ...incident.comments[0]!, properties: { ...incident.comments[0]!.properties, createdTimeUtc: 'not a time' } }] };
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', JSON.stringify(badComment), { 'x-api-key': w.keys.contosoWriter });
  expect(reply.status).toBe(400);
  expect(reply.body.errors?.[0]?.extensions?.problems).toEqual([{ path: 'comments.0.properties.createdTimeUtc', message: 'is not an ISO 8601 timestamp' }]);
});
