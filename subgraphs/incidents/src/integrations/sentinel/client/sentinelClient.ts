import type { SentinelIncidentRelated } from '../mapSentinelIncident';
import type {
  SentinelAlert,
  SentinelComment,
  SentinelIncident,
  SentinelIncidentEntitiesResponse,
} from '../types';
import { ArmRequester, type ArmRequest } from './armRequester';
import { ArmTokenProvider } from './armTokenProvider';
import { isRecord } from './azureErrorBody';
import { CircuitBreaker, type CircuitState } from './circuitBreaker';
import { SentinelResponseError } from './errors';
import type { SentinelIncidentPutBody, SentinelIncidentUpdate } from './incidentUpdate';
import {
  resolveSentinelClientOptions,
  type SentinelClientOptions,
  type SentinelWorkspaceConfig,
} from './sentinelClientConfig';
import {
  incidentAlertsPath,
  incidentCommentPath,
  incidentCommentsPath,
  incidentEntitiesPath,
  incidentPath,
  incidentsPath,
  workspacePath,
  type SentinelWorkspaceRef,
} from './sentinelPaths';

/** One page of incidents; `nextLink` is the checkpoint to resume from, absent on the last page. */
export interface SentinelIncidentPage {
  incidents: SentinelIncident[];
  nextLink?: string;
}

export interface SentinelCallOptions {
  /** Aborts the call, including retry waits; the signal's reason is thrown. */
  signal?: AbortSignal;
}

/** Either a fresh listing (optionally incremental) or the continuation of one from a saved nextLink. */
export type ListIncidentsOptions = SentinelCallOptions &
  (
    | {
        /** Only incidents whose lastModifiedTimeUtc is at or after this instant. */
        modifiedSince?: Date;
        /** Page size. */
        top?: number;
        nextLink?: undefined;
      }
    | { nextLink: string; modifiedSince?: undefined; top?: undefined }
  );

/**
 * Client for one tenant's Microsoft Sentinel workspace (Microsoft.SecurityInsights REST API).
 * Holds its own Entra ID credential (and so its own token cache) and its own circuit breaker.
 */
export class SentinelClient {
  readonly workspace: Readonly<SentinelWorkspaceRef>;
  readonly apiVersion: string;
  readonly armEndpoint: string;
  readonly #breaker: CircuitBreaker;
  readonly #requester: ArmRequester;

  constructor(workspace: SentinelWorkspaceConfig, options: SentinelClientOptions = {}) {
    const resolved = resolveSentinelClientOptions(workspace, options);
    this.workspace = Object.freeze({
      subscriptionId: workspace.subscriptionId,
      resourceGroup: workspace.resourceGroup,
      workspaceName: workspace.workspaceName,
    });
    // Fails early on names that cannot form a path.
    workspacePath(this.workspace);
    this.apiVersion = resolved.apiVersion;
    this.armEndpoint = resolved.armEndpoint;
    this.#breaker = new CircuitBreaker(resolved.breaker);
    const tokens = options.credential
      ? ArmTokenProvider.forCredential(options.credential, resolved, workspace.clientId)
      : ArmTokenProvider.forClientSecret(workspace, resolved, options.credentialOptions);
    this.#requester = new ArmRequester({
      tokens,
      fetch: options.fetch ?? globalThis.fetch,
      retry: resolved.retry,
      breaker: this.#breaker,
      requestTimeoutMs: resolved.requestTimeoutMs,
      logger: options.logger,
    });
  }

  /** closed, open (failing fast) or half-open (next call is a trial). */
  get circuitState(): CircuitState {
    return this.#breaker.state;
  }

  /**
   * Incidents in ascending lastModifiedTimeUtc order, a page at a time, following nextLink.
   *
   * The filter is `ge`, not `gt`: several incidents can share a lastModifiedTimeUtc (and Date keeps
   * only milliseconds of Sentinel's 100 ns timestamps), so `gt` on the last seen value could skip an
   * incident modified in the same instant. `ge` re-delivers the boundary incidents instead, which an
   * idempotent upsert keyed by name and etag absorbs. Ascending order lets a sync advance its
   * watermark page by page and resume after a crash without gaps.
   */
  async *listIncidents(options: ListIncidentsOptions = {}): AsyncGenerator<SentinelIncidentPage, void, undefined> {
    const path = incidentsPath(this.workspace);
    let url: string;
    if (options.nextLink !== undefined) {
      url = this.#nextLinkUrl(options.nextLink, path);
    } else {
      const query: Array<[string, string]> = [];
      if (options.modifiedSince !== undefined) {
        if (!(options.modifiedSince instanceof Date) || Number.isNaN(options.modifiedSince.getTime())) {
          throw new TypeError('modifiedSince must be a valid Date');
        }
        query.push(['$filter', `properties/lastModifiedTimeUtc ge ${options.modifiedSince.toISOString()}`]);
      }
      query.push(['$orderby', 'properties/lastModifiedTimeUtc asc']);
      if (options.top !== undefined) {
        if (!Number.isInteger(options.top) || options.top < 1) throw new RangeError(`top must be a positive integer, got ${options.top}`);
        query.push(['$top', String(options.top)]);
      }
      url = this.#url(path, query);
    }
    for (;;) {
      const body = await this.#send({ method: 'GET', url, path: 'incidents', signal: options.signal });
      const list = readList(body, 'incidents', isIncident);
      yield list.nextLink === undefined ? { incidents: list.value } : { incidents: list.value, nextLink: list.nextLink };
      if (list.nextLink === undefined) return;
      url = this.#nextLinkUrl(list.nextLink, path);
    }
  }

  async getIncident(name: string, options: SentinelCallOptions = {}): Promise<SentinelIncident> {
    const body = await this.#send({ method: 'GET', url: this.#url(incidentPath(this.workspace, name)), path: `incidents/${name}`, signal: options.signal });
    return readResource(body, `incidents/${name}`, isIncident);
  }

  /**
   * Replaces the incident's writable properties if `etag` is still current, and returns the incident
   * with its new etag. A stale etag throws SentinelEtagConflictError: re-read, re-apply, try again.
   */
  async putIncident(name: string, properties: SentinelIncidentUpdate, etag: string, options: SentinelCallOptions = {}): Promise<SentinelIncident> {
    if (typeof etag !== 'string' || etag === '') throw new TypeError('putIncident needs the etag of the incident as last read');
    const body: SentinelIncidentPutBody = { etag, properties };
    const response = await this.#send({
      method: 'PUT',
      url: this.#url(incidentPath(this.workspace, name)),
      path: `incidents/${name}`,
      body,
      signal: options.signal,
    });
    return readResource(response, `incidents/${name}`, isIncident);
  }

  async listAlerts(name: string, options: SentinelCallOptions = {}): Promise<SentinelAlert[]> {
    const path = incidentAlertsPath(this.workspace, name);
    const alerts: SentinelAlert[] = [];
    let url = this.#url(path);
    for (;;) {
      // A POST action, although it only reads.
      const body = await this.#send({ method: 'POST', url, path: `incidents/${name}/alerts`, signal: options.signal });
      const list = readList(body, `incidents/${name}/alerts`, isResource<SentinelAlert>);
      alerts.push(...list.value);
      if (list.nextLink === undefined) return alerts;
      url = this.#nextLinkUrl(list.nextLink, path);
    }
  }

  /** Entities with the per-kind counts; this action answers `{entities, metaData}`, not a paged list. */
  async listEntities(name: string, options: SentinelCallOptions = {}): Promise<SentinelIncidentEntitiesResponse> {
    const path = `incidents/${name}/entities`;
    const body = await this.#send({ method: 'POST', url: this.#url(incidentEntitiesPath(this.workspace, name)), path, signal: options.signal });
    if (!isRecord(body) || !Array.isArray(body.entities) || !body.entities.every(isResource)) {
      throw new SentinelResponseError(`Sentinel POST ${path} returned no entities array`);
    }
    const metaData = Array.isArray(body.metaData) ? body.metaData : [];
    return { entities: body.entities, metaData } as SentinelIncidentEntitiesResponse;
  }

  async listComments(name: string, options: SentinelCallOptions = {}): Promise<SentinelComment[]> {
    const path = incidentCommentsPath(this.workspace, name);
    const comments: SentinelComment[] = [];
    let url = this.#url(path);
    for (;;) {
      const body = await this.#send({ method: 'GET', url, path: `incidents/${name}/comments`, signal: options.signal });
      const list = readList(body, `incidents/${name}/comments`, isComment);
      comments.push(...list.value);
      if (list.nextLink === undefined) return comments;
      url = this.#nextLinkUrl(list.nextLink, path);
    }
  }

  /**
   * Creates (or, for an existing id, updates) a comment. Choosing the id up front makes the write
   * idempotent: a retried or replayed call lands on the same comment instead of adding a second one.
   */
  async createComment(name: string, commentId: string, message: string, options: SentinelCallOptions = {}): Promise<SentinelComment> {
    if (typeof message !== 'string' || message.trim() === '') throw new TypeError('comment message must not be empty');
    const path = `incidents/${name}/comments/${commentId}`;
    const body = await this.#send({
      method: 'PUT',
      url: this.#url(incidentCommentPath(this.workspace, name, commentId)),
      path,
      body: { properties: { message } },
      signal: options.signal,
    });
    return readResource(body, path, isComment);
  }

  /** Alerts, entities and comments of an incident, as mapSentinelIncident takes them. */
  async getIncidentRelated(name: string, options: SentinelCallOptions = {}): Promise<SentinelIncidentRelated> {
    const [alerts, entities, comments] = await Promise.all([
      this.listAlerts(name, options),
      this.listEntities(name, options),
      this.listComments(name, options),
    ]);
    return { alerts, entities: entities.entities, comments };
  }

  async #send(request: ArmRequest): Promise<unknown> {
    return (await this.#requester.send(request)).body;
  }

  #url(path: string, query: Array<[string, string]> = []): string {
    const params: Array<[string, string]> = [['api-version', this.apiVersion], ...query];
    return `${this.armEndpoint}${path}?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
  }

  /** nextLinks are followed only to the same ARM endpoint and collection: the bearer token goes with them. */
  #nextLinkUrl(link: string, expectedPath: string): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new SentinelResponseError(`Sentinel nextLink is not a URL: ${JSON.stringify(link)}`);
    }
    if (url.origin !== new URL(this.armEndpoint).origin || url.pathname.toLowerCase() !== expectedPath.toLowerCase()) {
      throw new SentinelResponseError(`Sentinel nextLink leaves ${expectedPath} on ${this.armEndpoint}: ${url.origin}${url.pathname}`);
    }
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', this.apiVersion);
    return url.toString();
  }
}

function readList<T>(body: unknown, path: string, check: (item: unknown) => item is T): { value: T[]; nextLink?: string } {
  if (!isRecord(body) || !Array.isArray(body.value)) throw new SentinelResponseError(`Sentinel ${path} returned no value array`);
  const bad = body.value.findIndex((item) => !check(item));
  if (bad !== -1) throw new SentinelResponseError(`Sentinel ${path} returned an unexpected item at index ${bad}`);
  const value = body.value as T[];
  if (body.nextLink === undefined || body.nextLink === null || body.nextLink === '') return { value };
  if (typeof body.nextLink !== 'string') throw new SentinelResponseError(`Sentinel ${path} returned a nextLink that is not a string`);
  return { value, nextLink: body.nextLink };
}

function readResource<T>(body: unknown, path: string, check: (item: unknown) => item is T): T {
  if (!check(body)) throw new SentinelResponseError(`Sentinel ${path} returned an unexpected body`);
  return body;
}

/** Shape checks only: enough to rely on the fields every caller uses; the mapper validates values. */
function isResource<T>(value: unknown): value is T {
  return isRecord(value) && typeof value.name === 'string' && typeof value.id === 'string' && isRecord(value.properties);
}

function isIncident(value: unknown): value is SentinelIncident {
  return isResource(value) && isRecord(value) && typeof value.etag === 'string';
}

function isComment(value: unknown): value is SentinelComment {
  return isResource(value) && isRecord(value) && isRecord(value.properties) && typeof value.properties.message === 'string';
}
