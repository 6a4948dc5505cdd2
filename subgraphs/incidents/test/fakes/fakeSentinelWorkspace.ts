import { randomBytes, randomUUID } from 'node:crypto';
import type { DemoIncident } from '../../src/demo/generateDemoIncidents';
import type {
  SentinelAlert,
  SentinelClassification,
  SentinelComment,
  SentinelCommentAuthor,
  SentinelEntity,
  SentinelIncident,
  SentinelIncidentEntitiesResponse,
  SentinelIncidentOwner,
  SentinelIncidentProperties,
  SentinelIncidentStatus,
  SentinelSeverity,
} from '../../src/integrations/sentinel/types';
import { armError, type FakeHttpResult } from './fakeHttpResult';

export interface FakeSentinelWorkspaceOptions {
  baseUrl: string;
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  /** Page size of list calls without $top. */
  defaultPageSize: number;
  /** Display name Sentinel shows as author of comments the app writes. */
  appDisplayName: string;
  /** Object id of the app's service principal. */
  appObjectId: string;
  now: () => number;
}

interface StoredIncident {
  incident: SentinelIncident;
  alerts: SentinelAlert[];
  entities: SentinelEntity[];
  comments: SentinelComment[];
}

const SEVERITIES: ReadonlySet<string> = new Set<SentinelSeverity>(['Informational', 'Low', 'Medium', 'High']);
const STATUSES: ReadonlySet<string> = new Set<SentinelIncidentStatus>(['New', 'Active', 'Closed']);
const CLASSIFICATIONS: ReadonlySet<string> = new Set<SentinelClassification>(['TruePositive', 'BenignPositive', 'FalsePositive', 'Undetermined']);
const ORDERABLE = { lastModifiedTimeUtc: 'date', createdTimeUtc: 'date', incidentNumber: 'number' } as const;
type OrderField = keyof typeof ORDERABLE;
const FILTER_OPERATORS = { eq: (c: number) => c === 0, ge: (c: number) => c >= 0, gt: (c: number) => c > 0, le: (c: number) => c <= 0, lt: (c: number) => c < 0 } as const;

/**
 * The Microsoft.SecurityInsights side of the fake: one workspace's incidents with their alerts,
 * entities and comments, and the REST semantics of the operations the client uses (OData $filter,
 * $orderby, $top with keyset nextLinks, body-etag optimistic concurrency on PUT).
 */
export class FakeSentinelWorkspace {
  readonly #o: FakeSentinelWorkspaceOptions;
  readonly #incidents = new Map<string, StoredIncident>();
  /** People seen as owners or comment authors; Sentinel fills in an owner given only by objectId. */
  readonly #directory = new Map<string, SentinelIncidentOwner>();

  constructor(options: FakeSentinelWorkspaceOptions) {
    this.#o = options;
  }

  get resourceId(): string {
    const o = this.#o;
    return `/subscriptions/${o.subscriptionId}/resourceGroups/${o.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${o.workspaceName}`;
  }

  get incidentsPath(): string {
    return `${this.resourceId}/providers/Microsoft.SecurityInsights/incidents`;
  }

  // ---- state, as Sentinel holds it ----

  add(demo: DemoIncident): SentinelIncident {
    const stored: StoredIncident = clone({ incident: demo.incident, alerts: demo.alerts, entities: demo.entities, comments: demo.comments });
    this.#incidents.set(key(demo.incident.name), stored);
    this.#remember(stored.incident.properties.owner);
    for (const comment of stored.comments) this.#remember({ ...comment.properties.author, assignedTo: comment.properties.author.name ?? null } as SentinelIncidentOwner);
    return clone(stored.incident);
  }

  has(name: string): boolean {
    return this.#incidents.has(key(name));
  }

  snapshot(name: string): DemoIncident | undefined {
    const stored = this.#incidents.get(key(name));
    return stored ? clone(stored) : undefined;
  }

  all(): SentinelIncident[] {
    return [...this.#incidents.values()].map((s) => clone(s.incident)).sort((a, b) => a.properties.incidentNumber - b.properties.incidentNumber);
  }

  /** A change made in Sentinel (portal, automation rule, another tool): new etag and lastModifiedTimeUtc. */
  modify(name: string, change: Partial<SentinelIncidentProperties>): SentinelIncident {
    const stored = this.#require(name);
    stored.incident.properties = { ...stored.incident.properties, ...clone(change) };
    this.#touch(stored);
    return clone(stored.incident);
  }

  /** A comment an analyst writes in the portal. */
  addComment(name: string, message: string, author: SentinelCommentAuthor): SentinelComment {
    const stored = this.#require(name);
    const comment = this.#newComment(stored, randomUUID(), message, author);
    return clone(comment);
  }

  // ---- REST operations ----

  list(query: URLSearchParams, apiVersion: string): FakeHttpResult {
    const filter = parseFilter(query.get('$filter'));
    if ('error' in filter) return armError(400, 'BadRequest', filter.error);
    const order = parseOrderBy(query.get('$orderby'));
    if ('error' in order) return armError(400, 'BadRequest', order.error);
    const topText = query.get('$top');
    const top = topText === null ? this.#o.defaultPageSize : Number(topText);
    if (!Number.isInteger(top) || top < 1) return armError(400, 'BadRequest', `The value '${topText ?? ''}' of $top is not a positive integer.`);
    // Ties (equal timestamps are common) are broken by name, so the order and the pages are stable.
    const compare = (a: SentinelIncident, b: SentinelIncident) =>
      order.direction * (sortValue(a, order.field) - sortValue(b, order.field)) || compareNames(a.name, b.name);

    let items = [...this.#incidents.values()].map((s) => s.incident).filter(filter.test).sort(compare);
    const skipToken = query.get('$skipToken');
    if (skipToken !== null) {
      const position = decodeSkipToken(skipToken);
      if (!position) return armError(400, 'BadRequest', 'The $skipToken is invalid.');
      // Keyset paging: resume after the last item served, so changes between pages shift nothing.
      items = items.filter(
        (incident) =>
          (order.direction * (sortValue(incident, order.field) - position.value) || compareNames(incident.name, position.name)) > 0,
      );
    }
    const page = items.slice(0, top);
    const body: { value: SentinelIncident[]; nextLink?: string } = { value: clone(page) };
    const last = page.at(-1);
    if (items.length > top && last) {
      const next = new URLSearchParams({ 'api-version': apiVersion });
      for (const name of ['$filter', '$orderby', '$top']) {
        const value = query.get(name);
        if (value !== null) next.set(name, value);
      }
      next.set('$skipToken', encodeSkipToken({ value: sortValue(last, order.field), name: last.name }));
      body.nextLink = `${this.#o.baseUrl}${this.incidentsPath}?${next.toString()}`;
    }
    return { status: 200, body };
  }

  get(name: string): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    return stored ? { status: 200, body: clone(stored.incident) } : notFound(name);
  }

  /**
   * PUT replaces the writable properties. The etag travels in the body: a stale one is refused with
   * 412; none at all overwrites unconditionally (or creates the incident).
   */
  put(name: string, body: unknown): FakeHttpResult {
    if (!isRecord(body) || !isRecord(body.properties)) return armError(400, 'BadRequest', 'The request body must be an incident with properties.');
    const p = body.properties;
    const etag = body.etag;
    if (etag !== undefined && typeof etag !== 'string') return armError(400, 'BadRequest', 'etag must be a string.');
    if (typeof p.title !== 'string' || p.title.trim() === '') return armError(400, 'BadRequest', "The 'title' property is required.");
    if (typeof p.severity !== 'string' || !SEVERITIES.has(p.severity)) return armError(400, 'BadRequest', `Invalid severity '${String(p.severity)}'.`);
    if (typeof p.status !== 'string' || !STATUSES.has(p.status)) return armError(400, 'BadRequest', `Invalid status '${String(p.status)}'.`);
    if (p.classification !== undefined && (typeof p.classification !== 'string' || !CLASSIFICATIONS.has(p.classification))) {
      return armError(400, 'BadRequest', `Invalid classification '${String(p.classification)}'.`);
    }
    if (p.status === 'Closed' && p.classification === undefined) {
      return armError(400, 'BadRequest', 'A classification is required to close an incident.');
    }

    const existing = this.#incidents.get(key(name));
    if (etag !== undefined && (!existing || existing.incident.etag !== etag)) {
      return armError(
        412,
        'PreconditionFailed',
        existing
          ? `The incident '${name}' was modified since it was read: etag ${etag} does not match the current etag ${existing.incident.etag}.`
          : `The incident '${name}' does not exist, so etag ${etag} cannot match.`,
      );
    }
    const stored = existing ?? this.#create(name);
    const current = stored.incident.properties;
    const closed = p.status === 'Closed';
    const next: SentinelIncidentProperties = {
      ...current,
      title: p.title,
      severity: p.severity as SentinelSeverity,
      status: p.status as SentinelIncidentStatus,
      owner: this.#resolveOwner(p.owner),
      labels: Array.isArray(p.labels) ? (clone(p.labels) as SentinelIncidentProperties['labels']) : [],
    };
    // Full replacement of the writable properties: what the body leaves out is cleared.
    for (const field of ['description', 'classification', 'classificationReason', 'classificationComment', 'firstActivityTimeUtc', 'lastActivityTimeUtc'] as const) {
      delete next[field];
    }
    if (typeof p.description === 'string') next.description = p.description;
    if (typeof p.firstActivityTimeUtc === 'string') next.firstActivityTimeUtc = p.firstActivityTimeUtc;
    if (typeof p.lastActivityTimeUtc === 'string') next.lastActivityTimeUtc = p.lastActivityTimeUtc;
    if (closed) {
      next.classification = p.classification as SentinelClassification;
      if (typeof p.classificationReason === 'string') next.classificationReason = p.classificationReason as SentinelIncidentProperties['classificationReason'];
      if (typeof p.classificationComment === 'string') next.classificationComment = p.classificationComment;
    }
    stored.incident.properties = next;
    this.#touch(stored);
    return { status: existing ? 200 : 201, body: clone(stored.incident) };
  }

  alerts(name: string): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    return stored ? { status: 200, body: { value: clone(stored.alerts) } } : notFound(name);
  }

  entities(name: string): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    if (!stored) return notFound(name);
    const counts = new Map<SentinelEntity['kind'], number>();
    for (const entity of stored.entities) counts.set(entity.kind, (counts.get(entity.kind) ?? 0) + 1);
    const body: SentinelIncidentEntitiesResponse = {
      entities: clone(stored.entities),
      metaData: [...counts].map(([entityKind, count]) => ({ entityKind, count })),
    };
    return { status: 200, body };
  }

  comments(name: string, query: URLSearchParams, apiVersion: string, pageSize: number): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    if (!stored) return notFound(name);
    const top = query.get('$top') === null ? pageSize : Number(query.get('$top'));
    if (!Number.isInteger(top) || top < 1) return armError(400, 'BadRequest', 'The value of $top is not a positive integer.');
    const offset = query.get('$skipToken') === null ? 0 : Number(Buffer.from(query.get('$skipToken') ?? '', 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) return armError(400, 'BadRequest', 'The $skipToken is invalid.');
    const body: { value: SentinelComment[]; nextLink?: string } = { value: clone(stored.comments.slice(offset, offset + top)) };
    if (offset + top < stored.comments.length) {
      const next = new URLSearchParams({ 'api-version': apiVersion });
      if (query.get('$top') !== null) next.set('$top', String(top));
      next.set('$skipToken', Buffer.from(String(offset + top)).toString('base64url'));
      body.nextLink = `${this.#o.baseUrl}${this.incidentsPath}/${stored.incident.name}/comments?${next.toString()}`;
    }
    return { status: 200, body };
  }

  getComment(name: string, commentId: string): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    if (!stored) return notFound(name);
    const comment = stored.comments.find((c) => key(c.name) === key(commentId));
    return comment ? { status: 200, body: clone(comment) } : armError(404, 'NotFound', `Comment '${commentId}' was not found.`);
  }

  /** PUT .../comments/{id}: creates (201) or updates (200) the app's comment. */
  putComment(name: string, commentId: string, body: unknown): FakeHttpResult {
    const stored = this.#incidents.get(key(name));
    if (!stored) return notFound(name);
    if (!isRecord(body) || !isRecord(body.properties) || typeof body.properties.message !== 'string' || body.properties.message === '') {
      return armError(400, 'BadRequest', "The 'message' property is required.");
    }
    if (body.properties.message.length > 30_000) return armError(400, 'BadRequest', 'The comment message exceeds 30000 characters.');
    const existing = stored.comments.find((c) => key(c.name) === key(commentId));
    if (existing) {
      existing.properties.message = body.properties.message;
      existing.properties.lastModifiedTimeUtc = new Date(this.#o.now()).toISOString();
      existing.etag = newEtag(false);
      return { status: 200, body: clone(existing) };
    }
    const author: SentinelCommentAuthor = { objectId: this.#o.appObjectId, email: null, userPrincipalName: null, name: this.#o.appDisplayName };
    return { status: 201, body: clone(this.#newComment(stored, commentId, body.properties.message, author)) };
  }

  // ---- internals ----

  #require(name: string): StoredIncident {
    const stored = this.#incidents.get(key(name));
    if (!stored) throw new Error(`fake Sentinel has no incident ${name}`);
    return stored;
  }

  /**
   * Comments are child resources: adding one updates the incident's commentsCount but, like other
   * ARM children, leaves the incident's etag and lastModifiedTimeUtc alone.
   */
  #newComment(stored: StoredIncident, commentId: string, message: string, author: SentinelCommentAuthor): SentinelComment {
    const at = new Date(this.#o.now()).toISOString();
    const comment: SentinelComment = {
      id: `${stored.incident.id}/comments/${commentId}`,
      name: commentId,
      type: 'Microsoft.SecurityInsights/incidents/comments',
      etag: newEtag(false),
      properties: { message, createdTimeUtc: at, lastModifiedTimeUtc: at, author },
    };
    stored.comments.push(comment);
    stored.incident.properties.additionalData.commentsCount = stored.comments.length;
    return comment;
  }

  #create(name: string): StoredIncident {
    const number = Math.max(0, ...[...this.#incidents.values()].map((s) => s.incident.properties.incidentNumber)) + 1;
    const id = `${this.incidentsPath}/${name}`;
    const now = new Date(this.#o.now()).toISOString();
    const stored: StoredIncident = {
      incident: {
        id,
        name,
        type: 'Microsoft.SecurityInsights/incidents',
        etag: newEtag(true),
        properties: {
          title: '',
          severity: 'Informational',
          status: 'New',
          owner: { objectId: null, email: null, userPrincipalName: null, assignedTo: null, ownerType: 'Unknown' },
          labels: [],
          incidentNumber: number,
          providerName: 'Azure Sentinel',
          providerIncidentId: String(number),
          incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${id}`,
          createdTimeUtc: now,
          lastModifiedTimeUtc: now,
          relatedAnalyticRuleIds: [],
          additionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: 0, alertProductNames: [], tactics: [] },
        },
      },
      alerts: [],
      entities: [],
      comments: [],
    };
    this.#incidents.set(key(name), stored);
    return stored;
  }

  /** Every write gets a new etag and lastModifiedTimeUtc, never earlier than the previous one. */
  #touch(stored: StoredIncident): void {
    const previous = Date.parse(stored.incident.properties.lastModifiedTimeUtc);
    stored.incident.properties.lastModifiedTimeUtc = new Date(Math.max(this.#o.now(), previous + 1)).toISOString();
    stored.incident.etag = newEtag(true);
  }

  #remember(owner: SentinelIncidentOwner): void {
    if (owner.objectId) this.#directory.set(owner.objectId, { ...owner });
  }

  /** Sentinel completes an owner given by objectId (as in the CreateIncident example) from the directory. */
  #resolveOwner(value: unknown): SentinelIncidentOwner {
    const unassigned: SentinelIncidentOwner = { objectId: null, email: null, userPrincipalName: null, assignedTo: null, ownerType: 'Unknown' };
    if (!isRecord(value)) return unassigned;
    const text = (field: string) => (typeof value[field] === 'string' ? (value[field] as string) : null);
    const objectId = text('objectId');
    const known = objectId ? this.#directory.get(objectId) : undefined;
    if (known) return { ...known };
    const owner: SentinelIncidentOwner = {
      objectId,
      email: text('email'),
      userPrincipalName: text('userPrincipalName'),
      assignedTo: text('assignedTo'),
      ownerType: objectId || text('userPrincipalName') ? 'User' : 'Unknown',
    };
    return owner;
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function key(name: string): string {
  return name.toLowerCase();
}

function notFound(name: string): FakeHttpResult {
  return armError(404, 'NotFound', `Incident '${name}' was not found.`);
}

/** Incidents carry quoted etags, comments unquoted ones (as in the REST examples). */
function newEtag(quoted: boolean): string {
  const hex = randomBytes(10).toString('hex');
  const etag = `${hex.slice(0, 8)}-0000-0${hex.slice(8, 11)}-0000-${hex.slice(11, 20).padEnd(12, '0')}`;
  return quoted ? `"${etag}"` : etag;
}

function sortValue(incident: SentinelIncident, field: OrderField): number {
  return ORDERABLE[field] === 'number' ? incident.properties.incidentNumber : Date.parse(incident.properties[field as 'createdTimeUtc']);
}

/** `properties/<field> <op> <datetime>` clauses joined by `and`; datetimes are unquoted OData literals. */
function parseFilter(text: string | null): { test: (incident: SentinelIncident) => boolean } | { error: string } {
  if (text === null || text.trim() === '') return { test: () => true };
  const clauses = text.trim().split(/\s+and\s+/i);
  const tests: Array<(incident: SentinelIncident) => boolean> = [];
  for (const clause of clauses) {
    const match = /^properties\/(\w+)\s+(eq|ge|gt|le|lt)\s+(\S+)$/.exec(clause.trim());
    const field = match?.[1];
    if (!match || field === undefined || !(field in ORDERABLE)) return { error: `Invalid $filter clause '${clause}'.` };
    const literal = match[3] ?? '';
    const operand = ORDERABLE[field as OrderField] === 'number' ? Number(literal) : parseDateLiteral(literal);
    if (operand === undefined || Number.isNaN(operand)) return { error: `Invalid $filter value '${literal}' for ${field}.` };
    const operator = FILTER_OPERATORS[match[2] as keyof typeof FILTER_OPERATORS];
    tests.push((incident) => operator(sortValue(incident, field as OrderField) - operand));
  }
  return { test: (incident) => tests.every((t) => t(incident)) };
}

/** OData Edm.DateTimeOffset literal: unquoted ISO 8601 with a zone. */
function parseDateLiteral(literal: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/.test(literal)) return undefined;
  return Date.parse(literal);
}

function parseOrderBy(text: string | null): { field: OrderField; direction: 1 | -1 } | { error: string } {
  if (text === null || text.trim() === '') return { field: 'createdTimeUtc', direction: 1 };
  const match = /^properties\/(\w+)(?:\s+(asc|desc))?$/i.exec(text.trim());
  const field = match?.[1];
  if (!match || field === undefined || !(field in ORDERABLE)) return { error: `Invalid $orderby '${text}'.` };
  return { field: field as OrderField, direction: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
}

function encodeSkipToken(position: { value: number; name: string }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeSkipToken(token: string): { value: number; name: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isRecord(parsed) && typeof parsed.value === 'number' && typeof parsed.name === 'string') return { value: parsed.value, name: parsed.name };
  } catch {
    // fall through
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
