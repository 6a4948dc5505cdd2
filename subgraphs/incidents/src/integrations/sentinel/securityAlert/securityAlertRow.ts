import { z } from 'zod';
import type { EntityRecord, Severity } from '../../../models/incidentRecord';
import type { SentinelTactic } from '../types';
import { alertTactics, alertTechniques } from './alertTactics';
import { parseLogAnalyticsTime } from './logAnalyticsTime';
import { AlertEntitiesError, mapAlertEntities } from './mapAlertEntities';

/** A SecurityAlert row after validation, with the columns this service reads, normalised. */
export interface SecurityAlertRow {
  systemAlertId: string;
  title: string;
  description: string | null;
  severity: Severity;
  /** Alert status (New, InProgress, Resolved, Dismissed, Unknown); independent of any incident status. */
  status: string;
  productName: string;
  providerAlertId: string | null;
  alertLink: string | null;
  startTime: Date | null;
  endTime: Date | null;
  timeGenerated: Date;
  tactics: SentinelTactic[];
  techniques: string[];
  entities: EntityRecord[];
}

const SEVERITIES = new Map<string, Severity>([
  ['informational', 'INFORMATIONAL'],
  ['low', 'LOW'],
  ['medium', 'MEDIUM'],
  ['high', 'HIGH'],
]);

/** A text column: absent, null and blank all mean "no value" (CSV exports write empty cells as ""). */
const optionalText = z
  .union([z.string(), z.number()], { error: 'must be a string' })
  .nullish()
  .transform((value) => {
    const text = value === null || value === undefined ? '' : String(value).trim();
    return text === '' ? undefined : text;
  });

const optionalTime = optionalText.transform((text, ctx) => {
  if (text === undefined) return null;
  const date = parseLogAnalyticsTime(text);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: `is not a timestamp: ${JSON.stringify(text.slice(0, 60))}` });
  return z.NEVER;
});

/** ExtendedProperties and Entities: Log Analytics keeps them as JSON text; senders may inline the JSON. */
const jsonColumn = z.unknown().optional().transform((value, ctx) => {
  if (typeof value !== 'string') return value ?? undefined;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return z.NEVER;
  }
});

const extendedProperties = jsonColumn.pipe(z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).optional());

/**
 * One row of the Log Analytics SecurityAlert table. Both column generations are read: the current
 * one (DisplayName, AlertSeverity, StartTime, EndTime, VendorOriginalId) and the older one that
 * exports and msticpy use (AlertDisplayName, Severity, StartTimeUtc, EndTimeUtc, ProviderAlertId).
 * Other columns are allowed and ignored.
 */
const rowColumns = z.looseObject({
  SystemAlertId: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required: the id the incident is keyed by' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters'),
  DisplayName: optionalText,
  AlertDisplayName: optionalText,
  AlertName: optionalText,
  Description: optionalText,
  AlertSeverity: optionalText,
  Severity: optionalText,
  Status: optionalText,
  ProductName: optionalText,
  ProviderName: optionalText,
  VendorName: optionalText,
  VendorOriginalId: optionalText,
  ProviderAlertId: optionalText,
  AlertLink: optionalText,
  StartTime: optionalTime,
  StartTimeUtc: optionalTime,
  EndTime: optionalTime,
  EndTimeUtc: optionalTime,
  TimeGenerated: optionalTime,
  Tactics: z.unknown().optional(),
  Techniques: z.unknown().optional(),
  SubTechniques: z.unknown().optional(),
  ExtendedProperties: extendedProperties,
  Entities: jsonColumn,
});

export const securityAlertRowSchema = rowColumns.transform((row, ctx): SecurityAlertRow => {
  let valid = true;
  const problem = (path: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [path], message });
    valid = false;
  };

  const title = row.DisplayName ?? row.AlertDisplayName ?? row.AlertName;
  if (!title) problem('DisplayName', 'is required: an alert needs a name (DisplayName, AlertDisplayName or AlertName)');
  const severityText = row.AlertSeverity ?? row.Severity;
  const severity = severityText === undefined ? undefined : SEVERITIES.get(severityText.toLowerCase());
  if (severityText === undefined) problem('AlertSeverity', 'is required (AlertSeverity, or Severity in older exports): High, Medium, Low or Informational');
  else if (!severity) problem(row.AlertSeverity ? 'AlertSeverity' : 'Severity', `must be High, Medium, Low or Informational, not ${JSON.stringify(severityText)}`);
  if (!row.TimeGenerated) problem('TimeGenerated', 'is required: when Sentinel recorded the alert');
  let entities: EntityRecord[] = [];
  try {
    entities = mapAlertEntities(row.Entities, row.SystemAlertId);
  } catch (error) {
    if (!(error instanceof AlertEntitiesError)) throw error;
    problem('Entities', error.message);
  }
  if (!valid || !title || !severity || !row.TimeGenerated) return z.NEVER;

  return {
    systemAlertId: row.SystemAlertId,
    title,
    description: row.Description ?? null,
    severity,
    status: row.Status ?? 'Unknown',
    // Older rows have no ProductName; the provider (e.g. "Detection", "CustomAlertRule") is the next best.
    productName: row.ProductName ?? row.ProviderName ?? row.VendorName ?? 'Unknown',
    providerAlertId: row.VendorOriginalId ?? row.ProviderAlertId ?? null,
    alertLink: row.AlertLink && /^https:\/\//i.test(row.AlertLink) ? row.AlertLink : null,
    startTime: row.StartTime ?? row.StartTimeUtc,
    endTime: row.EndTime ?? row.EndTimeUtc,
    timeGenerated: row.TimeGenerated,
    tactics: alertTactics(row.Tactics, row.ExtendedProperties ?? {}),
    techniques: alertTechniques(row.Techniques, row.SubTechniques),
    entities,
  };
});
