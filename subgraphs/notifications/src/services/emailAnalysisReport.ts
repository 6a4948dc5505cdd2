import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { authorize, badUserInput, notFound, platformError, ErrorCode, ServiceCallError } from '@soc/server-kit';
import type { NotificationDoc } from '../models';
import type { NotificationsContext } from '../resolvers/context';
import { renderIncidentReportEmail } from '../templates/incidentReportEmail';
import { emptyReportParts, type IncidentReport } from '../templates/incidentReport';
import { enqueueNotification } from './enqueueNotification';
import { MAX_EMAIL_RECIPIENTS, validateRecipients } from './ruleInput';
import type { ServiceAnalysis, ServiceIncident } from './serviceReads';

export interface EmailAnalysisReportArgs {
  incidentId: string;
  analysisId: string;
  recipients: string[];
}

/** The full report: the incident as the incidents service has it, and every finding of the analysis. */
export function analysisReport(incident: ServiceIncident, analysis: ServiceAnalysis): IncidentReport {
  return {
    ...emptyReportParts,
    headline: analysis.verdict ? `AI analysis report: ${analysis.verdict.classification}` : 'AI analysis report',
    analysisId: analysis.id,
    incident: {
      id: incident.id,
      number: incident.number ?? null,
      title: incident.title,
      severity: incident.severity ?? null,
      status: incident.status ?? null,
      classification: incident.classification ?? null,
      owner: incident.owner?.assignedTo ?? incident.owner?.email ?? null,
      description: incident.description ?? null,
    },
    verdict: analysis.verdict ?? null,
    severityAssessment: analysis.severityAssessment ?? null,
    rootCause: analysis.rootCause ?? null,
    threat: analysis.threatAnalysis ?? null,
    emailVerdict: analysis.emailVerdict ?? null,
  };
}

const isObjectIdHex = (value: string) => /^[0-9a-f]{24}$/i.test(value);

/**
 * `emailAnalysisReport`: an analyst mails an incident's analysis report to chosen recipients. Every
 * input is checked before anything is queued; each recipient gets one notification, delivered by
 * the worker like any other (rate limit, retries, status).
 */
export async function emailAnalysisReport(context: NotificationsContext, args: EmailAnalysisReportArgs): Promise<NotificationDoc[]> {
  const tenantId = authorize(context, 'notifications:write');
  const recipients = validateRecipients(args.recipients, 'recipients', { min: 1, max: MAX_EMAIL_RECIPIENTS });
  if (!isObjectIdHex(args.incidentId)) throw notFound('Incident');
  if (!isObjectIdHex(args.analysisId)) throw notFound('Analysis');
  const { reads, publisher, worker, settings } = context.services;
  let incident: ServiceIncident | null;
  let analysis: ServiceAnalysis | null;
  try {
    [incident, analysis] = await Promise.all([reads.incident(tenantId, args.incidentId), reads.analysis(tenantId, args.analysisId)]);
  } catch (error) {
    context.logger.error({ err: error }, 'incident or analysis could not be read for the report');
    const status = error instanceof ServiceCallError ? error.status : 0;
    throw platformError(ErrorCode.INTERNAL_SERVER_ERROR, `The report could not be assembled (${status ? `a service answered ${status}` : 'a service is unreachable'}); try again`);
  }
  // The same answer for "missing" and "another tenant's": nothing about other tenants leaks.
  if (!incident) throw notFound('Incident');
  if (!analysis || analysis.incidentId !== incident.id) throw notFound('Analysis');
  if (analysis.status !== 'COMPLETED') {
    throw badUserInput(`The analysis is ${analysis.status}: a report can be emailed once it is COMPLETED`, 'analysisId');
  }
  const email = renderIncidentReportEmail(analysisReport(incident, analysis));
  const requestedBy = context.principal.email ?? `${context.principal.kind}:${context.principal.id}`;
  // One request, one set of notifications: a new id per call (an analyst may well send the report twice on purpose).
  const requestKey = randomUUID();
  const ids: Types.ObjectId[] = [];
  for (const recipient of recipients) {
    const { id } = await enqueueNotification(context.models, publisher, {
      dedupeKey: `manual|${requestKey}|${args.analysisId}|EMAIL|${recipient}`,
      tenantId,
      incidentId: incident.id,
      channel: 'EMAIL',
      recipient,
      subject: email.subject,
      email,
      cause: { kind: 'MANUAL', eventId: null, eventType: null, ruleId: null, ruleName: null, requestedBy },
      maxAttempts: settings.maxAttempts,
    });
    ids.push(id);
  }
  worker.kick();
  context.logger.info({ tenantId, incidentId: incident.id, analysisId: analysis.id, recipients: recipients.length }, 'analysis report queued for email');
  const docs = await context.models.Notification.find({ tenantId, _id: { $in: ids } }).lean();
  const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
  return ids.map((id) => byId.get(id.toHexString())!).filter(Boolean);
}
