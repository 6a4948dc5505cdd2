import type { Logger } from 'pino';
import { deriveIncidentFields, incidentObjectId, type IncidentDoc, type IncidentsModels, type SentinelSyncDoc, type TimelineEntry } from '../models';
import type { CommentRecord, IncidentRecord } from '../models/incidentRecord';
import { mapSentinelIncident } from '../integrations/sentinel/mapSentinelIncident';
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

  // Comments are merged by id: ours come back from Sentinel with the id we gave them.
  const comments = new Map<string, CommentRecord>(existing.comments.map((c) => [c.commentId, c]));
  for (const comment of next.comments) {
    if (!comments.has(comment.commentId)) entry('comment', null, null, comment.message);
    comments.set(comment.commentId, comment);
  }

  return {
    ...next,
    ...derived,
    comments: [...comments.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
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
        await models.Incident.create(newIncidentDocument(tenantId, record, source));
        return 'created';
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        continue; // created concurrently: update it instead
      }
    }
    const update = syncUpdate(existing, record, new Date(), source);
    if (!update) return 'unchanged';
    const result = await models.Incident.updateOne({ _id: existing._id, rev: existing.rev }, { $set: update, $inc: { rev: 1 } });
    if (result.modifiedCount === 1) return 'updated';
  }
  throw new Error(`incident ${record.sentinelId} kept changing during sync`);
}

async function recordFromSentinel(api: SentinelApi, incident: SentinelIncident): Promise<IncidentRecord> {
  return mapSentinelIncident(incident, await api.getIncidentRelated(incident.name));
}

/** Alerts, entities and comments of a page's incidents, fetched a few at a time (network-bound). */
async function recordsOfPage(api: SentinelApi, incidents: SentinelIncident[], concurrency = RELATED_CONCURRENCY): Promise<IncidentRecord[]> {
  const records: IncidentRecord[] = new Array(incidents.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < incidents.length; index = next++) records[index] = await recordFromSentinel(api, incidents[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, incidents.length) }, worker));
  return records;
}

/**
 * Incremental sync of one tenant's workspace: incidents modified since the watermark, oldest
 * first, page by page; the watermark advances after each page. A run that dies mid-way leaves the
 * watermark at the last complete page, and the next run re-reads from there: every write is
 * idempotent, so nothing is lost or duplicated.
 */
export class SentinelSync {
  private readonly running = new Map<string, Promise<SentinelSyncDoc>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly models: IncidentsModels,
    private readonly clients: SentinelClients,
    private readonly logger: Logger,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  /** Checks every tick which workspaces are due (their interval has passed since the last run). */
  startSchedule(tickMs: number): void {
    const tick = async () => {
      const workspaces = await this.models.SentinelWorkspace.find({}, { syncIntervalSeconds: 1 }).lean();
      for (const workspace of workspaces) {
        const state = await this.state(workspace._id);
        const last = state.finishedAt?.getTime() ?? 0;
        if (state.status !== 'RUNNING' && Date.now() - last >= workspace.syncIntervalSeconds * 1000) await this.trigger(workspace._id);
      }
    };
    this.timer = setInterval(() => void tick().catch((error: unknown) => this.logger.error({ err: error }, 'sync schedule tick failed')), tickMs);
    this.timer.unref();
  }

  /** Stops scheduling and waits for runs under way (their progress is saved page by page anyway). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true;
    await Promise.allSettled(this.running.values());
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
    };
  }

  /** Starts a run unless one is under way, and returns the state at once. */
  async trigger(tenantId: string): Promise<SentinelSyncDoc> {
    if (!this.running.has(tenantId)) {
      const run = this.run(tenantId).finally(() => this.running.delete(tenantId));
      this.running.set(tenantId, run);
      run.catch(() => {}); // the outcome is recorded in the sync state
    }
    // Give the run the moment it needs to take its lease, so the caller sees RUNNING.
    await new Promise((resolve) => setImmediate(resolve));
    return this.state(tenantId);
  }

  /** Runs one sync now; resolves with the final state. */
  async run(tenantId: string): Promise<SentinelSyncDoc> {
    const workspace = await this.models.SentinelWorkspace.findById(tenantId).lean();
    if (!workspace) throw new Error(`tenant ${tenantId} has no Sentinel workspace configured`);
    const lease = await this.acquireLease(tenantId);
    if (!lease) return this.state(tenantId);
    let processed = 0;
    try {
      const api = this.clients.for(workspace);
      let watermark = lease.watermark;
      for await (const page of api.listIncidents({ modifiedSince: watermark ?? undefined, top: this.pageSize })) {
        const records = await recordsOfPage(api, page.incidents);
        for (const record of records) {
          if (this.stopping) throw new Error('interrupted by a shutdown; the next run resumes from the watermark');
          await applySentinelIncident(this.models, tenantId, record);
          processed += 1;
          if (!watermark || record.lastModifiedAt > watermark) watermark = record.lastModifiedAt;
        }
        await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { watermark, processed, leaseUntil: new Date(Date.now() + LEASE_MS) } });
      }
      await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { status: 'IDLE', finishedAt: new Date(), leaseUntil: null, processed, lastError: null } });
      this.logger.info({ tenantId, processed }, 'Sentinel sync finished');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.models.SentinelSync.updateOne({ _id: tenantId }, { $set: { status: 'FAILED', finishedAt: new Date(), leaseUntil: null, processed, lastError: reason } });
      this.logger.warn({ tenantId, processed, reason }, 'Sentinel sync failed');
    }
    return this.state(tenantId);
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
