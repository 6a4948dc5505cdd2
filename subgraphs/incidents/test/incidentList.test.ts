import { Types } from 'mongoose';
import { devToken, graphql } from '../../../test/support/client';
import { startTestStack, type TestStack } from '../../../test/support/stack';
import type { Classification, EntityKind, IncidentRecord, IncidentStatus, Severity } from '../src/models/incidentRecord';
import { newIncidentDocument } from '../src/services/incidentDocument';

/**
 * The incident list's filters, sort orders and pagination through the gateway, over a fixture
 * whose every field is chosen here. Incidents are named by their number; the expected lists are
 * written out by hand from the table below.
 */
let stack: TestStack;
let analyst: string;

interface Fixture {
  number: number;
  tenantId?: string;
  title: string;
  description: string;
  severity: Severity;
  status: IncidentStatus;
  owner?: { email?: string; upn?: string };
  classification?: Classification;
  tactic: string;
  technique: string;
  label?: string;
  entities: Array<[EntityKind, string]>;
  /** Day of March 2026 the incident was created on (08:00 UTC). */
  createdDay: number;
  /** Hours after 2026-03-10T00:00Z of the last change. */
  updatedHour: number;
}

const at = (iso: string) => new Date(iso);
const pad = (n: number) => String(n).padStart(2, '0');

/** Fixed ids, increasing with the number, so tie-breaks on _id are known in advance. */
const idOf = (number: number, tenantId: string) => new Types.ObjectId(`${tenantId === 'contoso' ? 'aa' : 'bb'}${'0'.repeat(20)}${pad(number)}`);

/** A complete stored incident: the record goes through newIncidentDocument so derived fields are the real ones. */
function incidentDocument(f: Fixture) {
  const tenantId = f.tenantId ?? 'contoso';
  const createdAt = at(`2026-03-${pad(f.createdDay)}T08:00:00Z`);
  const lastModifiedAt = new Date(Date.parse('2026-03-10T00:00:00Z') + f.updatedHour * 3_600_000);
  const record: IncidentRecord = {
    sentinelId: `${tenantId}-${f.number}`,
    sentinelResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/Incidents/${tenantId}-${f.number}`,
    etag: null,
    number: f.number,
    title: f.title,
    description: f.description,
    severity: f.severity,
    status: f.status,
    classification: f.classification ?? null,
    classificationReason: null,
    classificationComment: null,
    owner: f.owner ? { objectId: null, email: f.owner.email ?? null, userPrincipalName: f.owner.upn ?? null, assignedTo: null } : null,
    labels: f.label ? [f.label] : [],
    tactics: [f.tactic],
    techniques: [f.technique],
    providerName: 'Azure Sentinel',
    providerIncidentId: String(f.number),
    incidentUrl: null,
    alertProductNames: [],
    firstActivityAt: createdAt,
    lastActivityAt: createdAt,
    createdAt,
    lastModifiedAt,
    alerts: [],
    entities: f.entities.map(([kind, friendlyName], i) => ({ entityId: `${tenantId}-${f.number}-${i}`, kind, friendlyName, properties: {} })),
    comments: [],
  };
  return { ...newIncidentDocument(tenantId, record, 'SENTINEL'), _id: idOf(f.number, tenantId) };
}

// number: created day (March) / updated hour — chosen so that every sort order is a different permutation.
const FIXTURES: Fixture[] = [
  { number: 1, createdDay: 5, updatedHour: 5, title: 'Phishing email delivered to finance', description: 'Mail from payroll-update.example with a credential form', severity: 'HIGH', status: 'NEW', tactic: 'InitialAccess', technique: 'T1566.001', label: 'phishing', entities: [['Mailbox', 'j.doe@contoso.example']] },
  { number: 2, createdDay: 1, updatedHour: 8, title: 'Impossible travel', description: 'Sign-ins from two countries within an hour', severity: 'MEDIUM', status: 'ACTIVE', owner: { email: 'Alice@Contoso.example' }, tactic: 'InitialAccess', technique: 'T1078', label: 'identity', entities: [['Account', 'alice'], ['Ip', '203.0.113.7']] },
  { number: 3, createdDay: 7, updatedHour: 1, title: 'Brute force against VPN gateway', description: 'Many failed logons followed by a success', severity: 'HIGH', status: 'ACTIVE', owner: { email: 'bob@contoso.example' }, tactic: 'CredentialAccess', technique: 'T1110', label: 'vpn', entities: [['Host', 'vpn-gw-01'], ['Ip', '198.51.100.23']] },
  { number: 4, createdDay: 2, updatedHour: 3, title: 'Malware detected on workstation', description: 'Defender quarantined a trojan', severity: 'LOW', status: 'CLOSED', owner: { email: 'alice@contoso.example' }, classification: 'TRUE_POSITIVE', tactic: 'Execution', technique: 'T1204', label: 'malware', entities: [['Host', 'ws-042'], ['File', 'invoice.exe']] },
  { number: 5, createdDay: 8, updatedHour: 7, title: 'Suspicious PowerShell download', description: 'Encoded command fetched a payload from 203.0.113.7', severity: 'MEDIUM', status: 'CLOSED', owner: { email: 'bob@contoso.example' }, classification: 'FALSE_POSITIVE', tactic: 'Execution', technique: 'T1059.001', entities: [['Host', 'ws-042']] },
  { number: 6, createdDay: 4, updatedHour: 2, title: 'Phishing link clicked', description: 'User clicked a link in a payroll lure', severity: 'LOW', status: 'NEW', tactic: 'InitialAccess', technique: 'T1566.002', label: 'phishing', entities: [['Url', 'http://payroll-update.example/login'], ['Account', 'alice']] },
  { number: 7, createdDay: 6, updatedHour: 6, title: 'Mass file download from SharePoint', description: 'Unusual volume of downloads', severity: 'INFORMATIONAL', status: 'CLOSED', owner: { email: 'ALICE@contoso.example' }, classification: 'BENIGN_POSITIVE', tactic: 'Exfiltration', technique: 'T1567', entities: [['CloudApplication', 'SharePoint']] },
  // Owner known only by UPN (Sentinel sometimes gives no email).
  { number: 8, createdDay: 3, updatedHour: 4, title: 'Password spray detected', description: 'Failed sign-ins across many accounts', severity: 'MEDIUM', status: 'ACTIVE', owner: { upn: 'Carol@Contoso.example' }, tactic: 'CredentialAccess', technique: 'T1110.003', label: 'identity', entities: [['Ip', '198.51.100.23']] },
  // Another tenant's incidents match many of the same filters and must never appear.
  { number: 1, tenantId: 'fabrikam', createdDay: 5, updatedHour: 9, title: 'Phishing email delivered to finance', description: 'Brute force payroll quarantined', severity: 'HIGH', status: 'NEW', owner: { email: 'alice@contoso.example' }, tactic: 'InitialAccess', technique: 'T1110', label: 'phishing', entities: [['Host', 'ws-042']] },
  { number: 9, tenantId: 'fabrikam', createdDay: 4, updatedHour: 9, title: 'Malware on ws-042', description: 'Quarantined', severity: 'LOW', status: 'CLOSED', classification: 'TRUE_POSITIVE', tactic: 'Execution', technique: 'T1204', entities: [] },
];

beforeAll(async () => {
  stack = await startTestStack({ demoIncidentsPerTenant: 0 });
  analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  await (await stack.database('incidents')).collection('incidents').insertMany(FIXTURES.map(incidentDocument));
});
afterAll(() => stack?.stop());

const LIST = /* GraphQL */ `
  query List($filter: IncidentFilter, $orderBy: IncidentOrder, $first: Int, $after: String) {
    incidents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { number } }
    }
  }
`;

interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ node: { number: number } }>;
}

async function list(variables: Record<string, unknown>): Promise<ListPage> {
  const { body } = await graphql<{ incidents: ListPage }>(stack.gatewayUrl, LIST, { first: 200, ...variables }, { token: analyst });
  expect(body.errors).toBeUndefined();
  return body.data!.incidents;
}

const numbersOf = (page: ListPage) => page.edges.map((e) => e.node.number);

/** Numbers of the incidents matching `filter`, newest first, after checking totalCount agrees. */
async function numbers(filter: Record<string, unknown>): Promise<number[]> {
  const page = await list({ filter });
  const found = numbersOf(page);
  expect(page.totalCount).toBe(found.length);
  return found;
}

async function errorCode(filter: Record<string, unknown>) {
  const { body } = await graphql(stack.gatewayUrl, LIST, { filter }, { token: analyst });
  return body.errors?.[0]?.extensions?.code;
}

// Newest first by creation: days 8, 7, 6, 5, 4, 3, 2, 1.
const ALL = [5, 3, 7, 1, 6, 8, 4, 2];

test('without a filter the active tenant’s incidents come newest first', async () => {
  expect(await numbers({})).toEqual(ALL);
});

test.each<[string, Record<string, unknown>, number[]]>([
  ['severity', { severity: ['HIGH'] }, [3, 1]],
  ['several severities', { severity: ['LOW', 'INFORMATIONAL'] }, [7, 6, 4]],
  ['status', { status: ['CLOSED'] }, [5, 7, 4]],
  ['created range [after, before)', { createdAfter: '2026-03-03T08:00:00Z', createdBefore: '2026-03-06T08:00:00Z' }, [1, 6, 8]],
  ['tactic', { tactic: 'Execution' }, [5, 4]],
  ['technique (exact id, not its sub-techniques)', { technique: 'T1110' }, [3]],
  ['label', { label: 'phishing' }, [1, 6]],
  ['owner by email, any case and spacing', { owner: ' ALICE@contoso.EXAMPLE ' }, [7, 4, 2]],
  ['owner known only by UPN', { owner: 'carol@contoso.example' }, [8]],
  ['unassigned (empty owner)', { owner: '' }, [1, 6]],
  ['owner nobody has', { owner: 'mallory@contoso.example' }, []],
  ['classification', { classification: ['TRUE_POSITIVE', 'FALSE_POSITIVE'] }, [5, 4]],
  ['one classification', { classification: ['BENIGN_POSITIVE'] }, [7]],
  ['search: a word of the title', { search: 'brute' }, [3]],
  ['search: a word of the description only', { search: 'quarantined' }, [4]],
  ['search: an entity value only', { search: 'vpn-gw-01' }, [3]],
  ['search: a mailbox entity, whole', { search: 'j.doe@contoso.example' }, [1]],
  ['search: an address in an entity or a description', { search: '203.0.113.7' }, [5, 2]],
  ['search: a word in a description and in a URL entity', { search: 'payroll' }, [1, 6]],
  ['search: every word must appear', { search: 'phishing clicked' }, [6]],
  ['search: case-insensitive, any order', { search: 'FORCE brute' }, [3]],
  ['search: whole words only', { search: 'phish' }, []],
])('filter by %s', async (_name, filter, expected) => {
  expect(await numbers(filter)).toEqual(expected);
});

test.each<[string, Record<string, unknown>, number[]]>([
  ['severity and owner', { severity: ['MEDIUM'], owner: 'alice@contoso.example' }, [2]],
  ['status and tactic', { status: ['ACTIVE'], tactic: 'CredentialAccess' }, [3, 8]],
  ['search, unassigned and severity', { search: 'phishing', owner: '', severity: ['HIGH'] }, [1]],
  ['classification and an entity search', { classification: ['TRUE_POSITIVE', 'FALSE_POSITIVE'], search: 'ws-042' }, [5, 4]],
  ['label, status and created range', { label: 'identity', status: ['ACTIVE', 'NEW'], createdAfter: '2026-03-02T00:00:00Z' }, [8]],
  ['technique and classification that exclude each other', { technique: 'T1110', classification: ['TRUE_POSITIVE'] }, []],
  ['every filter at once', { severity: ['LOW'], status: ['CLOSED'], createdAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-03-09T00:00:00Z', tactic: 'Execution', technique: 'T1204', label: 'malware', owner: 'alice@contoso.example', classification: ['TRUE_POSITIVE'], search: 'trojan ws-042' }, [4]],
])('filters combine: %s', async (_name, filter, expected) => {
  expect(await numbers(filter)).toEqual(expected);
});

test.each<[string, string, number[]]>([
  ['CREATED_AT', 'ASC', [2, 4, 8, 6, 1, 7, 3, 5]],
  ['CREATED_AT', 'DESC', ALL],
  ['UPDATED_AT', 'ASC', [3, 6, 4, 8, 1, 7, 5, 2]],
  ['UPDATED_AT', 'DESC', [2, 5, 7, 1, 8, 4, 6, 3]],
  // Equal severities are ordered by id, which here follows the number.
  ['SEVERITY', 'DESC', [3, 1, 8, 5, 2, 6, 4, 7]],
  ['SEVERITY', 'ASC', [7, 4, 6, 2, 5, 8, 1, 3]],
  ['NUMBER', 'ASC', [1, 2, 3, 4, 5, 6, 7, 8]],
  ['NUMBER', 'DESC', [8, 7, 6, 5, 4, 3, 2, 1]],
])('sorted by %s %s', async (field, direction, expected) => {
  expect(numbersOf(await list({ orderBy: { field, direction } }))).toEqual(expected);
});

/** Every page of a list, walking endCursor. */
async function walk(variables: Record<string, unknown>, first: number) {
  const pages: number[][] = [];
  let after: string | null = null;
  do {
    const page = await list({ ...variables, first, after });
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    pages.push(numbersOf(page));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && pages.length < 10);
  return pages;
}

test('pagination walks a sort with ties exactly once, page by page', async () => {
  expect(await walk({ orderBy: { field: 'SEVERITY', direction: 'DESC' } }, 3)).toEqual([[3, 1, 8], [5, 2, 6], [4, 7]]);
  expect(await walk({ orderBy: { field: 'SEVERITY', direction: 'ASC' } }, 4)).toEqual([[7, 4, 6, 2], [5, 8, 1, 3]]);
});

test('pagination keeps the filter on every page', async () => {
  expect(await walk({ filter: { status: ['ACTIVE', 'CLOSED'] } }, 2)).toEqual([[5, 3], [7, 8], [4, 2]]);
  expect(await walk({ filter: { search: 'ws-042' }, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } }, 1)).toEqual([[4], [5]]);
  const last = await list({ filter: { owner: '' }, first: 2 });
  expect(last.pageInfo.hasNextPage).toBe(false);
  expect(last.totalCount).toBe(2);
});

test('the other tenant sees only its own incidents for the same filters', async () => {
  const fabrikam = await devToken(stack.gatewayUrl, 'analyst@fabrikam.example');
  const as = async (filter: Record<string, unknown>) =>
    numbersOf((await graphql<{ incidents: ListPage }>(stack.gatewayUrl, LIST, { filter, first: 10 }, { token: fabrikam })).body.data!.incidents);
  expect(await as({ owner: 'alice@contoso.example' })).toEqual([1]);
  expect(await as({ search: 'quarantined' })).toEqual([1, 9]);
});

test.each<[string, Record<string, unknown>]>([
  ['a search without any word', { search: ' -- !! ' }],
  ['an empty search', { search: '' }],
  ['a search of more than 8 words', { search: 'one two three four five six seven eight nine' }],
  ['an overlong search', { search: 'x'.repeat(201) }],
  ['createdAfter later than createdBefore', { createdAfter: '2026-03-05T00:00:00Z', createdBefore: '2026-03-01T00:00:00Z' }],
])('%s is refused with BAD_USER_INPUT', async (_name, filter) => {
  expect(await errorCode(filter)).toBe('BAD_USER_INPUT');
});

test('a dotted value counts as one word against the limit', async () => {
  // 8 words, two of them addresses whose parts tokenize() also emits: still within the limit.
  expect(await numbers({ search: 'j.doe@contoso.example phishing email delivered to finance mail payroll-update.example' })).toEqual([1]);
});
