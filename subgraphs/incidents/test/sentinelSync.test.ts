import { setTimeout as delay } from 'node:timers/promises';
import { incidentsSubgraph } from '../src/subgraph';
import { incidentsServices } from '../src/services';
import { devToken, graphql } from '../../../test/support/client';
import { startTestStack, type TestStack } from '../../../test/support/stack';
import { FakeSentinel } from './fakes/fakeSentinel';
import { createTestClient } from './integrations/sentinel/client/sentinelTestClient';

/**
 * Two-way Sentinel sync through the real client and SDK against the local fake Sentinel and Entra
 * ID: incremental sync in, analyst changes out through the write-back outbox.
 */
const N = 230;
let fake: FakeSentinel;
let stack: TestStack;
let admin: string;
let analyst: string;

const withFakeSentinel: typeof incidentsSubgraph = {
  ...incidentsSubgraph,
  services: ({ models, logger }) =>
    incidentsServices(models, logger, (connection) => createTestClient(fake, { workspace: { clientSecret: connection.clientSecret } }), { baseDelayMs: 300, maxAttempts: 5 }),
};

const SYNC_STATE = '{ sentinelWorkspace { workspaceName clientSecretRef sync { status processed watermark lastError } } }';

async function syncNow(): Promise<{ status: string; processed: number; lastError: string | null }> {
  const started = await graphql(stack.gatewayUrl, 'mutation { syncSentinel { status } }', {}, { token: analyst });
  expect(started.body.errors).toBeUndefined();
  for (;;) {
    const { body } = await graphql(stack.gatewayUrl, SYNC_STATE, {}, { token: analyst });
    const sync = body.data!.sentinelWorkspace.sync;
    if (sync.status !== 'RUNNING') return sync;
    await delay(100);
  }
}

async function incidentBySentinelName(name: string) {
  const doc = await (await stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso', sentinelId: name });
  return doc!;
}

async function waitForWriteBack(id: string, status: string) {
  for (let i = 0; i < 200; i += 1) {
    const { body } = await graphql(stack.gatewayUrl, 'query($id: ID!) { incident(id: $id) { sentinelWriteBacks { kind status attempts lastError } } }', { id }, { token: analyst });
    const [latest] = body.data!.incident.sentinelWriteBacks;
    if (latest?.status === status) return latest;
    await delay(100);
  }
  throw new Error(`write-back did not reach ${status}`);
}

beforeAll(async () => {
  fake = await FakeSentinel.start({ defaultPageSize: 50 });
  fake.seedDemoIncidents(N);
  process.env.CONTOSO_SENTINEL_SECRET = fake.workspaceConfig().clientSecret;
  stack = await startTestStack({ incidents: withFakeSentinel, env: { SENTINEL_WRITEBACK_INTERVAL_MS: '100', SENTINEL_SYNC_TICK_SECONDS: '3600' } });
  admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const workspace = fake.workspaceConfig();
  const { body } = await graphql(
    stack.gatewayUrl,
    'mutation($input: SentinelWorkspaceInput!) { configureSentinelWorkspace(input: $input) { workspaceName clientSecretRef } }',
    {
      input: {
        subscriptionId: workspace.subscriptionId,
        resourceGroup: workspace.resourceGroup,
        workspaceName: workspace.workspaceName,
        entraTenantId: workspace.entraTenantId,
        clientId: workspace.clientId,
        clientSecretRef: 'env:CONTOSO_SENTINEL_SECRET',
        armEndpoint: workspace.armEndpoint,
        authorityHost: workspace.authorityHost,
      },
    },
    { token: admin, tenant: 'contoso' },
  );
  expect(body.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
  delete process.env.CONTOSO_SENTINEL_SECRET;
});

test('configuring a workspace keeps only the secret reference, and a clear-text secret is refused', async () => {
  const { body } = await graphql(stack.gatewayUrl, SYNC_STATE, {}, { token: analyst });
  expect(body.data!.sentinelWorkspace).toMatchObject({ clientSecretRef: 'env:CONTOSO_SENTINEL_SECRET' });
  expect(JSON.stringify(body)).not.toContain(fake.workspaceConfig().clientSecret);
  const refused = await graphql(
    stack.gatewayUrl,
    'mutation($input: SentinelWorkspaceInput!) { configureSentinelWorkspace(input: $input) { workspaceName } }',
    { input: { ...fake.workspaceConfig(), clientSecret: undefined, armEndpoint: undefined, authorityHost: undefined, clientSecretRef: 'hunter2' } },
    { token: admin, tenant: 'contoso' },
  );
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('a first sync brings every incident of several pages, complete', async () => {
  const sync = await syncNow();
  expect(sync).toMatchObject({ status: 'IDLE', processed: N, lastError: null });
  const { body } = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { token: analyst });
  expect(body.data!.incidents.totalCount).toBe(N);
  // Pages of 100 (the sync's page size): 230 incidents take three list requests.
  expect(fake.armRequests().filter((r) => r.operation === 'list').length).toBeGreaterThanOrEqual(3);

  const sample = fake.incidentWithRelated(fake.incidents()[17]!.name)!;
  const stored = await incidentBySentinelName(sample.incident.name);
  expect(stored).toMatchObject({
    title: sample.incident.properties.title,
    number: sample.incident.properties.incidentNumber,
    etag: sample.incident.etag,
    source: 'SENTINEL',
  });
  expect(stored.alerts).toHaveLength(sample.alerts.length);
  expect(stored.entities.length).toBeGreaterThan(0);
  expect(stored.comments).toHaveLength(sample.comments.length);
});

test('a second sync with nothing new changes nothing', async () => {
  const before = await (await stack.database('incidents')).collection('incidents').find({ tenantId: 'contoso' }, { projection: { rev: 1 } }).toArray();
  await syncNow();
  const after = await (await stack.database('incidents')).collection('incidents').find({ tenantId: 'contoso' }, { projection: { rev: 1 } }).toArray();
  expect(after).toEqual(before);
});

test('changes made in Sentinel follow: status, owner, severity, comments, and new incidents', async () => {
  const name = fake.incidents()[3]!.name;
  fake.addComment(name, 'Escalated to the identity team');
  fake.modifyIncident(name, { status: 'Active', severity: 'High', owner: { objectId: null, email: 'tier2@contoso.example', userPrincipalName: 'tier2@contoso.example', assignedTo: 'Tier 2' } });
  // New incidents are modified after everything synced so far (the generator spreads times over 30 days before `now`).
  fake.seedDemoIncidents(5, { seed: 99, now: new Date(Date.now() + 31 * 86_400_000) });
  const sync = await syncNow();
  expect(sync.status).toBe('IDLE');

  const stored = await incidentBySentinelName(name);
  expect(stored).toMatchObject({ status: 'ACTIVE', severity: 'HIGH', ownerKey: 'tier2@contoso.example' });
  expect(stored.comments.map((c: { message: string }) => c.message)).toContain('Escalated to the identity team');
  const syncEntries = stored.timeline.filter((e: { source: string }) => e.source === 'SYNC').map((e: { field: string }) => e.field);
  expect(syncEntries).toEqual(expect.arrayContaining(['status', 'severity', 'owner', 'comment']));
  const { body } = await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { token: analyst });
  expect(body.data!.incidents.totalCount).toBe(N + 5);
});

test('a sync that fails mid-way resumes from its watermark and ends with exactly the right incidents', async () => {
  // 120 more incidents, modified after everything synced so far.
  fake.seedDemoIncidents(120, { seed: 1234, now: new Date(Date.now() + 62 * 86_400_000) });
  fake.delayNext(20, 10_000); // slow enough to interrupt part-way
  await graphql(stack.gatewayUrl, 'mutation { syncSentinel { status } }', {}, { token: analyst });
  for (;;) {
    const { body } = await graphql(stack.gatewayUrl, SYNC_STATE, {}, { token: analyst });
    if (body.data!.sentinelWorkspace.sync.processed >= 60) break;
    await delay(50);
  }
  fake.clearFaults();
  fake.failNext(1_000, { status: 500, code: 'InternalServerError', message: 'Sentinel is having a bad day' });
  let state;
  do {
    state = (await graphql(stack.gatewayUrl, SYNC_STATE, {}, { token: analyst })).body.data!.sentinelWorkspace.sync;
    await delay(100);
  } while (state.status === 'RUNNING');
  expect(state.status).toBe('FAILED');
  expect(state.lastError).toMatch(/500/);
  const partial = (await graphql(stack.gatewayUrl, '{ incidents { totalCount } }', {}, { token: analyst })).body.data!.incidents.totalCount;
  expect(partial).toBeLessThan(N + 125);

  fake.clearFaults();
  // A restart of the service in between loses nothing either.
  await stack.restart('incidents');
  expect((await syncNow()).status).toBe('IDLE');
  const incidents = (await stack.database('incidents')).collection('incidents');
  expect(await incidents.countDocuments({ tenantId: 'contoso' })).toBe(N + 125);
  expect(new Set((await incidents.find({ tenantId: 'contoso' }).toArray()).map((d) => d.sentinelId)).size).toBe(N + 125);
  for (const incident of fake.incidents().slice(-3)) {
    expect(await incidentBySentinelName(incident.name)).toMatchObject({ title: incident.properties.title, etag: incident.etag });
  }
}, 120_000);

describe('write-back', () => {
  const UPDATE = 'mutation($id: ID!, $input: UpdateIncidentInput!) { updateIncident(id: $id, input: $input) { id } }';
  const idOf = async (name: string) => String((await incidentBySentinelName(name))._id);
  const openIncident = (index: number) => fake.incidents().filter((i) => i.properties.status !== 'Closed')[index]!.name;
  /** A severity the incident does not have, so the update really changes something. */
  const otherSeverity = async (name: string, preferred: string[]) => {
    const current = (await incidentBySentinelName(name)).severity;
    return preferred.find((s) => s !== current)!;
  };

  test('an analyst’s change and comment reach Sentinel, with the new etag kept', async () => {
    const name = openIncident(0);
    const id = await idOf(name);
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { status: 'ACTIVE', ownerEmail: 'analyst@contoso.example', labels: ['triaged'] } }, { token: analyst });
    await waitForWriteBack(id, 'DELIVERED');
    const inSentinel = fake.incident(name)!.properties;
    expect(inSentinel.status).toBe('Active');
    expect(inSentinel.owner.email).toBe('analyst@contoso.example');
    expect(inSentinel.labels.map((l) => l.labelName)).toEqual(['triaged']);
    expect((await incidentBySentinelName(name)).etag).toBe(fake.incident(name)!.etag);

    await graphql(stack.gatewayUrl, 'mutation($id: ID!) { addIncidentComment(id: $id, message: "Password reset done") { id } }', { id }, { token: analyst });
    await waitForWriteBack(id, 'DELIVERED');
    const comments = fake.incidentWithRelated(name)!.comments.map((c) => c.properties.message);
    expect(comments).toContain('Password reset done');
  });

  test('closing writes status and classification together', async () => {
    const name = openIncident(1);
    const id = await idOf(name);
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { status: 'CLOSED', classification: 'FALSE_POSITIVE', classificationReason: 'IncorrectAlertLogic', classificationComment: 'Rule too broad' } }, { token: analyst });
    await waitForWriteBack(id, 'DELIVERED');
    expect(fake.incident(name)!.properties).toMatchObject({ status: 'Closed', classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic', classificationComment: 'Rule too broad' });
  });

  test('a change Sentinel made meanwhile to another field is kept; the analyst’s change is applied on top', async () => {
    const name = openIncident(2);
    const id = await idOf(name);
    fake.modifyIncident(name, { labels: [{ labelName: 'from-sentinel', labelType: 'User' }] });
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity: 'HIGH' } }, { token: analyst });
    await waitForWriteBack(id, 'DELIVERED');
    expect(fake.incident(name)!.properties).toMatchObject({ severity: 'High', labels: [{ labelName: 'from-sentinel', labelType: 'User' }] });
  });

  test('a change to a field Sentinel changed meanwhile is a conflict, shown on the incident', async () => {
    const name = openIncident(3);
    const id = await idOf(name);
    const before = fake.incident(name)!.properties.severity;
    const other = before === 'Low' ? 'Medium' : 'Low';
    fake.modifyIncident(name, { severity: other });
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity: 'HIGH' } }, { token: analyst });
    const writeBack = await waitForWriteBack(id, 'CONFLICT');
    expect(writeBack.lastError).toContain(`Sentinel changed severity to "${other}"`);
    expect(fake.incident(name)!.properties.severity).toBe(other);
  });

  test('a transient failure is retried; a change made while Sentinel is down survives a restart', async () => {
    const name = openIncident(4);
    const id = await idOf(name);
    const severity = await otherSeverity(name, ['LOW', 'MEDIUM']);
    fake.failNext(10_000, { status: 503, code: 'ServiceUnavailable', message: 'try later' });
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity } }, { token: analyst });
    for (;;) {
      const { body } = await graphql(stack.gatewayUrl, 'query($id: ID!) { incident(id: $id) { sentinelWriteBacks { status attempts lastError } } }', { id }, { token: analyst });
      const [latest] = body.data!.incident.sentinelWriteBacks;
      if (latest.attempts >= 1) {
        expect(latest).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/503/) });
        break;
      }
      await delay(100);
    }
    try {
      await stack.restart('incidents');
    } finally {
      fake.clearFaults();
    }
    const delivered = await waitForWriteBack(id, 'DELIVERED');
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    expect(fake.incident(name)!.properties.severity).toBe(severity === 'LOW' ? 'Low' : 'Medium');
  }, 60_000);

  test('a change that keeps failing is marked failed with the reason', async () => {
    const name = openIncident(5);
    const id = await idOf(name);
    const severity = await otherSeverity(name, ['INFORMATIONAL', 'LOW']);
    fake.failNext(100_000, { status: 500, code: 'InternalServerError', message: 'broken' });
    await graphql(stack.gatewayUrl, UPDATE, { id, input: { severity } }, { token: analyst });
    const failed = await waitForWriteBack(id, 'FAILED');
    expect(failed).toMatchObject({ attempts: 5, lastError: expect.stringMatching(/500 InternalServerError: broken/) });
    fake.clearFaults();
  }, 60_000);
});
