import { SerialPasses, updateByIdIf } from '@soc/server-kit';
import type { Logger } from 'pino';
import type { IncidentDoc, IncidentsModels, WriteBackRecord } from '../models';
import { SentinelEtagConflictError } from '../integrations/sentinel/client/errors';
import { toIncidentUpdate, type SentinelIncidentUpdate } from '../integrations/sentinel/client/incidentUpdate';
import type { SentinelApi } from '../integrations/sentinel/sentinelApi';
import type { SentinelIncident } from '../integrations/sentinel/types';
import type { SentinelClients } from './sentinelWorkspaces';

export interface WriteBackOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Incidents handled per pass. */
  batchSize: number;
}

const DEFAULTS: WriteBackOptions = { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000, batchSize: 25 };
const REREADS_ON_ETAG_CONFLICT = 3;

/** The change can no longer be applied: Sentinel has moved on. Not retried. */
class WriteBackConflict extends Error {}

type Outcome = Pick<WriteBackRecord, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'deliveredAt'>;

interface UpdatePayload {
  set: Partial<SentinelIncidentUpdate>;
  base: { status?: string; severity?: string; classification?: string | null; ownerKey?: string; labels?: string[] };
}

const ownerKeyOf = (incident: SentinelIncident) => (incident.properties.owner?.email ?? incident.properties.owner?.userPrincipalName ?? '').toLowerCase();
const labelsOf = (incident: SentinelIncident) => incident.properties.labels.map((l) => l.labelName);

/** Current Sentinel values of the fields a change touches, next to what the analyst saw and wanted. */
function compareFields(current: SentinelIncident, payload: UpdatePayload) {
  const { set, base } = payload;
  const fields: Array<{ name: string; current: string; base: string; target: string }> = [];
  const add = (name: string, currentValue: unknown, baseValue: unknown, targetValue: unknown) =>
    fields.push({ name, current: JSON.stringify(currentValue ?? null), base: JSON.stringify(baseValue ?? null), target: JSON.stringify(targetValue ?? null) });
  if ('status' in base) add('status', current.properties.status, base.status, set.status);
  if ('severity' in base) add('severity', current.properties.severity, base.severity, set.severity);
  if ('classification' in base) add('classification', current.properties.classification, base.classification, set.classification);
  if ('ownerKey' in base) add('owner', ownerKeyOf(current), base.ownerKey, (set.owner?.email ?? set.owner?.userPrincipalName ?? '').toLowerCase());
  if ('labels' in base) add('labels', labelsOf(current), base.labels, set.labels?.map((l) => l.labelName));
  return fields;
}

/**
 * Applies an analyst's change to the incident as it is in Sentinel now. If Sentinel changed one
 * of the same fields in the meantime to something else, the change is a conflict (the analyst
 * decided on a state that no longer exists); otherwise it is applied on top, with the fresh etag.
 */
async function deliverUpdate(api: SentinelApi, sentinelId: string, payload: UpdatePayload): Promise<string | null> {
  for (let read = 0; read < REREADS_ON_ETAG_CONFLICT; read += 1) {
    const current = await api.getIncident(sentinelId);
    const fields = compareFields(current, payload);
    if (fields.every((f) => f.current === f.target)) return current.etag; // already there (e.g. a retried write that landed)
    const moved = fields.filter((f) => f.current !== f.base && f.current !== f.target);
    if (moved.length) {
      throw new WriteBackConflict(`Sentinel changed ${moved.map((f) => `${f.name} to ${f.current}`).join(', ')} after this change was made (it expected ${moved.map((f) => f.base).join(', ')})`);
    }
    // Only the writable properties go back; read-only ones (number, counts, timestamps) stay Sentinel's.
    const writable = toIncidentUpdate(current);
    const properties: SentinelIncidentUpdate = {
      ...writable,
      ...payload.set,
      owner: payload.set.owner ? { ...writable.owner, ...payload.set.owner } : writable.owner,
    };
    try {
      return (await api.putIncident(sentinelId, properties, current.etag)).etag;
    } catch (error) {
      if (!(error instanceof SentinelEtagConflictError)) throw error;
      // Changed between our read and our write: read again and re-check.
    }
  }
  throw new Error(`the incident kept changing in Sentinel (${REREADS_ON_ETAG_CONFLICT} etag conflicts in a row)`);
}

/** Marks an incident as having write-backs due now (after the change itself was saved). */
export async function enqueueWriteBack(models: IncidentsModels, incident: Pick<IncidentDoc, '_id' | 'tenantId'>): Promise<void> {
  await models.WriteBackQueue.updateOne({ _id: incident._id }, { $set: { tenantId: incident.tenantId, dueAt: new Date() } }, { upsert: true });
}

/**
 * Delivers the write-back outbox: analyst changes and comments recorded on incidents are written
 * to Sentinel, in order per incident, retried with backoff until they succeed, conflict, or run
 * out of attempts. Outcomes are saved on the incident, where analysts see them.
 */
export class SentinelWriteBackWorker {
  private readonly options: WriteBackOptions;
  private readonly passes = new SerialPasses(() => this.deliverPending(), (error: unknown) => this.logger.error({ err: error }, 'write-back pass failed'));

  constructor(
    private readonly models: IncidentsModels,
    private readonly clients: SentinelClients,
    private readonly logger: Logger,
    options: Partial<WriteBackOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Rebuilds queue entries for pending write-backs (an entry may be lost if a crash fell between the two writes). */
  async recover(): Promise<void> {
    const pending = await this.models.Incident.find({ hasPendingWriteBack: true }, { _id: 1, tenantId: 1 }).lean();
    for (const incident of pending) await enqueueWriteBack(this.models, incident);
    if (pending.length) this.logger.info({ incidents: pending.length }, 'pending Sentinel write-backs queued');
  }

  start(intervalMs: number): void {
    this.passes.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over incidents with pending write-backs; passes never overlap. */
  runOnce(): Promise<void> {
    return this.passes.runOnce();
  }

  private async deliverPending(): Promise<void> {
    const due = await this.models.WriteBackQueue.find({ dueAt: { $lte: new Date() } }).sort({ dueAt: 1 }).limit(this.options.batchSize).lean();
    for (const entry of due) {
      const incident = (await this.models.Incident.findById(entry._id).lean()) as IncidentDoc | null;
      if (incident?.hasPendingWriteBack) await this.deliverFor(incident);
      await this.reschedule(entry._id);
    }
  }

  /** Next due time from the incident's pending write-backs, or off the queue when none is left. */
  private async reschedule(incidentId: IncidentDoc['_id']): Promise<void> {
    const incident = (await this.models.Incident.findById(incidentId, { writeBacks: 1, hasPendingWriteBack: 1 }).lean()) as IncidentDoc | null;
    const pending = incident?.hasPendingWriteBack ? incident.writeBacks.filter((w) => w.status === 'PENDING') : [];
    if (pending.length === 0) {
      await this.models.WriteBackQueue.deleteOne({ _id: incidentId });
      return;
    }
    const next = Math.min(...pending.map((w) => w.nextAttemptAt?.getTime() ?? Date.now()));
    await this.models.WriteBackQueue.updateOne({ _id: incidentId }, { $set: { dueAt: new Date(next) } });
  }

  private async deliverFor(incident: IncidentDoc): Promise<void> {
    const now = new Date();
    const outcomes = new Map<string, Outcome>();
    let etag = incident.etag;
    const workspace = await this.models.SentinelWorkspace.findById(incident.tenantId).lean();
    let api: SentinelApi | null = null;
    let setupError: string | null = null;
    if (!workspace) setupError = 'the tenant has no Sentinel workspace configured';
    else {
      try {
        api = this.clients.for(workspace);
      } catch (error) {
        setupError = error instanceof Error ? error.message : String(error);
      }
    }

    for (const writeBack of incident.writeBacks) {
      if (writeBack.status !== 'PENDING') continue;
      if (writeBack.nextAttemptAt && writeBack.nextAttemptAt > now) break; // keep per-incident order
      if (!workspace) {
        outcomes.set(writeBack._id.toHexString(), { ...writeBack, status: 'SKIPPED', lastError: setupError, nextAttemptAt: null });
        continue;
      }
      const attempts = writeBack.attempts + 1;
      try {
        if (!api) throw new Error(setupError ?? 'no Sentinel client');
        if (writeBack.kind === 'COMMENT') {
          const { commentId, message } = writeBack.payload as { commentId: string; message: string };
          await api.createComment(incident.sentinelId, commentId, message);
        } else {
          etag = (await deliverUpdate(api, incident.sentinelId, writeBack.payload as unknown as UpdatePayload)) ?? etag;
        }
        outcomes.set(writeBack._id.toHexString(), { status: 'DELIVERED', attempts, lastError: null, nextAttemptAt: null, deliveredAt: new Date() });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof WriteBackConflict) {
          outcomes.set(writeBack._id.toHexString(), { status: 'CONFLICT', attempts, lastError: reason, nextAttemptAt: null, deliveredAt: null });
          continue;
        }
        const exhausted = attempts >= this.options.maxAttempts;
        const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempts - 1));
        outcomes.set(writeBack._id.toHexString(), {
          status: exhausted ? 'FAILED' : 'PENDING',
          attempts,
          lastError: reason,
          nextAttemptAt: exhausted ? null : new Date(Date.now() + delay),
          deliveredAt: null,
        });
        this.logger.warn({ tenantId: incident.tenantId, incidentId: incident._id.toHexString(), attempts, reason }, 'Sentinel write-back attempt failed');
        break; // later changes wait for this one
      }
    }
    if (outcomes.size > 0) await this.saveOutcomes(incident, outcomes, etag);
  }

  /** Saves outcomes on the freshest revision of the incident (analysts may have added changes meanwhile). */
  private async saveOutcomes(incident: IncidentDoc, outcomes: Map<string, Outcome>, etag: string | null): Promise<void> {
    let current: IncidentDoc | null = incident;
    for (let attempt = 0; attempt < 5 && current; attempt += 1) {
      const writeBacks = current.writeBacks.map((w) => ({ ...w, ...(outcomes.get(w._id.toHexString()) ?? {}) }));
      const saved = await updateByIdIf(
        this.models.Incident,
        current._id,
        { rev: current.rev },
        { $set: { writeBacks, hasPendingWriteBack: writeBacks.some((w) => w.status === 'PENDING'), etag }, $inc: { rev: 1 } },
      );
      if (saved) return;
      current = (await this.models.Incident.findById(incident._id).lean()) as IncidentDoc | null;
    }
    this.logger.error({ incidentId: incident._id.toHexString() }, 'write-back outcome could not be saved; it will be re-checked on the next pass');
  }
}
