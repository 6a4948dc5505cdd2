import { type OutboxDoc, recordEvent, SerialPasses } from '@soc/server-kit';
import type { Model, Types } from 'mongoose';
import type { Logger } from 'pino';
import type { IncidentDoc, IncidentsModels, TimelineEntry } from '../models';

const BATCH = 200;

/** Timeline sources as event sources (the demo generator writes as SYSTEM). */
const EVENT_SOURCE: Record<TimelineEntry['source'], string> = { ANALYST: 'ANALYST', SYNC: 'SYNC', WEBHOOK: 'WEBHOOK', AI: 'AI', SYSTEM: 'DEMO' };

export async function enqueueIncidentEvent(models: IncidentsModels, incidentId: Types.ObjectId): Promise<void> {
  await enqueueIncidentEvents(models, [incidentId]);
}

export async function enqueueIncidentEvents(models: IncidentsModels, incidentIds: readonly Types.ObjectId[]): Promise<void> {
  if (incidentIds.length === 0) return;
  const queuedAt = new Date();
  await models.IncidentEventQueue.bulkWrite(incidentIds.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { queuedAt } }, upsert: true } })), { ordered: false });
}

/** How far before its checkpoint the relay looks at start, for writes that were in flight. */
const RECOVERY_MARGIN_MS = 5 * 60_000;
const CHECKPOINT = 'relay';

/**
 * Publishes `incident.created` and `incident.updated` to the outbox. After every incident write
 * the writer queues the incident; the relay turns the timeline entries since the revision it last
 * published into one event (id keyed by revision, so a repeat is a no-op) and remembers that
 * revision in its own collection, never in the incident. Incidents whose queue entry a crash lost
 * are found at start by `updatedAt` since the last checkpoint.
 */
export class IncidentEventRelay {
  private readonly passes = new SerialPasses(() => this.publishQueued(), (error: unknown) => this.logger.error({ err: error }, 'incident event relay pass failed'));

  constructor(
    private readonly models: IncidentsModels,
    private readonly outbox: Model<OutboxDoc>,
    private readonly logger: Logger,
  ) {}

  async recover(): Promise<void> {
    const checkpoint = await this.models.IncidentEventCheckpoint.findById(CHECKPOINT).lean();
    const since = new Date((checkpoint?.at.getTime() ?? Date.now()) - RECOVERY_MARGIN_MS);
    const changed = await this.models.Incident.find({ updatedAt: { $gte: since } }, { _id: 1 }).lean();
    await enqueueIncidentEvents(this.models, changed.map((incident) => incident._id));
    if (changed.length) this.logger.info({ incidents: changed.length }, 'recently changed incidents queued for event publication');
  }

  start(intervalMs: number): void {
    this.passes.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  runOnce(): Promise<void> {
    return this.passes.runOnce();
  }

  private async publishQueued(): Promise<void> {
    const passStartedAt = new Date();
    for (;;) {
      const queued = await this.models.IncidentEventQueue.find({}).sort({ queuedAt: 1 }).limit(BATCH).lean();
      if (queued.length === 0) break;
      for (const entry of queued) {
        const incident = (await this.models.Incident.findById(entry._id).lean()) as IncidentDoc | null;
        if (incident) await this.publish(incident);
        // Dequeue only if nothing re-queued it since it was read.
        await this.models.IncidentEventQueue.deleteOne({ _id: entry._id, queuedAt: entry.queuedAt });
      }
      if (queued.length < BATCH) break;
    }
    await this.models.IncidentEventCheckpoint.updateOne({ _id: CHECKPOINT }, { $set: { at: passStartedAt } }, { upsert: true });
  }

  private async publish(incident: IncidentDoc): Promise<void> {
    const cursor = await this.models.IncidentEventCursor.findById(incident._id).lean();
    if (cursor && cursor.rev >= incident.rev) return;
    const incidentId = incident._id.toHexString();
    const created = !cursor && incident.rev === 0;
    // An incident older than the relay: its latest change only.
    const since = cursor?.timelineLength ?? (created ? incident.timeline.length : Math.max(0, incident.timeline.length - 1));
    const entries = incident.timeline.slice(since);
    if (created || entries.length > 0) {
      const statusChange = entries.find((entry) => entry.field === 'status');
      const last = entries.at(-1) ?? incident.timeline[0];
      await recordEvent(this.outbox, {
        id: created ? `incident.created:${incidentId}` : `incident.updated:${incidentId}:${incident.rev}`,
        type: created ? 'incident.created' : 'incident.updated',
        tenantId: incident.tenantId,
        occurredAt: last?.at ?? incident.updatedAt,
        payload: {
          incidentId,
          number: incident.number,
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          previousStatus: created ? null : (statusChange?.from ?? incident.status),
          classification: incident.classification,
          owner: incident.owner?.email || incident.owner?.assignedTo ? { email: incident.owner.email, assignedTo: incident.owner.assignedTo } : null,
          changedFields: created ? [] : [...new Set(entries.map((entry) => entry.field))],
          source: last ? EVENT_SOURCE[last.source] : 'SYNC',
        },
      });
    }
    await this.models.IncidentEventCursor.updateOne({ _id: incident._id }, { $set: { rev: incident.rev, timelineLength: incident.timeline.length } }, { upsert: true });
  }
}
