import type { SentinelIncident, SentinelIncidentOwner, SentinelIncidentProperties } from '../types';

/**
 * The writable properties of an incident, as PUT .../incidents/{name} takes them. The read model in
 * `../types` marks every owner field as present and includes server-computed fields (incidentNumber,
 * additionalData, timestamps, ...), which a write must not send; the example request sends an owner
 * with only `objectId`, and Sentinel fills in the rest.
 */
export type SentinelIncidentUpdate = Pick<SentinelIncidentProperties, 'title' | 'severity' | 'status'> &
  Partial<
    Pick<
      SentinelIncidentProperties,
      'description' | 'classification' | 'classificationReason' | 'classificationComment' | 'labels' | 'firstActivityTimeUtc' | 'lastActivityTimeUtc'
    >
  > & { owner?: Partial<SentinelIncidentOwner> };

/** The request body of an incident PUT: Sentinel checks `etag` against the current one (412 if stale). */
export interface SentinelIncidentPutBody {
  etag: string;
  properties: SentinelIncidentUpdate;
}

/**
 * The writable part of an incident as read, to change and send back (read-modify-write). A PUT
 * replaces the writable properties, so starting from the current ones keeps what we do not change.
 */
export function toIncidentUpdate(incident: SentinelIncident): SentinelIncidentUpdate {
  const p = incident.properties;
  const update: SentinelIncidentUpdate = { title: p.title, severity: p.severity, status: p.status, labels: p.labels };
  if (p.description !== undefined) update.description = p.description;
  if (p.classification !== undefined) update.classification = p.classification;
  if (p.classificationReason !== undefined) update.classificationReason = p.classificationReason;
  if (p.classificationComment !== undefined) update.classificationComment = p.classificationComment;
  if (p.firstActivityTimeUtc !== undefined) update.firstActivityTimeUtc = p.firstActivityTimeUtc;
  if (p.lastActivityTimeUtc !== undefined) update.lastActivityTimeUtc = p.lastActivityTimeUtc;
  // An unassigned incident reads as an owner with all fields null; sending that back is a no-op at best.
  const { objectId, email, userPrincipalName, assignedTo } = p.owner;
  if ([objectId, email, userPrincipalName, assignedTo].some((value) => value !== null)) update.owner = { ...p.owner };
  return update;
}
