import { graphql } from '../../../../test/support/client';
import { alertListRows, postWebhook } from './webhookFixtures';
import { startWebhookStack, type WebhookStack } from './webhookStack';

/** The 189 real SecurityAlert rows of msticpy's alert list, pushed through the public webhook with an API key. */
let w: WebhookStack;
const rows = alertListRows();
const body = JSON.stringify({ alerts: rows });

beforeAll(async () => {
  w = await startWebhookStack();
});
afterAll(() => w?.stack.stop());

interface EntityView {
  id: string;
  kind: string;
  name: string;
  properties: Record<string, unknown>;
}
interface IncidentView {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  source: string;
  providerName: string;
  createdAt: string;
  updatedAt: string;
  alerts: Array<{ id: string; displayName: string; productName: string; timeGenerated: string }>;
  entities: EntityView[];
  timeline: Array<{ source: string; field: string }>;
}
interface Page {
  incidents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: IncidentView }> };
}

const LIST = `query($after: String) { incidents(first: 100, after: $after, orderBy: { field: NUMBER, direction: ASC }) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id number title severity status source providerName createdAt updatedAt
    alerts { id displayName productName timeGenerated } entities { id kind name properties } timeline { source field } } }
} }`;

async function incidentPage(after: string | null): Promise<Page['incidents']> {
  const { body } = await graphql<Page>(w.stack.gatewayUrl, LIST, { after }, { token: w.analyst });
  expect(body.errors).toBeUndefined();
  return body.data!.incidents;
}

async function allIncidents(): Promise<IncidentView[]> {
  const found: IncidentView[] = [];
  for (let page = await incidentPage(null); ; page = await incidentPage(page.pageInfo.endCursor)) {
    found.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return found;
  }
}

const byAlert = (incidents: IncidentView[], systemAlertId: string) => {
  const incident = incidents.find((i) => i.alerts[0]?.id === systemAlertId);
  if (!incident) throw new Error(`no incident for alert ${systemAlertId}`);
  return incident;
};
const entityList = (incident: IncidentView) => incident.entities.map((e) => [e.kind, e.name]);

test('all 189 alerts become incidents, readable through GraphQL with their entities', async () => {
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', body, { 'x-api-key': w.keys.contosoWriter });
  expect(reply).toEqual({ status: 202, body: { received: 189, created: 189, updated: 0, unchanged: 0 } });

  const incidents = await allIncidents();
  expect(incidents).toHaveLength(189);
  expect(new Set(incidents.map((i) => i.alerts[0]?.id))).toEqual(new Set(rows.map((r) => r.SystemAlertId)));
  expect(incidents.every((i) => i.status === 'NEW' && i.source === 'WEBHOOK' && i.alerts.length === 1)).toBe(true);
  // Numbers are a per-tenant sequence, handed out in the order Sentinel generated the alerts.
  expect(incidents.map((i) => i.number)).toEqual(Array.from({ length: 189 }, (_, n) => n + 1));
  const generated = incidents.map((i) => i.alerts[0]!.timeGenerated);
  expect(generated).toEqual([...generated].sort());
  // Incidents without entities are the 13 rows whose Entities cell is empty.
  expect(incidents.filter((i) => i.entities.length === 0)).toHaveLength(rows.filter((r) => r.Entities === '').length);
  expect(rows.filter((r) => r.Entities === '')).toHaveLength(13);

  const group = byAlert(incidents, '047f47d6-79b7-4502-824b-97abc4905a73');
  expect(group).toMatchObject({ title: 'DC local group addition - Demo', severity: 'LOW', providerName: 'CustomAlertRule', createdAt: '2019-01-12T06:41:44.000Z' });
  expect(entityList(group)).toEqual([
    ['Ip', '75.10.91.22'],
    ['Host', 'DHCPContoso77'],
    ['Account', 'ADMINISTRATOR'],
    ['Account', 'ADMIN'],
    ['Account', 'USER'],
  ]);
  const dhcpHost = group.entities[1]!;
  expect(group.entities[2]!.properties).toEqual({ friendlyName: 'ADMINISTRATOR', accountName: 'ADMINISTRATOR', ntDomain: '', hostEntityId: dhcpHost.id, isDomainJoined: false, count: 5909 });

  const recon = byAlert(incidents, rows[100]!.SystemAlertId!);
  expect(recon).toMatchObject({ title: 'Detected possible local reconnaissance activity', severity: 'HIGH', providerName: 'Detection' });
  expect(entityList(recon)).toEqual([
    ['Host', 'MSTICALERTSWIN1'],
    ['File', 'cmd.exe'],
    ['Process', 'cmd.exe'],
    ['Account', 'MSTICAdmin'],
    ['File', 'cmd.exe'],
    ['Process', 'cmd  /c "systeminfo && systeminfo"'],
  ]);
  expect(recon.entities[0]!.properties).toMatchObject({ hostName: 'MSTICALERTSWIN1', netBiosName: 'MSTICALERTSWIN1', osFamily: 'Windows', isDomainJoined: false });
  expect(recon.entities[3]!.properties).toMatchObject({ accountName: 'MSTICAdmin', ntDomain: 'MSTICAlertsWin1', sid: 'S-1-5-21-996632719-2361334927-4038480536-500', logonId: '0xfaac27', hostEntityId: recon.entities[0]!.id });
  expect(recon.entities[5]!.properties).toMatchObject({
    processId: '0x1700',
    imageFileEntityId: recon.entities[4]!.id,
    accountEntityId: recon.entities[3]!.id,
    parentProcessEntityId: recon.entities[2]!.id,
    hostEntityId: recon.entities[0]!.id,
  });

  const petya = byAlert(incidents, rows[150]!.SystemAlertId!);
  expect(petya.title).toBe('Detected Petya ransomware indicators');
  expect(entityList(petya)).toEqual(expect.arrayContaining([['Account', 'MSTICAlertsWin1$'], ['Process', 'cmd  /c echo rundll32.exe perfc.dat']]));

  const malicious = byAlert(incidents, '98a6dea6-1b64-41d0-938e-0dec24b234ec');
  expect(malicious).toMatchObject({ title: 'Network communication with a malicious machine detected', severity: 'MEDIUM' });
  expect(malicious.entities.find((e) => e.kind === 'Ip')).toMatchObject({ name: '183.95.154.13', properties: { location: { countryName: 'China', city: 'Wuhan', asn: 4837 } } });

  // Severity maps one to one: the list's own counts.
  const severities = (await graphql<{ h: { totalCount: number }; m: { totalCount: number }; l: { totalCount: number }; i: { totalCount: number } }>(
    w.stack.gatewayUrl,
    `{ h: incidents(filter: { severity: [HIGH] }) { totalCount } m: incidents(filter: { severity: [MEDIUM] }) { totalCount }
       l: incidents(filter: { severity: [LOW] }) { totalCount } i: incidents(filter: { severity: [INFORMATIONAL] }) { totalCount } }`,
    {},
    { token: w.analyst },
  )).body.data!;
  expect([severities.h.totalCount, severities.m.totalCount, severities.l.totalCount, severities.i.totalCount]).toEqual([102, 56, 24, 7]);

  // Entity names are searchable like those of synchronised incidents.
  const search = await graphql<{ incidents: { edges: Array<{ node: { id: string } }> } }>(
    w.stack.gatewayUrl,
    '{ incidents(first: 200, filter: { search: "MSTICAdmin" }) { edges { node { id } } } }',
    {},
    { token: w.analyst },
  );
  const found = new Set(search.body.data!.incidents.edges.map((edge) => edge.node.id));
  const withAccount = incidents.filter((i) => i.entities.some((e) => e.kind === 'Account' && e.name === 'MSTICAdmin'));
  expect(withAccount.length).toBeGreaterThan(50);
  expect(withAccount.every((i) => found.has(i.id))).toBe(true);
});

test('posting the same alerts again changes nothing', async () => {
  const before = await allIncidents();
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', body, { 'x-api-key': w.keys.contosoWriter });
  expect(reply).toEqual({ status: 202, body: { received: 189, created: 0, updated: 0, unchanged: 189 } });
  expect(await w.contosoIncidents()).toBe(189);
  expect(await allIncidents()).toEqual(before);
});

test('a body over 1 MB (the JSON limit of other internal routes) goes through whole', async () => {
  // Columns this service does not read are allowed and ignored: the padded rows are the same alerts.
  const padded = JSON.stringify({ alerts: rows.map((row) => ({ ...row, RemediationSteps: 'Review the alert. '.repeat(600) })) });
  expect(padded.length).toBeGreaterThan(2 * 1024 * 1024);
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', padded, { 'x-api-key': w.keys.contosoWriter });
  expect(reply).toEqual({ status: 202, body: { received: 189, created: 0, updated: 0, unchanged: 189 } });
});

test('an alert that changes updates its incident and keeps the analyst’s triage', async () => {
  const [first] = await allIncidents();
  const update = await graphql(
    w.stack.gatewayUrl,
    'mutation($id: ID!) { updateIncident(id: $id, input: { status: ACTIVE, ownerEmail: "analyst@contoso.example" }) { id } }',
    { id: first!.id },
    { token: w.analyst },
  );
  expect(update.body.errors).toBeUndefined();
  const row = rows.find((r) => r.SystemAlertId === first!.alerts[0]!.id)!;
  const changed = { ...row, Description: 'Updated by the product', TimeGenerated: '2019-01-20 10:00:00' };
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', JSON.stringify({ alerts: [changed] }), { 'x-api-key': w.keys.contosoWriter });
  expect(reply.body).toEqual({ received: 1, created: 0, updated: 1, unchanged: 0 });
  const after = (await allIncidents()).find((i) => i.id === first!.id)!;
  expect(after).toMatchObject({ number: first!.number, status: 'ACTIVE', createdAt: first!.createdAt });
  expect(after.alerts[0]!.timeGenerated).toBe('2019-01-20T10:00:00.000Z');
});

test('an alert sent twice in one call: the first row creates, the later one updates', async () => {
  const row = { ...rows[3]!, SystemAlertId: 'c0ffee00-0000-4000-8000-000000000001' };
  const later = { ...row, Description: 'Second version', TimeGenerated: '2019-01-21 08:00:00' };
  const reply = await postWebhook(w.stack.gatewayUrl, 'contoso', JSON.stringify({ alerts: [row, later] }), { 'x-api-key': w.keys.contosoWriter });
  expect(reply.body).toEqual({ received: 2, created: 1, updated: 1, unchanged: 0 });
  const stored = await (await w.stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso', sentinelId: row.SystemAlertId });
  expect(stored).toMatchObject({ description: 'Second version', number: 190, source: 'WEBHOOK' });
});
