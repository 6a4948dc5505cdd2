import { z } from 'zod';
import type { DomainEvent } from '@soc/server-kit';
import type { RuleEventType } from '../models';
import { emptyReportParts, type IncidentReport } from '../templates/incidentReport';
import type { MatchFacts } from '../services/ruleMatcher';

/**
 * The payloads this service consumes (DESIGN.md, "Events between services"), checked on arrival:
 * a payload that does not parse fails the event, which the kit retries and then dead-letters
 * (visible in processed_events) instead of notifying with half the facts.
 */
const owner = z.object({ email: z.string().nullish(), assignedTo: z.string().nullish() }).nullish();

export const incidentEventPayload = z.object({
  incidentId: z.string().min(1),
  number: z.number().int().nullish(),
  title: z.string().default(''),
  severity: z.string().nullish(),
  status: z.string().nullish(),
  previousStatus: z.string().nullish(),
  classification: z.string().nullish(),
  owner,
  changedFields: z.array(z.string()).default([]),
  source: z.string().nullish(),
});

export const analysisCompletedPayload = z.object({
  incidentId: z.string().min(1),
  analysisId: z.string().min(1),
  incidentNumber: z.number().int().nullish(),
  incidentTitle: z.string().default(''),
  incidentSeverity: z.string().nullish(),
  verdict: z.object({
    classification: z.string(),
    confidence: z.number(),
    summary: z.string().default(''),
    evidence: z.array(z.string()).default([]),
    recommendedActions: z.array(z.string()).default([]),
  }),
  severityAssessment: z.object({ severity: z.string(), score: z.number().default(0), rationale: z.string().default('') }).nullish(),
  reportSummary: z.string().nullish(),
});

export const analysisFailedPayload = z.object({
  incidentId: z.string().min(1),
  analysisId: z.string().min(1),
  stage: z.string().nullish(),
  reason: z.string().nullish(),
});

/** An event as rules see it: what they match on, who owns the incident, and what to say. */
export interface NotificationTrigger {
  event: DomainEvent;
  incidentId: string;
  facts: MatchFacts;
  /** The incident owner's address: known from incident events; undefined: look it up when a rule wants it. */
  ownerEmail: string | null | undefined;
  /** The event lacks the incident's title or number (analysis.failed always): the handler fills them in if it can. */
  needsIncidentDetails: boolean;
  report: IncidentReport;
}

const RULE_EVENT_TYPE: Record<string, RuleEventType> = {
  'incident.created': 'INCIDENT_CREATED',
  'incident.updated': 'INCIDENT_UPDATED',
  'analysis.completed': 'ANALYSIS_COMPLETED',
  'analysis.failed': 'ANALYSIS_FAILED',
};

export const CONSUMED_EVENT_TYPES = { incidents: ['incident.created', 'incident.updated'], analysis: ['analysis.completed', 'analysis.failed'] } as const;

function incidentTrigger(event: DomainEvent, eventType: RuleEventType): NotificationTrigger {
  const p = incidentEventPayload.parse(event.payload);
  const statusChanged = p.changedFields.includes('status') || (Boolean(p.previousStatus) && p.previousStatus !== p.status);
  const headline =
    eventType === 'INCIDENT_CREATED'
      ? 'New incident'
      : statusChanged && p.status === 'CLOSED'
        ? 'Incident closed'
        : statusChanged
          ? `Status ${p.previousStatus ?? '?'} → ${p.status ?? '?'}`
          : 'Incident updated';
  const facts = [
    ...(p.changedFields.length && eventType === 'INCIDENT_UPDATED' ? [{ label: 'Changed', value: p.changedFields.join(', ') }] : []),
    ...(p.source ? [{ label: 'Changed by', value: p.source }] : []),
  ];
  return {
    event,
    incidentId: p.incidentId,
    facts: {
      eventType,
      classification: p.classification ?? null,
      confidence: null,
      severity: p.severity ?? null,
      status: p.status ?? null,
      previousStatus: p.previousStatus ?? null,
      statusChanged,
      source: p.source ?? null,
    },
    ownerEmail: p.owner?.email?.trim().toLowerCase() || null,
    needsIncidentDetails: false,
    report: {
      ...emptyReportParts,
      headline,
      facts,
      incident: {
        id: p.incidentId,
        number: p.number ?? null,
        title: p.title,
        severity: p.severity ?? null,
        status: p.status ?? null,
        classification: p.classification ?? null,
        owner: p.owner?.assignedTo ?? p.owner?.email ?? null,
        description: null,
      },
    },
  };
}

function analysisCompletedTrigger(event: DomainEvent): NotificationTrigger {
  const p = analysisCompletedPayload.parse(event.payload);
  return {
    event,
    incidentId: p.incidentId,
    facts: {
      eventType: 'ANALYSIS_COMPLETED',
      classification: p.verdict.classification,
      confidence: p.verdict.confidence,
      severity: p.severityAssessment?.severity ?? p.incidentSeverity ?? null,
      status: null,
      previousStatus: null,
      statusChanged: false,
      source: null,
    },
    ownerEmail: undefined,
    // The incident's number and title make the subject; when the event lacks them, ask the incidents service.
    needsIncidentDetails: !p.incidentTitle || p.incidentNumber == null,
    report: {
      ...emptyReportParts,
      headline: `Analysis completed: ${p.verdict.classification}`,
      analysisId: p.analysisId,
      summary: p.reportSummary ?? null,
      verdict: p.verdict,
      severityAssessment: p.severityAssessment ?? null,
      incident: { id: p.incidentId, number: p.incidentNumber ?? null, title: p.incidentTitle || `Incident ${p.incidentId}`, severity: p.incidentSeverity ?? null, status: null, classification: null, owner: null, description: null },
    },
  };
}

function analysisFailedTrigger(event: DomainEvent): NotificationTrigger {
  const p = analysisFailedPayload.parse(event.payload);
  return {
    event,
    incidentId: p.incidentId,
    facts: { eventType: 'ANALYSIS_FAILED', classification: null, confidence: null, severity: null, status: null, previousStatus: null, statusChanged: false, source: null },
    ownerEmail: undefined,
    needsIncidentDetails: true,
    report: {
      ...emptyReportParts,
      headline: 'Analysis failed',
      analysisId: p.analysisId,
      summary: p.reason ?? null,
      facts: p.stage ? [{ label: 'Failed stage', value: p.stage }] : [],
      incident: { id: p.incidentId, number: null, title: `Incident ${p.incidentId}`, severity: null, status: null, classification: null, owner: null, description: null },
    },
  };
}

/** The trigger for a consumed event; null for types this service does not act on. */
export function triggerFromEvent(event: DomainEvent): NotificationTrigger | null {
  const eventType = RULE_EVENT_TYPE[event.type];
  if (!eventType) return null;
  if (eventType === 'ANALYSIS_COMPLETED') return analysisCompletedTrigger(event);
  if (eventType === 'ANALYSIS_FAILED') return analysisFailedTrigger(event);
  return incidentTrigger(event, eventType);
}
