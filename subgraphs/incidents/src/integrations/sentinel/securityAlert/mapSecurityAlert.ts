import { createHash } from 'node:crypto';
import type { IncidentRecord } from '../../../models/incidentRecord';
import type { SecurityAlertRow } from './securityAlertRow';

/**
 * One SecurityAlert row as an incident of its own, keyed by SystemAlertId: a new incident (status
 * NEW, unassigned) holding the alert and its entities. The number comes from the caller (it needs
 * the tenant's other incidents). The etag is a digest of everything else, so a replayed row is
 * recognised as unchanged and a changed row as an update.
 */
export function mapSecurityAlert(row: SecurityAlertRow, number: number): IncidentRecord {
  const content: Omit<IncidentRecord, 'number' | 'etag'> = {
    sentinelId: row.systemAlertId,
    // No ARM incident exists for a bare alert: this names the SecurityAlert row it came from.
    sentinelResourceId: `SecurityAlert/${row.systemAlertId}`,
    title: row.title,
    description: row.description,
    severity: row.severity,
    status: 'NEW',
    classification: null,
    classificationReason: null,
    classificationComment: null,
    owner: null,
    labels: [],
    tactics: row.tactics,
    techniques: row.techniques,
    providerName: row.productName,
    providerIncidentId: null,
    incidentUrl: row.alertLink,
    alertProductNames: [row.productName],
    firstActivityAt: row.startTime,
    lastActivityAt: row.endTime,
    // Log Analytics appends a row for every change of an alert: TimeGenerated is its last modification.
    createdAt: row.timeGenerated,
    lastModifiedAt: row.timeGenerated,
    alerts: [
      {
        alertId: row.systemAlertId,
        displayName: row.title,
        description: row.description,
        severity: row.severity,
        status: row.status,
        productName: row.productName,
        providerAlertId: row.providerAlertId,
        tactics: row.tactics,
        techniques: row.techniques,
        startTimeUtc: row.startTime,
        endTimeUtc: row.endTime,
        timeGenerated: row.timeGenerated,
      },
    ],
    entities: row.entities,
    comments: [],
  };
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
  return { ...content, number, etag: `W/"${digest}"` };
}
