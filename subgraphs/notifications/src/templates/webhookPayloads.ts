import type { WebhookFormat } from '../models';
import { cleanText, escapeSlack, escapeTeams, singleLine } from './escape';
import { incidentLabel, percent, reportTitle, type IncidentReport } from './incidentReport';

/** Who the webhook is about: enough for a receiver to deduplicate and to look the rest up through the API. */
export interface WebhookEnvelope {
  notificationId: string;
  tenantId: string;
  event: { id: string; type: string; occurredAt: Date } | null;
  rule: { id: string; name: string } | null;
}

const SEVERITY_COLORS: Record<string, string> = { HIGH: 'C62828', MEDIUM: 'EF6C00', LOW: 'F9A825', INFORMATIONAL: '1565C0' };

/** Labelled facts shared by the Teams and Slack layouts. */
function facts(report: IncidentReport): Array<{ name: string; value: string }> {
  const rows: Array<[string, string | null]> = [
    ['Severity', report.severityAssessment?.severity ?? report.incident.severity],
    ['Status', report.incident.status],
    ['Verdict', report.verdict ? `${report.verdict.classification} (${percent(report.verdict.confidence)})` : null],
    ['Owner', report.incident.owner],
    ...report.facts.map((f): [string, string] => [f.label, f.value]),
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1])).map(([name, value]) => ({ name, value: singleLine(value, 300) }));
}

const summaryOf = (report: IncidentReport) => cleanText(report.verdict?.summary ?? report.summary ?? '', 2500);

/** The platform's own JSON: structured data, no markup. Receivers verify x-soc-signature (verifyWebhookSignature). */
function genericPayload(report: IncidentReport, envelope: WebhookEnvelope) {
  return {
    type: 'soc.notification',
    version: 1,
    notificationId: envelope.notificationId,
    tenantId: envelope.tenantId,
    event: envelope.event ? { id: envelope.event.id, type: envelope.event.type, occurredAt: envelope.event.occurredAt.toISOString() } : null,
    rule: envelope.rule,
    title: singleLine(reportTitle(report), 300),
    headline: report.headline,
    incident: {
      id: report.incident.id,
      number: report.incident.number,
      title: cleanText(report.incident.title, 500),
      severity: report.incident.severity,
      status: report.incident.status,
      classification: report.incident.classification,
    },
    analysis: report.analysisId
      ? {
          id: report.analysisId,
          verdict: report.verdict
            ? { classification: report.verdict.classification, confidence: report.verdict.confidence, summary: cleanText(report.verdict.summary) }
            : null,
          severityAssessment: report.severityAssessment,
        }
      : null,
    summary: report.summary ? cleanText(report.summary) : null,
    facts: report.facts.map((f) => ({ label: f.label, value: cleanText(f.value, 500) })),
  };
}

/** An Office 365 connector MessageCard (what Teams incoming webhooks accept), every text escaped. */
function teamsPayload(report: IncidentReport) {
  const severity = report.severityAssessment?.severity ?? report.incident.severity ?? '';
  const title = singleLine(reportTitle(report), 250);
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: escapeTeams(title),
    themeColor: SEVERITY_COLORS[severity] ?? '546E7A',
    title: escapeTeams(title),
    sections: [
      {
        activityTitle: escapeTeams(singleLine(`${incidentLabel(report)}: ${report.incident.title}`, 250)),
        activitySubtitle: escapeTeams(report.headline),
        facts: facts(report).map((f) => ({ name: escapeTeams(f.name), value: escapeTeams(f.value) })),
        text: escapeTeams(summaryOf(report)),
        markdown: true,
      },
    ],
  };
}

/** Slack Block Kit message (incoming webhooks), with `text` as the notification fallback. */
function slackPayload(report: IncidentReport) {
  const title = singleLine(reportTitle(report), 150);
  const fields = facts(report)
    .slice(0, 10)
    .map((f) => ({ type: 'mrkdwn', text: `*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}` }));
  const summary = summaryOf(report);
  return {
    text: escapeSlack(title),
    blocks: [
      // plain_text: Slack renders it literally, so no escaping is needed there (and none would be undone).
      { type: 'header', text: { type: 'plain_text', text: title, emoji: false } },
      ...(fields.length ? [{ type: 'section', fields }] : []),
      ...(summary ? [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(summary).slice(0, 2900) } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`SOC platform · ${report.headline}`) }] },
    ],
  };
}

/** The JSON body of a webhook notification in the rule's format. */
export function renderWebhookBody(format: WebhookFormat, report: IncidentReport, envelope: WebhookEnvelope): string {
  const payload = format === 'TEAMS' ? teamsPayload(report) : format === 'SLACK' ? slackPayload(report) : genericPayload(report, envelope);
  return JSON.stringify(payload);
}
