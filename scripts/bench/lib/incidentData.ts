/**
 * The incidents the Sentinel benchmark works on: served by the fake Sentinel of the incidents tests
 * (for the sync), or built with the incidents service's own document builder and inserted directly
 * (to grow the tenant for the list query). Whatever goes in is also counted here, so the answers
 * the benchmark gets can be checked against what they must be.
 */
import type { Connection, Model } from 'mongoose';
import { generateDemoIncidents } from '../../../subgraphs/incidents/src/demo/generateDemoIncidents';
import { mapSentinelIncident } from '../../../subgraphs/incidents/src/integrations/sentinel/mapSentinelIncident';
import { incidentObjectId, type IncidentDoc } from '../../../subgraphs/incidents/src/models';
import { incidentModel } from '../../../subgraphs/incidents/src/models/incident';
import type { IncidentRecord, IncidentStatus, Severity } from '../../../subgraphs/incidents/src/models/incidentRecord';
import { newIncidentDocument } from '../../../subgraphs/incidents/src/services/incidentDocument';
import type { FakeSentinel } from '../../../subgraphs/incidents/test/fakes/fakeSentinel';

export const TENANT = 'contoso';
/** Incidents generated (and held in memory) at a time. */
const CHUNK = 2_000;

/** The analyst's filter of the list benchmark. */
export interface ListFilter {
  severity: Severity[];
  status: IncidentStatus[];
  createdAfter: Date;
  createdBefore: Date;
}

export const matchesFilter = (record: Pick<IncidentRecord, 'severity' | 'status' | 'createdAt'>, filter: ListFilter) =>
  filter.severity.includes(record.severity) && filter.status.includes(record.status) && record.createdAt >= filter.createdAfter && record.createdAt < filter.createdBefore;

/** What the tenant holds, counted as it was put in. */
export class TenantTally {
  incidents = 0;
  alerts = 0;
  entities = 0;
  comments = 0;
  matching = 0;
  open = 0;
  nextNumber = 1;
  /** API ids of some incidents (as the incidents service derives them), for the incident(id) reference. */
  readonly sampleIds: string[] = [];

  constructor(private readonly filter: ListFilter) {}

  add(record: IncidentRecord): void {
    this.incidents += 1;
    this.alerts += record.alerts.length;
    this.entities += record.entities.length;
    this.comments += record.comments.length;
    if (matchesFilter(record, this.filter)) this.matching += 1;
    if (record.status !== 'CLOSED') this.open += 1;
    this.nextNumber = Math.max(this.nextNumber, record.number + 1);
    if (this.incidents % 997 === 1 && this.sampleIds.length < 100) this.sampleIds.push(incidentObjectId(TENANT, record.sentinelId).toHexString());
  }
}

/**
 * Seeds the fake Sentinel with `count` demo incidents (in chunks, with their alerts, entities and
 * comments as the fake serves them) and tallies the records the sync must produce from them.
 */
export function seedFakeSentinel(fake: FakeSentinel, count: number, now: Date, tally: TenantTally): void {
  for (let seeded = 0, chunk = 0; seeded < count; chunk += 1) {
    const size = Math.min(CHUNK, count - seeded);
    for (const demo of fake.seedDemoIncidents(size, { seed: 1_000 + chunk, now, startNumber: seeded + 1 })) {
      tally.add(mapSentinelIncident(demo.incident, demo));
    }
    seeded += size;
  }
}

export const incidentsModelOf = (connection: Connection): Model<IncidentDoc> => incidentModel(connection);

/**
 * Grows the tenant by `count` incidents without the sync: demo incidents mapped and built exactly as
 * the incidents service builds a new incident (mapSentinelIncident + newIncidentDocument, source
 * SENTINEL), inserted with the service's own model, as its demo seeding does. Returns seconds spent
 * inserting.
 */
export async function insertBuiltIncidents(Incident: Model<IncidentDoc>, count: number, now: Date, workspaceResourceId: string, tally: TenantTally, progress: (done: number) => void): Promise<number> {
  let insertSeconds = 0;
  for (let inserted = 0, chunk = 0; inserted < count; chunk += 1) {
    const size = Math.min(CHUNK, count - inserted);
    const demos = generateDemoIncidents({ tenantId: TENANT, count: size, seed: 500_000 + chunk, now, startNumber: tally.nextNumber, workspaceResourceId });
    const records = demos.map((demo) => mapSentinelIncident(demo.incident, demo));
    const docs = records.map((record) => newIncidentDocument(TENANT, record, 'SENTINEL'));
    const started = performance.now();
    await Incident.insertMany(docs, { ordered: false });
    insertSeconds += (performance.now() - started) / 1000;
    records.forEach((record) => tally.add(record));
    inserted += size;
    progress(inserted);
  }
  return insertSeconds;
}

export interface RawInsertResult {
  documents: number;
  seconds: number;
  /** Totals of the documents read back: they must equal what the fake served. */
  alerts: number;
  entities: number;
  comments: number;
}

/**
 * The reference for the sync: the documents the sync wrote, read back and inserted again with plain
 * `insertMany` (the native driver, 1,000 per call) into a scratch collection of the same database
 * with the same indexes. Only the insertMany calls are timed. The scratch collection is dropped.
 */
export async function rawInsertReference(connection: Connection, scratchName: string): Promise<RawInsertResult> {
  const db = connection.db!;
  const source = db.collection('incidents');
  await db.collection(scratchName).drop().catch(() => undefined);
  const scratch = await db.createCollection(scratchName);
  for (const index of await source.indexes()) {
    if (index.name === '_id_') continue;
    await scratch.createIndex(index.key, { name: index.name, unique: index.unique ?? false });
  }
  const result: RawInsertResult = { documents: 0, seconds: 0, alerts: 0, entities: 0, comments: 0 };
  let batch: IncidentDoc[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const started = performance.now();
    await scratch.insertMany(batch, { ordered: false });
    result.seconds += (performance.now() - started) / 1000;
    result.documents += batch.length;
    batch = [];
  };
  try {
    for await (const doc of source.find({ tenantId: TENANT }, { batchSize: 1_000 }) as AsyncIterable<IncidentDoc>) {
      result.alerts += doc.alerts.length;
      result.entities += doc.entities.length;
      result.comments += doc.comments.length;
      batch.push(doc);
      if (batch.length === 1_000) await flush();
    }
    await flush();
  } finally {
    await scratch.drop().catch(() => undefined);
  }
  return result;
}
