import { updateByIdIf } from '@soc/server-kit';
import type { Logger } from 'pino';
import { enqueueIncidentEvent, enqueueIncidentEvents } from '../events/incidentEventRelay';
import type { Types } from 'mongoose';
import { deriveIncidentFields, incidentObjectId, type IncidentDoc, type IncidentsModels, type SentinelSyncDoc, type TimelineEntry } from '../models';
import type { CommentRecord, IncidentRecord } from '../models/incidentRecord';
import { SentinelNotFoundError } from '../integrations/sentinel/client/errors';
import { mapSentinelComment, mapSentinelIncident } from '../integrations/sentinel/mapSentinelIncident';
import type { SentinelApi } from '../integrations/sentinel/sentinelApi';
import type { SentinelIncident } from '../integrations/sentinel/types';
import { newIncidentDocument } from './incidentDocument';
import type { SentinelClients } from './sentinelWorkspaces';

const SYNC_ACTOR = 'Microsoft Sentinel';
const PAGE_SIZE = 100;
// Renewed after every page; a crashed run frees the tenant within this time.
const LEASE_MS = 2 * 60_000;
const DUPLICATE_KEY = 11000;
const MAX_ATTEMPTS_ON_RACE = 5;
const RELATED_CONCURRENCY = 8;
const OPEN_STATUSES = ['NEW', 'ACTIVE'] as const;

/**
 * The comment sweep: Sentinel adds a comment without touching the incident's etag or
 * lastModifiedTimeUtc, so the incremental sync (filtered on lastModifiedTimeUtc) never sees it.
 * The sweep re-reads the comments of the tenant's open incidents instead.
 */
export interface CommentSweepOptions {
  /** Least time between two scheduled sweeps of a tenant; 0 turns the scheduled sweep off. */
  intervalMs: number;
  /** Most open incidents one sweep reads comments for; the next sweep continues after the last one. */
  maxIncidents: number;
  /** Incidents read and written per batch; the sweep's position is saved after each batch. */
  batchSize: number;
}

export const DEFAULT_COMMENT_SWEEP: CommentSweepOptions = { intervalMs: 15 * 60_000, maxIncidents: 1_000, batchSize: 100 };

export interface CommentSweepResult {
  /** Open incidents whose comments were read from Sentinel. */
  incidents: number;
  /** Comments that were new to the incidents service. */
  added: number;
  /** Incidents that changed (new or edited comments). */
  updatedIncidents: number;
  /** True when the sweep reached the last open incident (the next one starts from the first). */
  complete: boolean;
}

/** Fields a pending analyst change owns until it reaches Sentinel (the sync must not undo it). */
function fieldsHeldByPendingWriteBacks(incident: IncidentDoc): Set<string> {
  const held = new Set<string>();
  for (const writeBack of incident.writeBacks) {
    if (writeBack.status !== 'PENDING' || writeBack.kind !== 'INCIDENT_UPDATE') continue;
    for (const key of Object.keys((writeBack.payload as { set?: object }).set ?? {})) {
      held.add(key);
      if (key === 'classification') ['classificationReason', 'classificationComment'].forEach((k) => held.add(k));
    }
  }
  return held;
}

const show = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : Array.isArray(value) ? value.join(', ') || null : String(value));

/**
 * Sentinel's comments merged into the stored ones by comment id (ours come back from Sentinel with
 * the id we gave them, and local ones not yet written back are kept), oldest first, with the
 * comments that are new and whether any stored comment's text changed.
 */
export function mergeComments(stored: readonly CommentRecord[], fromSentinel: readonly CommentRecord[]): { comments: CommentRecord[]; added: CommentRecord[]; edited: boolean } {
  const comments = new Map<string, CommentRecord>(stored.map((c) => [c.commentId, c]));
  const added: CommentRecord[] = [];
  let edited = false;
  for (const comment of fromSentinel) {
    const known = comments.get(comment.commentId);
    if (!known) added.push(comment);
    else if (known.message !== comment.message) edited = true;
    comments.set(comment.commentId, comment);
  }
  return { comments: [...comments.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()), added, edited };
}

/** The update that brings a stored incident to Sentinel's state, or null when nothing changed. */
export function syncUpdate(existing: IncidentDoc, record: IncidentRecord, now: Date, source: 'SENTINEL' | 'WEBHOOK' = 'SENTINEL'): Partial<IncidentDoc> | null {
  if (existing.etag === record.etag && existing.lastModifiedAt.getTime() === record.lastModifiedAt.getTime()) return null;
  const held = fieldsHeldByPendingWriteBacks(existing);
  const next: IncidentRecord = { ...record };
  for (const field of held) if (field in existing) (next as unknown as Record<string, unknown>)[field] = (existing as unknown as Record<string, unknown>)[field];

  const timeline: TimelineEntry[] = [];
  const entry = (field: string, from: unknown, to: unknown, note: string | null = null) =>
    timeline.push({ at: record.lastModifiedAt, actor: SYNC_ACTOR, source: source === 'WEBHOOK' ? 'WEBHOOK' : 'SYNC', field, from: show(from), to: show(to), note });
  const derived = deriveIncidentFields(next);
  if (next.status !== existing.status) entry('status', existing.status, next.status);
  if (next.severity !== existing.severity) entry('severity', existing.severity, next.severity);
  if (derived.ownerKey !== existing.ownerKey) entry('owner', existing.ownerKey, derived.ownerKey);
  if (next.classification !== existing.classification) entry('classification', existing.classification, next.classification, next.classificationComment);
  if (next.labels.join('\n') !== existing.labels.join('\n')) entry('labels', existing.labels, next.labels);
  if (next.title !== existing.title) entry('title', existing.title, next.title);
  const knownAlerts = new Set(existing.alerts.map((a) => a.alertId));
  for (const alert of next.alerts.filter((a) => !knownAlerts.has(a.alertId))) entry('alert', null, alert.displayName);

  const { comments, added } = mergeComments(existing.comments, next.comments);
  for (const comment of added) entry('comment', null, null, comment.message);

  return {
    ...next,
    ...derived,
    comments,
    updatedAt: now,
    acknowledgedAt: existing.acknowledgedAt ?? (next.status !== 'NEW' || derived.ownerKey ? record.lastModifiedAt : null),
    closedAt: next.status === 'CLOSED' ? (existing.closedAt ?? record.lastModifiedAt) : null,
    timeline: [...existing.timeline, ...timeline],
  };
}

/**
 * Writes one incident as Sentinel describes it (from the sync or the webhook): insert when new,
 * otherwise a revision-guarded update. Idempotent: replaying the same state changes nothing.
 */
export async function applySentinelIncident(
  models: IncidentsModels,
  tenantId: string,
  record: IncidentRecord,
  source: 'SENTINEL' | 'WEBHOOK' = 'SENTINEL',
): Promise<'created' | 'updated' | 'unchanged'> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS_ON_RACE; attempt += 1) {
    const existing = (await models.Incident.findById(incidentObjectId(tenantId, record.sentinelId)).lean()) as IncidentDoc | null;
    if (!existing) {
      try {
        const created = await models.Incident.create(newIncidentDocument(tenantId, record, source));
        await enqueueIncidentEvent(models, created._id);
        return 'created';
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        continue; // created concurrently: update it instead
      }
    }
    const update = syncUpdate(existing, record, new Date(), source);
    if (!update) return 'unchanged';
    if (await updateByIdIf(models.Incident, existing._id, { rev: existing.rev }, { $set: update, $inc: { rev: 1 } })) {
      await enqueueIncidentEvent(models, existing._id);
      return 'updated';
    }
  }
  throw new Error(`incident ${record.sentinelId} kept changing during sync`);
}

/**
 * Inserts incidents seen for the first time with one write: otherwise a first sync of a large
 * workspace costs a lookup and an insert (its own commit) per incident. Returns true when all were
 * inserted, false when some already existed (written by a run that died mid-page, or by the
 * webhook); the caller then applies each of them on its own, which is idempotent.
 */
export async function insertNewIncidents(models: IncidentsModels, tenantId: string, records: readonly IncidentRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  const docs = records.map((record) => newIncidentDocument(tenantId, record, 'SENTINEL'));
  let allInserted = true;
  try {
    await models.Incident.insertMany(docs, { ordered: false, throwOnValidationError: true });
  } catch (error) {
    const { code, writeErrors } = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
    const onlyDuplicates = writeErrors?.length ? writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY) : code === DUPLICATE_KEY;
    if (!onlyDuplicates) throw error;
    allInserted = false;
  }
  // The ones that went in have creation events to publish (the relay skips incidents with nothing pending).
  await enqueueIncidentEvents(models, docs.map((doc) => doc._id));
  return allInserted;
}

async function recordFromSentinel(api: SentinelApi, incident: SentinelIncident): Promise<IncidentRecord> {
  return mapSentinelIncident(incident, await api.getIncidentRelated(incident.name));
}

/** `fn` over `items`, at most `concurrency` calls at a time (network-bound work); results in input order. */
async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await fn(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Alerts, entities and comments of a page's incidents, fetched a few at a time (network-bound). */
function recordsOfPage(api: SentinelApi, incidents: SentinelIncident[], concurrency = RELATED_CONCURRENCY): Promise<IncidentRecord[]> {
  return mapConcurrently(incidents, concurrency, (incident) => recordFromSentinel(api, incident));
}

/**
 * Adds the comments Sentinel holds for an incident that are not stored yet (and takes over edited
 * texts), with a sync timeline entry for each new one. Idempotent: comments are keyed by their
 * Sentinel id, so reading the same comments again changes nothing. Revision-guarded like every
 * incident write. Returns how many comments were added.
 */
export async function applySentinelComments(models: IncidentsModels, incidentId: Types.ObjectId, fromSentinel: readonly CommentRecord[], now = new Date()): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS_ON_RACE; attempt += 1) {
    const existing = (await models.Incident.findById(incidentId).lean()) as IncidentDoc | null;
    if (!existing) return 0;
    const { comments, added, edited } = mergeComments(existing.comments, fromSentinel);
    if (added.length === 0 && !edited) return 0;
    const timeline: TimelineEntry[] = added.map((comment) => ({ at: comment.createdAt, actor: SYNC_ACTOR, source: 'SYNC', field: 'comment', from: null, to: null, note: comment.message }));
    const updated = await updateByIdIf(models.Incident, existing._id, { rev: existing.rev }, { $set: { comments, timeline: [...existing.timeline, ...timeline], updatedAt: now }, $inc: { rev: 1 } });
    if (updated) {
      await enqueueIncidentEvent(models, existing._id);
      return added.length;
    }
  }
  throw new Error(`incident ${incidentId.toHexString()} kept changing during the comment sweep`);
}

export interface SentinelSyncOptions {
  /** Incidents per list page requested from Sentinel. */
  pageSize?: number;
  commentSweep?: Partial<CommentSweepOptions>;
}

type SweepCandidate = Pick<IncidentDoc, '_id' | 'sentinelId' | 'comments'>;

/**
 * Incremental sync of one tenant's workspace: incidents modified since the watermark, oldest
 * first, page by page; the watermark advances after each page. A run that dies mid-way leaves the
 * watermark at the last complete page, and the next run re-reads from there: every write is
 * idempotent, so nothing is lost or duplicated.
 *
 * Comments added in Sentinel do not change an incident's lastModifiedTimeUtc, so the comment
 * sweep (on its own schedule) re-reads the comments of open incidents.
 */
export class SentinelSync {
  private readonly running = new Map<string, Promise<SentinelSyncDoc>>();
  private readonly sweeping = new Map<string, Promise<CommentSweepResult>>();
  private readonly pageSize: number;
  private readonly sweep: CommentSweepOptions;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly models: IncidentsModels,
    private readonly clients: SentinelClients,
    private readonly logger: Logger,
    options: SentinelSyncOptions = {},
  ) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.sweep = { ...DEFAULT_COMMENT_SWEEP, ...options.commentSweep };
    if (!Number.isInteger(this.sweep.maxIncidents) || this.sweep.maxIncidents < 1) throw new RangeError('commentSweep.maxIncidents must be a positive integer');
    if (!Number.isInteger(this.sweep.batchSize) || this.sweep.batchSize < 1) throw new RangeError('commentSweep.batchSize must be a positive integer');
  }

  /**
   * Checks every tick which workspaces are due (their interval has passed since the last run), and
   * whose comment sweep is due.
   */
  startSchedule(tickMs: number): void {
    const tick = async () => {
      const workspaces = await this.models.SentinelWorkspace.find({}, { syncIntervalSeconds: 1 }).lean();
      for (const workspace of workspaces) {
        const state = await this.state(workspace._id);
        const last = state.finishedAt?.getTime() ?? 0;
        if (state.status === 'RUNNING') continue;
        if (Date.now() - last >= workspace.syncIntervalSeconds * 1000) await this.trigger(workspace._id, { scheduled: true });
        else this.sweepIfDue(workspace._id);
      }
    };
    clearInterval(this.timer);
    this.timer = setInterval(() => void tick().catch((error: unknown) => this.logger.error({ err: error }, 'sync schedule tick failed')), tickMs);
    this.timer.unref();
  }

  /** Stops scheduling and waits for runs and sweeps under way (their progress is saved batch by batch anyway). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true;
    await Promise.allSettled([...this.running.values(), ...this.sweeping.values()]);
  }

  async state(tenantId: string): Promise<SentinelSyncDoc> {
    return ((await this.models.SentinelSync.findById(tenantId).lean()) as SentinelSyncDoc | null) ?? {
      _id: tenantId,
      status: 'IDLE',
      watermark: null,
      startedAt: null,
      finishedAt: null,
      leaseUntil: null,
      processed: 0,
      lastError: null,
      commentSweepAt: null,
      commentSweepCursor: null,
    };
  }

  /**
   * Starts a run unless one is under way, and returns the state at once. Comment sweeps keep their
   * own schedule: a sweep after every explicit run multiplied Sentinel calls (one per open
   * incident) and competed with the run's own requests for the tenant's rate limit and breaker.
   */
  async trigger(tenantId: string, options: { scheduled?: boolean } = {}): Promise<SentinelSyncDoc> {
    if (!this.running.has(tenantId)) {
      const run = this.run(tenantId).finally(() => this.running.delete(tenantId));
      this.running.set(tenantId, run);
      run.catch(() => {}); // the outcome is recorded in the sync state
    }
    // Give the run the moment it needs to take its lease, so the caller sees RUNNING.
    await new Promise((resolve) => setImmediate(resolve));
    return this.state(tenantId);
  }

  /**
   * Runs one sync now; resolves with the final state. With `sweepComments`, a run that wrote fewer
   * incidents than one sweep reads ends (still RUNNING) with a comment sweep over the open
   * incidents it did not just read; a failing sweep is logged and does not fail the sync.
   */
  async run(tenantId: string, options: { sweepComments?: boolean } = {}): Promise<SentinelSyncDoc> {
    const workspace = await this.models.SentinelWorkspace.findById(tenantId).lean();
    if (!workspace) throw new Error(`tenant ${tenantId} has no Sentinel workspace configured`);
    const lease = await this.acquireLease(tenantId);
    if (!lease) return this.state(tenantId);
    let processed = 0;
    try {
      const api = this.clients.for(workspace);
      const since = lease.watermark;
      let watermark = since;
      // Their comments were read by this run: the sweep after it skips them.
      const synced = new Set<string>();
      const interrupted = () => new Error('interrupted by a shutdown; the next run resumes from the watermark');
      for await (const page of api.listIncidents({ modifiedSince: watermark ?? undefined, top: this.pageSize })) {
        const records = await recordsOfPage(api, page.incidents);
        if (this.stopping) throw interrupted();
        // Created after the watermark the run started from: new to the database (nearly always), so inserted together.
        const fresh = records.filter((record) => !since || record.createdAt > since);
        const inserted = (await insertNewIncidents(this.models, tenantId, fresh)) ? new Set(fresh.map((record) => record.sentinelId)) : new Set<string>();
        for (const record of records) {
          if (this.stopping) throw interrupted();
          if (!inserted.has(record.sentinelId)) await applySentinelIncident(this.models, tenantId, record);
          processed += 1;
          if (options.sweepComments) synced.add(record.sentinelId);
          if (!watermark || record.lastModifiedAt > watermark) watermark = record.lastModifiedAt;
        }
        await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { watermark, processed, leaseUntil: new Date(Date.now() + LEASE_MS) } });
      }
      // Cheap after an incremental run; after a bulk import (the run itself read the comments of at least
      // as many incidents as a sweep would) it is left to the scheduled sweep.
      if (options.sweepComments && processed < this.sweep.maxIncidents) await this.sweepAfterRun(tenantId, synced);
      await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { status: 'IDLE', finishedAt: new Date(), leaseUntil: null, processed, lastError: null } });
      // The first sync read every comment: the scheduled sweep counts its interval from then.
      await this.models.SentinelSync.updateOne({ _id: tenantId, commentSweepAt: null }, { $set: { commentSweepAt: new Date() } });
      this.logger.info({ tenantId, processed }, 'Sentinel sync finished');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { status: 'FAILED', finishedAt: new Date(), leaseUntil: null, processed, lastError: reason } });
      this.logger.warn({ tenantId, processed, reason }, 'Sentinel sync failed');
    }
    return this.state(tenantId);
  }

  /**
   * Re-reads the comments of the tenant's open (NEW or ACTIVE) incidents that came from Sentinel,
   * in batches of `batchSize` (comments of a batch fetched a few at a time through the tenant's
   * client, so its retries and circuit breaker apply), and stores the ones that are new. At most
   * `maxIncidents` incidents per sweep, continuing after where the previous sweep stopped, so a
   * large tenant is covered over several sweeps at a bounded cost each. One sweep per tenant at a
   * time in this process; concurrent sweeps elsewhere are harmless (every write is idempotent).
   */
  sweepComments(tenantId: string, options: { skip?: ReadonlySet<string>; afterBatch?: () => Promise<unknown> } = {}): Promise<CommentSweepResult> {
    const under = this.sweeping.get(tenantId);
    if (under) return under;
    const sweep = this.runSweep(tenantId, options).finally(() => this.sweeping.delete(tenantId));
    this.sweeping.set(tenantId, sweep);
    return sweep;
  }

  private async sweepAfterRun(tenantId: string, synced: ReadonlySet<string>): Promise<void> {
    const renewLease = () => this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { leaseUntil: new Date(Date.now() + LEASE_MS) } });
    try {
      await this.sweepComments(tenantId, { skip: synced, afterBatch: renewLease });
    } catch (error) {
      this.logger.warn({ tenantId, reason: error instanceof Error ? error.message : String(error) }, 'comment sweep after the sync failed; the scheduled sweep tries again');
    }
  }

  /** Starts a scheduled sweep when its interval has passed; the claim makes one replica do it. */
  private sweepIfDue(tenantId: string): void {
    if (this.sweep.intervalMs <= 0 || this.sweeping.has(tenantId) || this.running.has(tenantId) || this.stopping) return;
    const now = new Date();
    void (async () => {
      const claimed = await this.models.SentinelSync.findOneAndUpdate(
        {
          _id: tenantId,
          $and: [
            { $or: [{ status: { $ne: 'RUNNING' } }, { leaseUntil: { $lt: now } }] },
            { $or: [{ commentSweepAt: null }, { commentSweepAt: { $lte: new Date(now.getTime() - this.sweep.intervalMs) } }] },
          ],
        },
        { $set: { commentSweepAt: now } },
        { new: true },
      ).lean();
      if (claimed) await this.sweepComments(tenantId);
    })().catch((error: unknown) => this.logger.warn({ tenantId, reason: error instanceof Error ? error.message : String(error) }, 'scheduled comment sweep failed'));
  }

  private async runSweep(tenantId: string, options: { skip?: ReadonlySet<string>; afterBatch?: () => Promise<unknown> }): Promise<CommentSweepResult> {
    const workspace = await this.models.SentinelWorkspace.findById(tenantId).lean();
    if (!workspace) throw new Error(`tenant ${tenantId} has no Sentinel workspace configured`);
    const api = this.clients.for(workspace);
    const state = await this.state(tenantId);
    const from = state.commentSweepCursor ?? null;
    await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { commentSweepAt: new Date() } });

    const result: CommentSweepResult = { incidents: 0, added: 0, updatedIncidents: 0, complete: false };
    const saveCursor = (cursor: Types.ObjectId | null) => this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { commentSweepCursor: cursor } });
    // One read of what the comparison needs, in _id order so the next sweep can continue after it;
    // no cursor stays open while Sentinel is called.
    const limit = this.sweep.maxIncidents + (options.skip?.size ?? 0);
    const candidates = (await this.models.Incident.find(
      { tenantId, source: 'SENTINEL', status: { $in: OPEN_STATUSES }, ...(from ? { _id: { $gt: from } } : {}) },
      { sentinelId: 1, comments: 1 },
    )
      .sort({ _id: 1 })
      .limit(limit)
      .batchSize(limit)
      .lean()) as SweepCandidate[];
    const chosen: SweepCandidate[] = [];
    let examined = 0;
    for (const candidate of candidates) {
      if (chosen.length === this.sweep.maxIncidents) break;
      examined += 1;
      if (!options.skip?.has(candidate.sentinelId)) chosen.push(candidate);
    }
    for (let start = 0; start < chosen.length && !this.stopping; start += this.sweep.batchSize) {
      const batch = chosen.slice(start, start + this.sweep.batchSize);
      await this.sweepBatch(api, batch, result);
      await saveCursor(batch.at(-1)!._id);
      await options.afterBatch?.();
    }
    if (!this.stopping) {
      // Every open incident up to the last one read: the next sweep starts from the first again.
      result.complete = candidates.length < limit && examined === candidates.length;
      await saveCursor(result.complete ? null : (candidates[examined - 1]?._id ?? from));
    }
    this.logger.info({ tenantId, ...result }, 'Sentinel comment sweep finished');
    return result;
  }

  /** Reads the comments of one batch from Sentinel and stores what is new; an incident deleted in Sentinel is skipped. */
  private async sweepBatch(api: SentinelApi, batch: readonly SweepCandidate[], result: CommentSweepResult): Promise<void> {
    const fetched = await mapConcurrently(batch, RELATED_CONCURRENCY, async (incident) => {
      try {
        return { incident, comments: (await api.listComments(incident.sentinelId)).map(mapSentinelComment) };
      } catch (error) {
        if (error instanceof SentinelNotFoundError) return { incident, comments: [] };
        throw error;
      }
    });
    const now = new Date();
    for (const { incident, comments } of fetched) {
      const { added, edited } = mergeComments(incident.comments, comments);
      if (added.length === 0 && !edited) continue;
      const stored = await applySentinelComments(this.models, incident._id, comments, now);
      result.added += stored;
      result.updatedIncidents += 1;
    }
    result.incidents += batch.length;
  }

  /** One run per tenant across every replica: the lease is taken with a conditional update. */
  private async acquireLease(tenantId: string): Promise<SentinelSyncDoc | null> {
    const now = new Date();
    await this.models.SentinelSync.updateOne({ _id: tenantId }, { $setOnInsert: { status: 'IDLE', watermark: null, processed: 0, lastError: null, leaseUntil: null } }, { upsert: true });
    return (await this.models.SentinelSync.findOneAndUpdate(
      { _id: tenantId, $or: [{ status: { $ne: 'RUNNING' } }, { leaseUntil: { $lt: now } }] },
      { $set: { status: 'RUNNING', startedAt: now, finishedAt: null, leaseUntil: new Date(now.getTime() + LEASE_MS), processed: 0 } },
      { new: true },
    ).lean()) as SentinelSyncDoc | null;
  }
}
