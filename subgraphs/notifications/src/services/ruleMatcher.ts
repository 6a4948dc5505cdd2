import type { RuleEventType, RuleMatch } from '../models';

/** What rules look at in an event, the same for every event type (null: the event does not carry it). */
export interface MatchFacts {
  eventType: RuleEventType;
  /** Verdict classification (analysis.completed) or the incident's classification (incident events). */
  classification: string | null;
  confidence: number | null;
  /** Assessed severity when the analysis made one, else the incident's. */
  severity: string | null;
  status: string | null;
  previousStatus: string | null;
  statusChanged: boolean;
  source: string | null;
}

const anyOf = <T>(allowed: readonly T[], value: T | null) => allowed.length === 0 || (value !== null && allowed.includes(value));

/** Whether an event satisfies every condition of a rule; a condition on something the event lacks fails. */
export function ruleMatches(match: RuleMatch, facts: MatchFacts): boolean {
  if (!match.eventTypes.includes(facts.eventType)) return false;
  if (!anyOf(match.classifications, facts.classification)) return false;
  if (!anyOf(match.severities, facts.severity)) return false;
  if (!anyOf(match.sources, facts.source)) return false;
  if (match.minConfidence !== null && (facts.confidence === null || facts.confidence < match.minConfidence)) return false;
  if (match.statusTransitions.length > 0) {
    if (!facts.statusChanged) return false;
    const transitioned = match.statusTransitions.some((t) => t.to === facts.status && (t.from === null || t.from === facts.previousStatus));
    if (!transitioned) return false;
  }
  return true;
}
