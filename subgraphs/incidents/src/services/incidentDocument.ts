import { deriveIncidentFields, incidentObjectId, type IncidentDoc } from '../models';
import type { IncidentRecord } from '../models/incidentRecord';

/**
 * The full document for an incident seen for the first time (from Sentinel, the webhook or the
 * demo generator). Sentinel does not say when an incident was first taken on, so an incident that
 * arrives already active counts as acknowledged at its last modification.
 */
export function newIncidentDocument(tenantId: string, record: IncidentRecord, source: IncidentDoc['source']): IncidentDoc {
  const lifecycleAt = record.lastModifiedAt;
  return {
    _id: incidentObjectId(tenantId, record.sentinelId),
    ...record,
    ...deriveIncidentFields(record),
    tenantId,
    source,
    updatedAt: record.lastModifiedAt,
    acknowledgedAt: record.status !== 'NEW' || record.owner?.email ? lifecycleAt : null,
    closedAt: record.status === 'CLOSED' ? lifecycleAt : null,
    timeline: [
      {
        at: record.createdAt,
        actor: record.providerName,
        source: source === 'WEBHOOK' ? 'WEBHOOK' : source === 'DEMO' ? 'SYSTEM' : 'SYNC',
        field: 'created',
        from: null,
        to: record.status,
        note: null,
      },
    ],
    writeBacks: [],
    hasPendingWriteBack: false,
    rev: 0,
  };
}
