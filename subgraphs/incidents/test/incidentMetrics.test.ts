import { Types } from 'mongoose';
import { devToken, graphql } from '../../../test/support/client';
import { startTestStack, type TestStack } from '../../../test/support/stack';
import type { IncidentRecord, IncidentStatus, Severity } from '../src/models/incidentRecord';
import { newIncidentDocument } from '../src/services/incidentDocument';

/**
 * Tenant.incidentMetrics through the gateway (the tenants subgraph supplies the SLA targets of
 * config/tenants.json: contoso HIGH PT1H, MEDIUM PT4H, LOW PT24H, INFORMATIONAL P3D). Every
 * expected number below is worked out by hand from the fixture table.
 */
let stack: TestStack;
let analyst: string;

interface Fixture {
  key: string;
  tenantId?: string;
  severity: Severity;
  status: IncidentStatus;
  createdAt: string | Date;
  acknowledgedAt?: string | Date;
  closedAt?: string | Date;
}

const ids = new Map<string, string>();
let serial = 0;

/** A complete stored incident whose lifecycle times are exactly the fixture's (not derived). */
function incidentDocument(f: Fixture) {
  const tenantId = f.tenantId ?? 'contoso';
  const createdAt = new Date(f.createdAt);
  const closedAt = f.closedAt ? new Date(f.closedAt) : null;
  serial += 1;
  const record: IncidentRecord = {
    sentinelId: `${tenantId}-${f.key}`,
    sentinelResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/Incidents/${f.key}`,
    etag: null,
    number: serial,
    title: `Fixture ${f.key}`,
    description: null,
    severity: f.severity,
    status: f.status,
    classification: f.status === 'CLOSED' ? 'TRUE_POSITIVE' : null,
    classificationReason: null,
    classificationComment: null,
    owner: null,
    labels: [],
    tactics: [],
    techniques: [],
    providerName: 'Azure Sentinel',
    providerIncidentId: String(serial),
    incidentUrl: null,
    alertProductNames: [],
    firstActivityAt: createdAt,
    lastActivityAt: createdAt,
    createdAt,
    lastModifiedAt: closedAt ?? createdAt,
    alerts: [],
    entities: [],
    comments: [],
  };
  const _id = new Types.ObjectId();
  ids.set(f.key, _id.toHexString());
  return {
    ...newIncidentDocument(tenantId, record, 'SENTINEL'),
    _id,
    acknowledgedAt: f.acknowledgedAt ? new Date(f.acknowledgedAt) : null,
    closedAt,
  };
}

const HOUR = 3_600_000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);

/**
 * Range A is [2026-03-01, 2026-03-06), days 01..05 (05 has none). Times to acknowledge (ack) and
 * to resolve (res) in seconds; targets HIGH 3600, MEDIUM 14400, LOW 86400, INFORMATIONAL 259200.
 */
const RANGE_A: Fixture[] = [
  // ack 600, res 3600 = exactly the target: not a breach.
  { key: 'a1', severity: 'HIGH', status: 'CLOSED', createdAt: '2026-03-01T10:00:00Z', acknowledgedAt: '2026-03-01T10:10:00Z', closedAt: '2026-03-01T11:00:00Z' },
  // ack 1800, res 3601: breach by 1 s, due 03-01 13:00.
  { key: 'a2', severity: 'HIGH', status: 'CLOSED', createdAt: '2026-03-01T12:00:00Z', acknowledgedAt: '2026-03-01T12:30:00Z', closedAt: '2026-03-01T13:00:01Z' },
  // ack 300, still open: breach, due 03-02 10:00.
  { key: 'a3', severity: 'HIGH', status: 'ACTIVE', createdAt: '2026-03-02T09:00:00Z', acknowledgedAt: '2026-03-02T09:05:00Z' },
  // never acknowledged, open: breach, due 03-02 04:00.
  { key: 'a4', severity: 'MEDIUM', status: 'NEW', createdAt: '2026-03-02T00:00:00Z' },
  // ack 1200, res 10800 < 14400: no breach.
  { key: 'a5', severity: 'MEDIUM', status: 'CLOSED', createdAt: '2026-03-03T08:00:00Z', acknowledgedAt: '2026-03-03T08:20:00Z', closedAt: '2026-03-03T11:00:00Z' },
  // last second of 03-03; ack 3600, res 86401: breach by 1 s, due 03-04 23:59:59.
  { key: 'a6', severity: 'LOW', status: 'CLOSED', createdAt: '2026-03-03T23:59:59Z', acknowledgedAt: '2026-03-04T00:59:59Z', closedAt: '2026-03-05T00:00:00Z' },
  // ack 3600, res 259200 = exactly P3D: not a breach.
  { key: 'a7', severity: 'INFORMATIONAL', status: 'CLOSED', createdAt: '2026-03-04T06:00:00Z', acknowledgedAt: '2026-03-04T07:00:00Z', closedAt: '2026-03-07T06:00:00Z' },
  // created exactly at `since` (included); open, never acknowledged: breach, due 03-02 00:00.
  { key: 'a8', severity: 'LOW', status: 'NEW', createdAt: '2026-03-01T00:00:00Z' },
  // Outside the range: one second before `since`, and exactly at `until` (excluded).
  { key: 'o1', severity: 'HIGH', status: 'NEW', createdAt: '2026-02-28T23:59:59Z' },
  { key: 'o2', severity: 'HIGH', status: 'NEW', createdAt: '2026-03-06T00:00:00Z' },
  // Fabrikam's incidents in the same range (its targets: HIGH PT2H, LOW P2D).
  { key: 'f1', tenantId: 'fabrikam', severity: 'HIGH', status: 'NEW', createdAt: '2026-03-02T10:00:00Z' },
  { key: 'f2', tenantId: 'fabrikam', severity: 'LOW', status: 'CLOSED', createdAt: '2026-03-03T10:00:00Z', acknowledgedAt: '2026-03-03T10:30:00Z', closedAt: '2026-03-03T12:00:00Z' },
];

/** Range B ends in an hour: open incidents measured against the present. */
const RANGE_B: Fixture[] = [
  // Open HIGH for 10 minutes: not yet due.
  { key: 'b1', severity: 'HIGH', status: 'NEW', createdAt: ago(HOUR / 6) },
  // Open HIGH for 2 hours: due an hour ago.
  { key: 'b2', severity: 'HIGH', status: 'ACTIVE', createdAt: ago(2 * HOUR), acknowledgedAt: ago(HOUR) },
  // Open INFORMATIONAL for a day: within P3D.
  { key: 'b3', severity: 'INFORMATIONAL', status: 'NEW', createdAt: ago(24 * HOUR) },
  // MEDIUM resolved in 4.5 h: 1800 s late, due 1.5 hours ago.
  { key: 'b4', severity: 'MEDIUM', status: 'CLOSED', createdAt: ago(5.5 * HOUR), acknowledgedAt: ago(5 * HOUR), closedAt: ago(HOUR) },
];

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 0 });
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  await (await stack.database('incidents')).collection('incidents').insertMany([...RANGE_A, ...RANGE_B].map(incidentDocument));
});
afterAll(() => stack?.stop());

const METRICS = /* GraphQL */ `
  query Metrics($tenant: ID!, $since: DateTime!, $until: DateTime!, $first: Int) {
    tenant(id: $tenant) {
      id
      incidentMetrics(since: $since, until: $until) {
        total
        bySeverity { severity count }
        byStatus { status count }
        byDay { day count }
        responseTimes { severity meanTimeToAcknowledgeSeconds meanTimeToResolveSeconds slaTarget breaches }
        slaBreaches(first: $first) { incident { id title severity } dueAt overdueSeconds }
      }
    }
  }
`;

interface Metrics {
  total: number;
  bySeverity: Array<{ severity: Severity; count: number }>;
  byStatus: Array<{ status: IncidentStatus; count: number }>;
  byDay: Array<{ day: string; count: number }>;
  responseTimes: Array<{ severity: Severity; meanTimeToAcknowledgeSeconds: number | null; meanTimeToResolveSeconds: number | null; slaTarget: string; breaches: number }>;
  slaBreaches: Array<{ incident: { id: string; title: string; severity: Severity }; dueAt: string; overdueSeconds: number }>;
}

const A = { since: '2026-03-01T00:00:00.000Z', until: '2026-03-06T00:00:00.000Z' };

async function metrics(variables: Record<string, unknown>, token = analyst, tenant = 'contoso'): Promise<Metrics> {
  const { body } = await graphql<{ tenant: { incidentMetrics: Metrics } }>(stack.gatewayUrl, METRICS, { tenant, ...variables }, { token });
  expect(body.errors).toBeUndefined();
  return body.data!.tenant.incidentMetrics;
}

const breach = (key: string, severity: Severity, dueAt: string) => ({ incident: { id: ids.get(key), title: `Fixture ${key}`, severity }, dueAt });
const seconds = (from: string, to: number) => (to - Date.parse(from)) / 1000;

test('counts by severity, status and day over [since, until), every bucket present', async () => {
  const m = await metrics(A);
  expect(m.total).toBe(8);
  expect(m.bySeverity).toEqual([
    { severity: 'INFORMATIONAL', count: 1 },
    { severity: 'LOW', count: 2 },
    { severity: 'MEDIUM', count: 2 },
    { severity: 'HIGH', count: 3 },
  ]);
  expect(m.byStatus).toEqual([
    { status: 'NEW', count: 2 },
    { status: 'ACTIVE', count: 1 },
    { status: 'CLOSED', count: 5 },
  ]);
  expect(m.byDay).toEqual([
    { day: '2026-03-01', count: 3 },
    { day: '2026-03-02', count: 2 },
    { day: '2026-03-03', count: 2 },
    { day: '2026-03-04', count: 1 },
    { day: '2026-03-05', count: 0 },
  ]);
});

test('mean times to acknowledge and resolve, and breaches, per severity', async () => {
  const m = await metrics(A);
  expect(m.responseTimes).toEqual([
    { severity: 'INFORMATIONAL', meanTimeToAcknowledgeSeconds: 3600, meanTimeToResolveSeconds: 259200, slaTarget: 'P3D', breaches: 0 },
    { severity: 'LOW', meanTimeToAcknowledgeSeconds: 3600, meanTimeToResolveSeconds: 86401, slaTarget: 'PT24H', breaches: 2 },
    { severity: 'MEDIUM', meanTimeToAcknowledgeSeconds: 1200, meanTimeToResolveSeconds: 10800, slaTarget: 'PT4H', breaches: 1 },
    { severity: 'HIGH', meanTimeToAcknowledgeSeconds: 900, meanTimeToResolveSeconds: 3600.5, slaTarget: 'PT1H', breaches: 2 },
  ]);
});

test('SLA breaches: earliest due first, closed ones by their lateness, open ones until now; on target is no breach', async () => {
  const before = Date.now();
  const m = await metrics(A);
  const after = Date.now();
  expect(m.slaBreaches.map(({ incident, dueAt }) => ({ incident, dueAt }))).toEqual([
    breach('a2', 'HIGH', '2026-03-01T13:00:00.000Z'),
    breach('a8', 'LOW', '2026-03-02T00:00:00.000Z'),
    breach('a4', 'MEDIUM', '2026-03-02T04:00:00.000Z'),
    breach('a3', 'HIGH', '2026-03-02T10:00:00.000Z'),
    breach('a6', 'LOW', '2026-03-04T23:59:59.000Z'),
  ]);
  const overdue = m.slaBreaches.map((b) => b.overdueSeconds);
  expect(overdue[0]).toBe(1);
  expect(overdue[4]).toBe(1);
  // Open incidents are late until the moment of the request.
  for (const [i, due] of [[1, '2026-03-02T00:00:00Z'], [2, '2026-03-02T04:00:00Z'], [3, '2026-03-02T10:00:00Z']] as const) {
    expect(overdue[i]).toBeGreaterThanOrEqual(seconds(due, before));
    expect(overdue[i]).toBeLessThanOrEqual(seconds(due, after));
  }
});

test('slaBreaches(first) limits the list; first is checked', async () => {
  const m = await metrics({ ...A, first: 2 });
  expect(m.slaBreaches.map((b) => b.incident.id)).toEqual([ids.get('a2'), ids.get('a8')]);
  expect((await metrics({ ...A, first: 0 })).slaBreaches).toEqual([]);
  for (const first of [-1, 201]) {
    const { body } = await graphql(stack.gatewayUrl, METRICS, { tenant: 'contoso', ...A, first }, { token: analyst });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }
});

test('open incidents are measured against the present: not yet due is no breach', async () => {
  const until = new Date(now + HOUR).toISOString();
  const m = await metrics({ since: new Date(now - 3 * 24 * HOUR).toISOString(), until });
  expect(m.total).toBe(4);
  expect(m.byDay.reduce((sum, d) => sum + d.count, 0)).toBe(4);
  expect(m.responseTimes.map((r) => [r.severity, r.breaches])).toEqual([
    ['INFORMATIONAL', 0],
    ['LOW', 0],
    ['MEDIUM', 1],
    ['HIGH', 1],
  ]);
  expect(m.responseTimes[3]!.meanTimeToAcknowledgeSeconds).toBe(3600);
  expect(m.responseTimes[3]!.meanTimeToResolveSeconds).toBeNull();
  expect(m.slaBreaches.map((b) => b.incident.id)).toEqual([ids.get('b4'), ids.get('b2')]);
  expect(m.slaBreaches[0]!.overdueSeconds).toBe(1800);
  expect(m.slaBreaches[1]!.overdueSeconds).toBeGreaterThanOrEqual(3600);
  expect(m.slaBreaches[1]!.overdueSeconds).toBeLessThan(3600 + 60);
});

test('a range without incidents has zeros, null means and every day', async () => {
  const m = await metrics({ since: '2026-02-01T12:00:00Z', until: '2026-02-03T12:00:00Z' });
  expect(m.total).toBe(0);
  expect(m.bySeverity.every((c) => c.count === 0)).toBe(true);
  expect(m.byDay).toEqual([
    { day: '2026-02-01', count: 0 },
    { day: '2026-02-02', count: 0 },
    { day: '2026-02-03', count: 0 },
  ]);
  expect(m.responseTimes[0]).toEqual({ severity: 'INFORMATIONAL', meanTimeToAcknowledgeSeconds: null, meanTimeToResolveSeconds: null, slaTarget: 'P3D', breaches: 0 });
  expect(m.slaBreaches).toEqual([]);
});

test('another tenant’s incidents are never counted', async () => {
  const fabrikam = await devToken(stack.gatewayUrl, 'analyst@fabrikam.example');
  const m = await metrics(A, fabrikam, 'fabrikam');
  expect(m.total).toBe(2);
  expect(m.bySeverity).toEqual([
    { severity: 'INFORMATIONAL', count: 0 },
    { severity: 'LOW', count: 1 },
    { severity: 'MEDIUM', count: 0 },
    { severity: 'HIGH', count: 1 },
  ]);
  // Fabrikam's own targets: its open HIGH is late against PT2H; its LOW closed within P2D.
  expect(m.responseTimes.map((r) => [r.slaTarget, r.breaches])).toEqual([
    ['P7D', 0],
    ['P2D', 0],
    ['PT8H', 0],
    ['PT2H', 1],
  ]);
  expect(m.slaBreaches).toEqual([{ incident: { id: ids.get('f1'), title: 'Fixture f1', severity: 'HIGH' }, dueAt: '2026-03-02T12:00:00.000Z', overdueSeconds: expect.any(Number) }]);
});

test('a tenant other than the active one gets zeros, even for a member of both', async () => {
  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const { body } = await graphql<{ tenants: Array<{ id: string; incidentMetrics: Partial<Metrics> }> }>(
    stack.gatewayUrl,
    `query($since: DateTime!, $until: DateTime!) { tenants { id incidentMetrics(since: $since, until: $until) { total bySeverity { count } byDay { count } responseTimes { breaches meanTimeToResolveSeconds } slaBreaches { dueAt } } } }`,
    A,
    { token: admin, tenant: 'contoso' },
  );
  expect(body.errors).toBeUndefined();
  const byTenant = Object.fromEntries(body.data!.tenants.map((t) => [t.id, t.incidentMetrics]));
  expect(byTenant.contoso?.total).toBe(8);
  expect(byTenant.fabrikam).toEqual({
    total: 0,
    bySeverity: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }],
    byDay: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }, { count: 0 }],
    responseTimes: [0, 0, 0, 0].map(() => ({ breaches: 0, meanTimeToResolveSeconds: null })),
    slaBreaches: [],
  });
});

test.each<[string, string, string]>([
  ['since equal to until', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z'],
  ['since after until', '2026-03-05T00:00:00Z', '2026-03-01T00:00:00Z'],
  ['a range longer than 366 days', '2025-01-01T00:00:00Z', '2026-01-02T00:00:01Z'],
])('%s is refused with BAD_USER_INPUT', async (_name, since, until) => {
  const { body } = await graphql(stack.gatewayUrl, METRICS, { tenant: 'contoso', since, until }, { token: analyst });
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('a range of exactly 366 days is accepted', async () => {
  const m = await metrics({ since: '2025-03-05T00:00:00Z', until: '2026-03-06T00:00:00Z' });
  expect(m.total).toBe(9); // the eight of range A and o1
  expect(m.byDay).toHaveLength(366);
  expect(m.byDay[0]).toEqual({ day: '2025-03-05', count: 0 });
  expect(m.byDay.at(-1)).toEqual({ day: '2026-03-05', count: 0 });
});
