import { incidentObjectId, type IncidentDoc, type IncidentsModels } from '../models';
import { enqueueIncidentEvents } from '../events/incidentEventRelay';
import type { IncidentRecord } from '../models/incidentRecord';
import { mapSecurityAlert } from '../integrations/sentinel/securityAlert/mapSecurityAlert';
import type { SecurityAlertRow } from '../integrations/sentinel/securityAlert/securityAlertRow';
import { newIncidentDocument } from '../services/incidentDocument';
import { applySentinelIncident, syncUpdate } from '../services/sentinelSync';
import type { IncidentNumberCounter } from './incidentNumberCounter';

export interface WebhookCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
}

const DUPLICATE_KEY = 11000;

/**
 * An alert carries no incident state, so for an incident that exists the analyst's work stays:
 * number, status, owner, classification, labels, comments and first-seen time. Severity follows
 * the alert unless an analyst changed it (it then differs from the stored alert's severity).
 */
function keepTriage(record: IncidentRecord, existing: IncidentDoc): IncidentRecord {
  const analystSetSeverity = existing.alerts[0] !== undefined && existing.severity !== existing.alerts[0].severity;
  return {
    ...record,
    number: existing.number,
    status: existing.status,
    severity: analystSetSeverity ? existing.severity : record.severity,
    owner: existing.owner,
    classification: existing.classification,
    classificationReason: existing.classificationReason,
    classificationComment: existing.classificationComment,
    labels: existing.labels,
    comments: existing.comments,
    createdAt: existing.createdAt,
  };
}

/** Indexes of the documents an unordered insertMany refused as duplicates; any other failure is rethrown. */
function duplicateIndexes(error: unknown): Set<number> {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number; index?: number; err?: { code?: number; index?: number } }> }).writeErrors;
  if (!writeErrors?.length || !writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY)) throw error;
  return new Set(writeErrors.map((e) => e.index ?? e.err?.index ?? -1));
}

/**
 * Writes SecurityAlert rows as incidents, one per SystemAlertId, in the order given (a later row of
 * the same alert updates the incident the earlier one made). New alerts get consecutive numbers in
 * the order Sentinel generated them. The outcome per row is the sync's: created, updated (the
 * revision-guarded update of applySentinelIncident) or unchanged, so a replayed call changes
 * nothing. Work is batched (one read, one insert) because a per-row lookup costs a collection
 * scan on FerretDB's SQLite backend.
 */
export async function importSecurityAlerts(models: IncidentsModels, numbers: IncidentNumberCounter, tenantId: string, rows: SecurityAlertRow[]): Promise<WebhookCounts> {
  const counts: WebhookCounts = { received: rows.length, created: 0, updated: 0, unchanged: 0 };
  const occurrences = new Map<string, number>();
  for (const row of rows) occurrences.set(row.systemAlertId, (occurrences.get(row.systemAlertId) ?? 0) + 1);
  const ids = [...occurrences.keys()];
  const stored = (await models.Incident.find({ tenantId, sentinelId: { $in: ids } }).lean()) as IncidentDoc[];
  const existing = new Map(stored.map((doc) => [doc.sentinelId, doc]));

  const fresh = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !existing.has(row.systemAlertId))
    .sort((a, b) => a.row.timeGenerated.getTime() - b.row.timeGenerated.getTime() || a.index - b.index);
  const assigned = new Map<string, number>(fresh.map(({ row }) => [row.systemAlertId, 0]));
  if (assigned.size > 0) {
    let next = await numbers.reserve(tenantId, assigned.size);
    for (const id of assigned.keys()) assigned.set(id, next++);
  }

  // New alerts are inserted at once; changed ones, and repeats of a new alert, are applied after, in order.
  const inserts: IncidentRecord[] = [];
  const applies: IncidentRecord[] = [];
  const inserting = new Set<string>();
  const now = new Date();
  for (const row of rows) {
    const known = existing.get(row.systemAlertId);
    if (known) {
      const record = keepTriage(mapSecurityAlert(row, known.number), known);
      // An alert sent more than once in the call is applied row by row: the last row wins.
      if (occurrences.get(row.systemAlertId) === 1 && syncUpdate(known, record, now, 'WEBHOOK') === null) counts.unchanged += 1;
      else applies.push(record);
    } else {
      const record = mapSecurityAlert(row, assigned.get(row.systemAlertId) ?? 0);
      if (inserting.has(record.sentinelId)) {
        applies.push(record);
      } else {
        inserting.add(record.sentinelId);
        inserts.push(record);
      }
    }
  }

  if (inserts.length > 0) {
    let duplicates = new Set<number>();
    try {
      await models.Incident.insertMany(
        inserts.map((record) => newIncidentDocument(tenantId, record, 'WEBHOOK')),
        { ordered: false },
      );
    } catch (error) {
      duplicates = duplicateIndexes(error);
    }
    counts.created += inserts.length - duplicates.size;
    await enqueueIncidentEvents(
      models,
      inserts.filter((_record, index) => !duplicates.has(index)).map((record) => incidentObjectId(tenantId, record.sentinelId)),
    );
    // Created meanwhile by a concurrent call: the ordinary insert-or-update decides.
    for (const index of duplicates) {
      const record = inserts[index];
      if (record) applies.unshift(record);
    }
  }
  for (const record of applies) counts[await applySentinelIncident(models, tenantId, record, 'WEBHOOK')] += 1;
  return counts;
}
