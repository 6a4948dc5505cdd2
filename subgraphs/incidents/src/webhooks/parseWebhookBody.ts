import { ErrorCode } from '@soc/server-kit';
import { z } from 'zod';
import { mapSentinelIncident } from '../integrations/sentinel/mapSentinelIncident';
import { securityAlertRowSchema, type SecurityAlertRow } from '../integrations/sentinel/securityAlert/securityAlertRow';
import type { IncidentRecord } from '../models/incidentRecord';
import { sentinelIncidentResourceSchema } from './sentinelIncidentResource';
import { WebhookError } from './webhookError';

/** Alerts one call may carry; larger exports are sent in several calls. */
export const MAX_ALERTS_PER_CALL = 1_000;
const PROBLEMS_IN_MESSAGE = 5;
const PROBLEMS_LISTED = 100;

/** What a webhook body asks for: one Sentinel incident, or SecurityAlert rows that each become one. */
export type WebhookPayload = { kind: 'incident'; record: IncidentRecord } | { kind: 'alerts'; rows: SecurityAlertRow[] };

const FORMATS = 'a Sentinel incident resource ({"id", "name", "etag", "properties", optional "alerts", "entities", "comments"}) or {"alerts": [SecurityAlert rows]}';

const alertsBodySchema = z.looseObject({
  alerts: z.array(securityAlertRowSchema, { error: 'must be an array of SecurityAlert rows' }).max(MAX_ALERTS_PER_CALL, `at most ${MAX_ALERTS_PER_CALL} alerts per call`),
});

interface Problem {
  path: string;
  message: string;
}

function invalid(problems: Problem[]): WebhookError {
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const more = problems.length > PROBLEMS_IN_MESSAGE ? ` (and ${problems.length - PROBLEMS_IN_MESSAGE} more)` : '';
  return new WebhookError(400, ErrorCode.BAD_USER_INPUT, `Invalid webhook body: ${shown.join('; ')}${more}. Nothing was written.`, {
    problems: problems.slice(0, PROBLEMS_LISTED),
  });
}

function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Reads and validates a whole webhook body before anything is written: invalid input of any part
 * refuses the call, with every problem listed by its path (alerts.3.Severity, properties.status, ...).
 */
export function parseWebhookBody(raw: Buffer): WebhookPayload {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new WebhookError(400, ErrorCode.BAD_REQUEST, `Webhook body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid([{ path: '', message: `the body must be a JSON object: ${FORMATS}` }]);

  if ('properties' in body) {
    const parsed = sentinelIncidentResourceSchema.safeParse(body);
    if (!parsed.success) throw invalid(problemsOf(parsed.error));
    try {
      return { kind: 'incident', record: mapSentinelIncident(parsed.data.incident, parsed.data.related) };
    } catch (error) {
      // The mapper is pure: whatever it cannot convert is a problem of the input.
      throw invalid([{ path: '', message: error instanceof Error ? error.message : String(error) }]);
    }
  }
  if ('alerts' in body) {
    const parsed = alertsBodySchema.safeParse(body);
    if (!parsed.success) throw invalid(problemsOf(parsed.error));
    return { kind: 'alerts', rows: parsed.data.alerts };
  }
  throw invalid([{ path: '', message: `unknown body format: expected ${FORMATS}` }]);
}
