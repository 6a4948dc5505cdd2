/**
 * What a notification says about an incident, independent of the medium: built from an event's
 * payload (rule notifications) or from the full analysis report (emailAnalysisReport), then
 * rendered as email (incidentReportEmail) or webhook JSON (webhookPayloads).
 */
export interface IncidentReport {
  /** What happened, e.g. "Analysis completed" or "Incident closed". */
  headline: string;
  incident: {
    id: string;
    number: number | null;
    title: string;
    severity: string | null;
    status: string | null;
    classification: string | null;
    owner: string | null;
    description: string | null;
  };
  /** Extra labelled facts (event type, changed fields, source, failed stage...). */
  facts: Array<{ label: string; value: string }>;
  /** A paragraph: the analysis report summary, or the failure reason. */
  summary: string | null;
  analysisId: string | null;
  verdict: {
    classification: string;
    confidence: number;
    summary: string;
    evidence: string[];
    recommendedActions: string[];
  } | null;
  severityAssessment: { severity: string; score: number; rationale: string } | null;
  rootCause: { summary: string; rootCause: string; attackChain: Array<{ step: string; description: string }>; affectedAssets: string[] } | null;
  threat: {
    summary: string;
    tactics: Array<{ id: string; name: string }>;
    techniques: Array<{ id: string; name: string; tactic: string | null }>;
    iocs: Array<{ type: string; value: string; context: string | null }>;
  } | null;
  emailVerdict: { verdict: string; confidence: number; summary: string } | null;
}

export const emptyReportParts = {
  facts: [],
  summary: null,
  analysisId: null,
  verdict: null,
  severityAssessment: null,
  rootCause: null,
  threat: null,
  emailVerdict: null,
} satisfies Partial<IncidentReport>;

export const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/** `Incident #42` when the number is known. */
export const incidentLabel = (report: IncidentReport) => (report.incident.number !== null ? `Incident #${report.incident.number}` : 'Incident');

/** The one-line title of a notification (mail subject, webhook title); the caller makes it a single safe line. */
export function reportTitle(report: IncidentReport): string {
  const severity = report.severityAssessment?.severity ?? report.incident.severity;
  return `${severity ? `[${severity}] ` : ''}${incidentLabel(report)}: ${report.incident.title} (${report.headline})`;
}
