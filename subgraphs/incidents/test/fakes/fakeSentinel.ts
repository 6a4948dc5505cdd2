import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generateDemoIncidents, type DemoIncident } from '../../src/demo/generateDemoIncidents';
import type {
  SentinelAlert,
  SentinelComment,
  SentinelCommentAuthor,
  SentinelIncident,
  SentinelIncidentEntitiesResponse,
  SentinelIncidentProperties,
  SentinelList,
} from '../../src/integrations/sentinel/types';
import { FakeEntraId } from './fakeEntraId';
import { armError, type FakeHttpResult } from './fakeHttpResult';
import { FakeSentinelWorkspace } from './fakeSentinelWorkspace';
import { createSelfSignedCertificate } from './selfSignedCertificate';
import { SENTINEL_DATA } from '../../../../test/support/testData';

export interface FakeSentinelOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  workspaceName?: string;
  /** How long ARM accepts an issued token; default 3599 s like Entra. */
  tokenLifetimeSeconds?: number;
  /** `expires_in` the token endpoint reports; default tokenLifetimeSeconds. Longer simulates clock skew. */
  advertisedTokenLifetimeSeconds?: number;
  /** Page size of incident lists without $top; default 50. */
  defaultPageSize?: number;
  /** Page size of comment lists without $top; default 50. */
  commentsPageSize?: number;
  /** api-versions ARM accepts. */
  apiVersions?: string[];
  now?: () => number;
}

/** An injected ARM failure: the request is not applied, the response is an Azure error. */
export interface FakeFault {
  status: number;
  /** Sent as `Retry-After: <seconds>`. */
  retryAfterSeconds?: number;
  /** Sent as `Retry-After: <HTTP-date>`. */
  retryAfterDate?: Date;
  code?: string;
  message?: string;
}

type ResolvedFakeOptions = Required<FakeSentinelOptions>;

type PlannedBehaviour = { kind: 'fail'; fault: FakeFault } | { kind: 'delay'; ms: number } | { kind: 'drop' };

export interface FakeRequestRecord {
  /** Date.now() when the request arrived. */
  at: number;
  kind: 'openid-configuration' | 'token' | 'arm' | 'other';
  method: string;
  path: string;
  query: Record<string, string>;
  /** ARM operation: list, get, put, alerts, entities, comments, comment.get, comment.put. */
  operation?: string;
  incidentName?: string;
  /** ARM: the JSON body. Token: the form fields, client_secret replaced by whether it was right. */
  body?: unknown;
  /** ARM: what the Authorization header held. */
  auth?: 'valid' | 'missing' | 'unknown' | 'expired';
  status?: number;
  injected?: PlannedBehaviour['kind'];
}

/** Workspace settings to point a client at the fake; structurally a SentinelWorkspaceConfig. */
export interface FakeSentinelWorkspaceConfig {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  entraTenantId: string;
  clientId: string;
  clientSecret: string;
  armEndpoint: string;
  authorityHost: string;
}

const EXAMPLES = path.join(SENTINEL_DATA, 'rest-api-examples');
const DEFAULT_API_VERSIONS = ['2021-10-01', '2024-01-01-preview', '2025-09-01'];
const DEFAULT_FAULT_TEXT: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Rate limit is exceeded. Try again later.'],
  500: ['InternalServerError', 'Encountered internal server error.'],
  502: ['BadGateway', 'The gateway did not receive a response from the resource provider.'],
  503: ['ServiceUnavailable', 'The service is unavailable. Please try again later.'],
  504: ['GatewayTimeout', 'The gateway did not receive a response within the specified time period.'],
};

/**
 * Local stand-in for Microsoft Sentinel and Entra ID on one HTTPS port (127.0.0.1, random port, a
 * self-signed certificate made at start; `ca` is what clients must trust). Entra paths are
 * `/{tenant}/...`, ARM paths `/subscriptions/...`, so one origin serves as both authority host and ARM
 * endpoint. Speaks the wire formats of the REST examples, and injects faults on demand.
 */
export class FakeSentinel {
  readonly url: string;
  /** PEM certificate of the server, to be trusted by clients in tests. */
  readonly ca: string;
  readonly #server: Server;
  readonly #options: ResolvedFakeOptions;
  readonly #entra: FakeEntraId;
  readonly #workspace: FakeSentinelWorkspace;
  readonly #plan: PlannedBehaviour[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #log: FakeRequestRecord[] = [];

  private constructor(server: Server, url: string, ca: string, options: ResolvedFakeOptions) {
    this.#server = server;
    this.url = url;
    this.ca = ca;
    this.#options = options;
    this.#entra = new FakeEntraId({
      baseUrl: url,
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      armScope: `${url}/.default`,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      advertisedTokenLifetimeSeconds: options.advertisedTokenLifetimeSeconds,
      now: options.now,
    });
    this.#workspace = new FakeSentinelWorkspace({
      baseUrl: url,
      subscriptionId: options.subscriptionId,
      resourceGroup: options.resourceGroup,
      workspaceName: options.workspaceName,
      defaultPageSize: options.defaultPageSize,
      appDisplayName: 'SOC Platform',
      appObjectId: randomUUID(),
      now: options.now,
    });
  }

  static async start(options: FakeSentinelOptions = {}): Promise<FakeSentinel> {
    const tls = createSelfSignedCertificate();
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    const resolved: ResolvedFakeOptions = {
      tenantId: options.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: options.clientId ?? 'b3b9c7a1-5c1e-4f0e-9d0c-3f8f3b8d2a11',
      clientSecret: options.clientSecret ?? `fake~${randomUUID()}`,
      subscriptionId: options.subscriptionId ?? 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
      resourceGroup: options.resourceGroup ?? 'soc-rg',
      workspaceName: options.workspaceName ?? 'soc-workspace',
      tokenLifetimeSeconds: lifetime,
      advertisedTokenLifetimeSeconds: options.advertisedTokenLifetimeSeconds ?? lifetime,
      defaultPageSize: options.defaultPageSize ?? 50,
      commentsPageSize: options.commentsPageSize ?? 50,
      apiVersions: options.apiVersions ?? DEFAULT_API_VERSIONS,
      now: options.now ?? Date.now,
    };
    let fake: FakeSentinel | undefined;
    const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      if (!fake) {
        res.writeHead(503).end();
        return;
      }
      fake.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakeSentinel(server, `https://127.0.0.1:${port}`, tls.cert, resolved);
    return fake;
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Settings for a SentinelClient; `overrides` to test wrong secrets and the like. */
  workspaceConfig(overrides: Partial<FakeSentinelWorkspaceConfig> = {}): FakeSentinelWorkspaceConfig {
    const o = this.#options;
    return {
      subscriptionId: o.subscriptionId,
      resourceGroup: o.resourceGroup,
      workspaceName: o.workspaceName,
      entraTenantId: o.tenantId,
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      armEndpoint: this.url,
      authorityHost: this.url,
      ...overrides,
    };
  }

  get workspaceResourceId(): string {
    return this.#workspace.resourceId;
  }

  // ---- content ----

  /** Realistic incidents from the demo generator, with ids under this workspace. */
  seedDemoIncidents(count: number, options: { seed?: number; now?: Date; startNumber?: number } = {}): DemoIncident[] {
    const demos = generateDemoIncidents({
      tenantId: 'contoso',
      count,
      seed: options.seed ?? 7,
      now: options.now ?? new Date(this.#options.now()),
      startNumber: options.startNumber ?? this.#workspace.all().reduce((max, i) => Math.max(max, i.properties.incidentNumber), 0) + 1,
      workspaceResourceId: this.#workspace.resourceId,
    });
    for (const demo of demos) this.#workspace.add(demo);
    return demos;
  }

  addIncident(demo: DemoIncident): SentinelIncident {
    return this.#workspace.add(demo);
  }

  /** The incident, alerts, entities and comments of the REST API examples, verbatim. */
  addExampleIncident(): DemoIncident {
    const example = <T>(file: string): T =>
      (JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { responses: Record<string, { body: T }> }).responses['200']!.body;
    const incident = example<SentinelList<SentinelIncident>>('GetIncidents_2021-10-01.json').value[0]!;
    const demo: DemoIncident = {
      incident,
      alerts: example<SentinelList<SentinelAlert>>('GetAllIncidentAlerts_2025-09-01.json').value,
      entities: example<SentinelIncidentEntitiesResponse>('GetAllIncidentEntities_2025-09-01.json').entities,
      comments: example<SentinelList<SentinelComment>>('GetAllIncidentComments_2025-09-01.json').value,
    };
    this.#workspace.add(demo);
    return demo;
  }

  /** The incident as Sentinel holds it now (a copy). */
  incident(name: string): SentinelIncident | undefined {
    return this.#workspace.snapshot(name)?.incident;
  }

  incidentWithRelated(name: string): DemoIncident | undefined {
    return this.#workspace.snapshot(name);
  }

  incidents(): SentinelIncident[] {
    return this.#workspace.all();
  }

  /** A change made in Sentinel itself: bumps etag and lastModifiedTimeUtc. */
  modifyIncident(name: string, change: Partial<SentinelIncidentProperties>): SentinelIncident {
    return this.#workspace.modify(name, change);
  }

  /** A comment an analyst adds in the portal. */
  addComment(name: string, message: string, author: SentinelCommentAuthor = { objectId: randomUUID(), email: 'analyst@contoso.example', userPrincipalName: 'analyst@contoso.example', name: 'SOC Analyst' }): SentinelComment {
    return this.#workspace.addComment(name, message, author);
  }

  // ---- faults ----

  /** The next `count` ARM requests fail with this status (not applied). */
  failNext(count: number, fault: FakeFault): void {
    for (let i = 0; i < count; i += 1) this.#plan.push({ kind: 'fail', fault });
  }

  /** The next `count` ARM requests are processed at once but answered only after `ms`. */
  delayNext(ms: number, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#plan.push({ kind: 'delay', ms });
  }

  /** The next `count` ARM requests get their connection closed without a response. */
  dropNext(count = 1): void {
    for (let i = 0; i < count; i += 1) this.#plan.push({ kind: 'drop' });
  }

  /** Forgets faults that were planned but not yet used. */
  clearFaults(): void {
    this.#plan.length = 0;
  }

  get pendingFaults(): number {
    return this.#plan.length;
  }

  /** Every token issued so far is now expired at ARM (the client's cache still thinks it is valid). */
  expireAllTokens(): void {
    this.#entra.expireAll();
  }

  // ---- request log ----

  get requests(): readonly FakeRequestRecord[] {
    return this.#log;
  }

  armRequests(): FakeRequestRecord[] {
    return this.#log.filter((r) => r.kind === 'arm');
  }

  tokenRequests(): FakeRequestRecord[] {
    return this.#log.filter((r) => r.kind === 'token');
  }

  clearRequests(): void {
    this.#log.length = 0;
  }

  // ---- HTTP ----

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const record: FakeRequestRecord = {
      at: Date.now(),
      kind: 'other',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    };
    this.#log.push(record);
    const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);

    if (segments[0]?.toLowerCase() === 'subscriptions') {
      record.kind = 'arm';
      this.#handleArm(req, res, url, segments, raw, record);
      return;
    }
    const [tenant, ...rest] = segments;
    const route = rest.join('/');
    let result: FakeHttpResult;
    if (tenant && req.method === 'GET' && route === 'v2.0/.well-known/openid-configuration') {
      record.kind = 'openid-configuration';
      result = this.#entra.openIdConfiguration(tenant);
    } else if (tenant && req.method === 'POST' && route === 'oauth2/v2.0/token') {
      record.kind = 'token';
      const form = new URLSearchParams(raw);
      const logged = Object.fromEntries(form);
      if ('client_secret' in logged) logged.client_secret = form.get('client_secret') === this.#options.clientSecret ? '<correct>' : '<wrong>';
      record.body = logged;
      result = this.#entra.token(tenant, form, req.headers.authorization);
    } else {
      result = { status: 404, body: { error: 'not_found', error_description: `No fake endpoint for ${req.method ?? ''} ${url.pathname}` } };
    }
    record.status = result.status;
    write(res, result);
  }

  #handleArm(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[], raw: string, record: FakeRequestRecord): void {
    const method = req.method ?? 'GET';
    const behaviour = this.#plan.shift();
    if (behaviour) record.injected = behaviour.kind;
    if (behaviour?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (behaviour?.kind === 'fail') {
      const result = this.#faultResult(behaviour.fault);
      record.status = result.status;
      write(res, armHeaders(result));
      return;
    }

    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    record.body = body;
    const result = armHeaders(this.#armResult(req, method, url, segments, body, raw, record));
    record.status = result.status;
    if (behaviour?.kind === 'delay') {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!res.destroyed) write(res, result);
      }, behaviour.ms);
      this.#timers.add(timer);
      return;
    }
    write(res, result);
  }

  #armResult(req: IncomingMessage, method: string, url: URL, segments: string[], body: unknown, raw: string, record: FakeRequestRecord): FakeHttpResult {
    // ARM authenticates before it looks at anything else.
    const check = this.#entra.checkBearer(req.headers.authorization);
    record.auth = check.valid ? 'valid' : check.reason;
    if (!check.valid) return this.#unauthorized(check.reason, check.expiredAt);

    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) return armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    if (!this.#options.apiVersions.includes(apiVersion)) {
      return armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${apiVersion}' is invalid. The supported versions are '${this.#options.apiVersions.join(',')}'.`,
      );
    }
    if (raw.trim() !== '' && typeof body === 'string') return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');

    const o = this.#options;
    const expected = ['subscriptions', o.subscriptionId, 'resourceGroups', o.resourceGroup, 'providers', 'Microsoft.OperationalInsights', 'workspaces', o.workspaceName, 'providers', 'Microsoft.SecurityInsights', 'incidents'];
    const prefixMatches = expected.every((part, i) => segments[i]?.toLowerCase() === part.toLowerCase());
    if (!prefixMatches) {
      return armError(404, 'ResourceNotFound', `The Resource '${segments.slice(0, 8).join('/')}' was not found.`);
    }
    const [name, child, childId, ...extra] = segments.slice(expected.length);
    if (name !== undefined) record.incidentName = name;
    const ws = this.#workspace;
    const notAllowed = () => armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    if (extra.length > 0) return armError(404, 'NotFound', `No route for ${url.pathname}.`);
    if (name === undefined) {
      record.operation = 'list';
      return method === 'GET' ? ws.list(url.searchParams, apiVersion) : notAllowed();
    }
    if (child === undefined) {
      record.operation = method === 'PUT' ? 'put' : 'get';
      if (method === 'GET') return ws.get(name);
      if (method === 'PUT') return ws.put(name, body);
      return notAllowed();
    }
    switch (child.toLowerCase()) {
      case 'alerts':
        record.operation = 'alerts';
        return method === 'POST' && childId === undefined ? ws.alerts(name) : notAllowed();
      case 'entities':
        record.operation = 'entities';
        return method === 'POST' && childId === undefined ? ws.entities(name) : notAllowed();
      case 'comments':
        if (childId === undefined) {
          record.operation = 'comments';
          return method === 'GET' ? ws.comments(name, url.searchParams, apiVersion, this.#options.commentsPageSize) : notAllowed();
        }
        record.operation = method === 'PUT' ? 'comment.put' : 'comment.get';
        if (method === 'GET') return ws.getComment(name, childId);
        if (method === 'PUT') return ws.putComment(name, childId, body);
        return notAllowed();
      default:
        return armError(404, 'NotFound', `No route for ${url.pathname}.`);
    }
  }

  /** ARM's 401s, with the WWW-Authenticate challenge pointing at the tenant's authority. */
  #unauthorized(reason: 'missing' | 'unknown' | 'expired', expiredAt?: number): FakeHttpResult {
    const challenge = (description: string) => ({
      'www-authenticate': `Bearer authorization_uri="${this.url}/${this.#options.tenantId}", error="invalid_token", error_description="${description}"`,
    });
    if (reason === 'missing') {
      return armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge("The authentication failed because of missing 'Authorization' header."));
    }
    if (reason === 'expired') {
      const format = (ms: number) => new Date(ms).toLocaleString('en-US', { timeZone: 'UTC' });
      return armError(
        401,
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${format(expiredAt ?? 0)}' is earlier than current UTC time '${format(this.#options.now())}'.`,
        challenge('The access token has expired.'),
      );
    }
    return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge('The access token is invalid.'));
  }

  #faultResult(fault: FakeFault): FakeHttpResult {
    const [code, message] = DEFAULT_FAULT_TEXT[fault.status] ?? ['Error', `Injected failure ${fault.status}.`];
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.retryAfterDate !== undefined) headers['retry-after'] = fault.retryAfterDate.toUTCString();
    const text =
      fault.message ??
      (fault.status === 429 && fault.retryAfterSeconds !== undefined ? `Rate limit is exceeded. Try again in ${fault.retryAfterSeconds} seconds.` : message);
    return armError(fault.status, fault.code ?? code, text, headers);
  }
}

/** Headers every ARM response carries. */
function armHeaders(result: FakeHttpResult): FakeHttpResult {
  return {
    ...result,
    headers: {
      'cache-control': 'no-cache',
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': randomUUID(),
      ...result.headers,
    },
  };
}

function write(res: ServerResponse, result: FakeHttpResult): void {
  const payload = result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(payload)),
    ...result.headers,
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
