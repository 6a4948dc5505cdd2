import type {
  AlertRecord,
  Classification,
  CommentRecord,
  EntityRecord,
  IncidentOwnerRecord,
  IncidentRecord,
  IncidentStatus,
  Severity,
} from '../../models/incidentRecord';
import { mapSentinelEntity } from './mapSentinelEntity';
import type {
  SentinelAlert,
  SentinelClassification,
  SentinelComment,
  SentinelEntity,
  SentinelIncident,
  SentinelIncidentOwner,
  SentinelIncidentStatus,
  SentinelSeverity,
} from './types';

/** The incident's related resources, fetched from the alerts, entities and comments endpoints. */
export interface SentinelIncidentRelated {
  alerts: SentinelAlert[];
  entities: SentinelEntity[];
  comments: SentinelComment[];
}

const SEVERITIES: Record<SentinelSeverity, Severity> = {
  Informational: 'INFORMATIONAL',
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
};

const STATUSES: Record<SentinelIncidentStatus, IncidentStatus> = {
  New: 'NEW',
  Active: 'ACTIVE',
  Closed: 'CLOSED',
};

const CLASSIFICATIONS: Record<SentinelClassification, Classification> = {
  TruePositive: 'TRUE_POSITIVE',
  BenignPositive: 'BENIGN_POSITIVE',
  FalsePositive: 'FALSE_POSITIVE',
  Undetermined: 'UNDETERMINED',
};

/**
 * Some responses omit providerName (the 2021-10-01 list example); the record requires one, and
 * Sentinel is at least the provider that served the incident.
 */
const SENTINEL_PROVIDER = 'Azure Sentinel';

/** ATT&CK technique or sub-technique id; anything else Sentinel puts in technique lists is dropped. */
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/**
 * Converts a Sentinel incident and its related resources into the stored record. Pure; throws on
 * enum values or timestamps it does not recognise, so bad input never turns into a plausible record.
 */
export function mapSentinelIncident(incident: SentinelIncident, related: SentinelIncidentRelated): IncidentRecord {
  const p = incident.properties;
  const where = `Sentinel incident ${incident.name}`;
  const alerts = related.alerts.map(mapAlert);
  return {
    sentinelId: incident.name,
    sentinelResourceId: incident.id,
    etag: incident.etag,
    number: p.incidentNumber,
    title: p.title,
    description: p.description ?? null,
    severity: mapEnum(SEVERITIES, p.severity, `${where}: properties.severity`),
    status: mapEnum(STATUSES, p.status, `${where}: properties.status`),
    classification:
      p.classification == null ? null : mapEnum(CLASSIFICATIONS, p.classification, `${where}: properties.classification`),
    classificationReason: p.classificationReason ?? null,
    classificationComment: p.classificationComment ?? null,
    owner: mapOwner(p.owner),
    labels: p.labels.map((label) => label.labelName),
    tactics: unique([...p.additionalData.tactics, ...alerts.flatMap((alert) => alert.tactics)]),
    techniques: unique([
      ...techniqueIds(p.additionalData.techniques ?? []),
      ...alerts.flatMap((alert) => alert.techniques),
    ]),
    providerName: p.providerName ?? SENTINEL_PROVIDER,
    providerIncidentId: p.providerIncidentId ?? null,
    incidentUrl: p.incidentUrl,
    alertProductNames: unique([...p.additionalData.alertProductNames, ...alerts.map((alert) => alert.productName)]),
    firstActivityAt: toOptionalDate(p.firstActivityTimeUtc, `${where}: properties.firstActivityTimeUtc`),
    lastActivityAt: toOptionalDate(p.lastActivityTimeUtc, `${where}: properties.lastActivityTimeUtc`),
    createdAt: toDate(p.createdTimeUtc, `${where}: properties.createdTimeUtc`),
    lastModifiedAt: toDate(p.lastModifiedTimeUtc, `${where}: properties.lastModifiedTimeUtc`),
    alerts,
    entities: related.entities.map(mapSentinelEntity).filter((entity): entity is EntityRecord => entity !== null),
    comments: related.comments.map(mapSentinelComment),
  };
}

function mapAlert(alert: SentinelAlert): AlertRecord {
  const p = alert.properties;
  const where = `Sentinel alert ${alert.name}`;
  return {
    alertId: alert.name,
    displayName: p.alertDisplayName,
    description: p.description ?? null,
    severity: mapEnum(SEVERITIES, p.severity, `${where}: properties.severity`),
    status: p.status,
    productName: p.productName,
    providerAlertId: p.providerAlertId ?? null,
    tactics: unique(p.tactics),
    techniques: unique(techniqueIds([...(p.techniques ?? []), ...(p.subTechniques ?? [])])),
    startTimeUtc: toOptionalDate(p.startTimeUtc, `${where}: properties.startTimeUtc`),
    endTimeUtc: toOptionalDate(p.endTimeUtc, `${where}: properties.endTimeUtc`),
    timeGenerated: toDate(p.timeGenerated, `${where}: properties.timeGenerated`),
  };
}

/** A Sentinel comment as stored on the incident (the sync and the comment sweep both use it). */
export function mapSentinelComment(comment: SentinelComment): CommentRecord {
  const p = comment.properties;
  return {
    commentId: comment.name,
    message: p.message,
    authorName: p.author.name ?? null,
    authorEmail: p.author.email ?? null,
    createdAt: toDate(p.createdTimeUtc, `Sentinel comment ${comment.name}: properties.createdTimeUtc`),
  };
}

/** Sentinel reports an unassigned incident as an owner whose fields are all null. */
function mapOwner(owner: SentinelIncidentOwner): IncidentOwnerRecord | null {
  const record: IncidentOwnerRecord = {
    objectId: owner.objectId ?? null,
    email: owner.email ?? null,
    userPrincipalName: owner.userPrincipalName ?? null,
    assignedTo: owner.assignedTo ?? null,
  };
  return Object.values(record).every((value) => value === null) ? null : record;
}

/** Looks an API enum value up, typed as unknown because the wire may carry values newer than this code. */
function mapEnum<K extends string, V>(table: Record<K, V>, value: unknown, field: string): V {
  if (typeof value === 'string' && Object.hasOwn(table, value)) return table[value as K];
  throw new Error(`${field} has unknown value ${JSON.stringify(value)}; expected one of ${Object.keys(table).join(', ')}`);
}

function toDate(value: unknown, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw new Error(`${field} is not an ISO 8601 timestamp: ${JSON.stringify(value)}`);
  }
  return date;
}

function toOptionalDate(value: unknown, field: string): Date | null {
  return value == null ? null : toDate(value, field);
}

function techniqueIds(ids: string[]): string[] {
  return ids.filter((id) => TECHNIQUE_ID.test(id));
}

/** Removes repeats, keeping the first occurrence's position. */
function unique(values: string[]): string[] {
  return [...new Set(values)];
}
