import type { Logger } from 'pino';
import type { IncidentsModels } from '../models';
import { newIncidentDocument } from '../services/incidentDocument';
import { enqueueIncidentEvents } from '../events/incidentEventRelay';
import type { IncidentRecord } from '../models/incidentRecord';
import { mapSentinelIncident } from '../integrations/sentinel/mapSentinelIncident';
import { generateDemoIncidents } from './generateDemoIncidents';

export interface DemoFeedOptions {
  tenantIds: string[];
  /** Incidents seeded per tenant on first start (a tenant that has incidents is left alone). */
  initialCount: number;
  /** Seconds between new demo incidents; 0 turns the trickle off. */
  trickleSeconds: number;
}

const DUPLICATE_KEY = 11000;

/**
 * Inserts incidents that are not there yet. The unique (tenantId, sentinelId) index makes this
 * idempotent: a seed interrupted by a crash completes on the next start without duplicates.
 * (Plain inserts, not upserts: FerretDB's SQLite backend is far faster at them.)
 */
async function insertDemoIncidents(models: IncidentsModels, tenantId: string, records: IncidentRecord[]): Promise<void> {
  if (records.length === 0) return;
  const docs = records.map((record) => newIncidentDocument(tenantId, record, 'DEMO'));
  try {
    await models.Incident.insertMany(docs, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
    const onlyDuplicates = writeErrors?.length && writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY);
    if (!onlyDuplicates) throw error;
  }
  await enqueueIncidentEvents(models, docs.map((doc) => doc._id));
}

function demoRecords(tenantId: string, count: number, seed: number, now: Date, startNumber: number): IncidentRecord[] {
  return generateDemoIncidents({ tenantId, count, seed, now, startNumber }).map(({ incident, alerts, entities, comments }) =>
    mapSentinelIncident(incident, { alerts, entities, comments }),
  );
}

/** A stable per-tenant seed, so every fresh demo database shows the same incidents. */
const tenantSeed = (tenantId: string) => [...tenantId].reduce((hash, ch) => (hash * 31 + ch.charCodeAt(0)) >>> 0, 7);

/**
 * Seeds realistic demo incidents on first start (completing an interrupted seed) and, optionally, adds a new one every few
 * seconds so the live views have something to show. Returns a stop function.
 */
export async function startDemoIncidentFeed(models: IncidentsModels, options: DemoFeedOptions, logger: Logger): Promise<() => Promise<void>> {
  for (const tenantId of options.tenantIds) {
    if (options.initialCount <= 0) break;
    const existing = await models.Incident.countDocuments({ tenantId, source: 'DEMO' });
    if (existing >= options.initialCount) continue;
    await insertDemoIncidents(models, tenantId, demoRecords(tenantId, options.initialCount, tenantSeed(tenantId), new Date(), 1));
    logger.info({ tenantId, count: options.initialCount }, 'demo incidents seeded');
  }
  if (options.trickleSeconds <= 0 || options.tenantIds.length === 0) return async () => {};

  let round = 0;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    const tenantId = options.tenantIds[round++ % options.tenantIds.length]!;
    running = (async () => {
      const last = await models.Incident.findOne({ tenantId }, { number: 1 }).sort({ number: -1 }).lean();
      const now = new Date();
      const [record] = demoRecords(tenantId, 1, Date.now() >>> 0, now, (last?.number ?? 0) + 1);
      if (!record) return;
      // A new incident happens now, not somewhere in the generator's 30-day window.
      const fresh = { ...record, createdAt: now, lastModifiedAt: now, lastActivityAt: now, status: 'NEW' as const, classification: null, classificationReason: null, classificationComment: null, owner: null };
      await insertDemoIncidents(models, tenantId, [fresh]);
      logger.info({ tenantId, number: fresh.number }, 'demo incident arrived');
    })().catch((error: unknown) => logger.error({ err: error }, 'demo incident could not be written'));
  }, options.trickleSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
