import type { AgentOutputs, SeverityAssessmentOutput } from '../../../agents';
import type { Severity } from '../../../agents';
import { killChainRank } from './attackCatalog';
import type { IncidentFacts } from './incidentFacts';
import { sentinelTacticShortname } from './mapAttack';
import { clip, listText, plural } from './text';

/**
 * Severity score 0-100 as a sum of named factors (each shown with its points), mapped to a severity:
 *   HIGH >= 70, MEDIUM >= 45, LOW >= 20, INFORMATIONAL below.
 * The base is the highest alert severity (High 45, Medium 30, Low 15, Informational 5); volume,
 * scope, the furthest ATT&CK stage reached, privileged targets, the email verdict and known-bad
 * indicators add to it; benign explanations and detections judged wrong take away.
 */
export const SEVERITY_THRESHOLDS: ReadonlyArray<readonly [Severity, number]> = [
  ['HIGH', 70],
  ['MEDIUM', 45],
  ['LOW', 20],
  ['INFORMATIONAL', 0],
];

const BASE: Record<Severity, number> = { HIGH: 45, MEDIUM: 30, LOW: 15, INFORMATIONAL: 5 };

/** Points for the furthest stage reached: the later and more damaging, the more. */
const STAGE_POINTS: Record<string, number> = {
  impact: 20,
  exfiltration: 18,
  'credential-access': 12,
  'lateral-movement': 12,
  'command-and-control': 8,
  'privilege-escalation': 8,
  collection: 8,
  persistence: 6,
  execution: 5,
  'defense-evasion': 4,
  'initial-access': 4,
  discovery: 2,
  reconnaissance: 0,
  'resource-development': 0,
};

export interface SeverityFactor {
  name: string;
  weight: number;
  detail: string;
}

export interface SeverityAssessment extends SeverityAssessmentOutput {
  factors: SeverityFactor[];
}

export function severityForScore(score: number): Severity {
  return (SEVERITY_THRESHOLDS.find(([, min]) => score >= min)?.[0] ?? 'INFORMATIONAL') as Severity;
}

const severityRank = (severity: Severity): number => ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'].indexOf(severity);

export function scoreSeverity(facts: IncidentFacts, prior: Partial<AgentOutputs> = {}): SeverityAssessment {
  const { incident } = facts;
  const factors: SeverityFactor[] = [];
  const add = (name: string, weight: number, detail: string): void => {
    if (weight !== 0) factors.push({ name, weight, detail: clip(detail, 500) });
  };

  // Base: the most severe alert (the incident's own severity when it has no alerts).
  const top = incident.alerts.reduce<Severity | null>((best, alert) => (best === null || severityRank(alert.severity) > severityRank(best) ? alert.severity : best), null);
  const base = top ?? incident.severity;
  const topAlert = incident.alerts.find((alert) => alert.severity === top);
  add('Alert severity', BASE[base], topAlert ? `Most severe alert: "${clip(topAlert.displayName, 120)}" (${base}).` : `No alerts; the incident is rated ${base}.`);

  if (incident.alerts.length > 1) add('Alert volume', Math.min(12, 3 * (incident.alerts.length - 1)), `${plural(incident.alerts.length, 'alert')} in the incident.`);

  const people = facts.assets.filter((asset) => asset.kind === 'host' || asset.kind === 'account' || asset.kind === 'mailbox');
  if (people.length > 1) add('Scope', Math.min(12, 3 * (people.length - 1)), `${plural(people.length, 'host, account or mailbox', 'hosts, accounts and mailboxes')} involved: ${listText(people.map((asset) => asset.name), 6)}.`);

  const priorTactics = (prior.THREAT_ANALYZER?.tactics ?? []).map((tactic) => sentinelTacticShortname(tactic.name));
  const tactics = [...new Set([...facts.attack.tactics.map((tactic) => tactic.shortname), ...priorTactics])].filter((tactic) => tactic in STAGE_POINTS);
  if (tactics.length > 0) {
    const furthest = [...tactics].sort((a, b) => (STAGE_POINTS[b] ?? 0) - (STAGE_POINTS[a] ?? 0) || killChainRank(b) - killChainRank(a))[0] ?? '';
    add('Attack stage reached', STAGE_POINTS[furthest] ?? 0, `The most damaging ATT&CK stage observed is ${furthest.replace(/-/g, ' ')}.`);
    if (tactics.length >= 3) add('Attack breadth', Math.min(8, 2 * (tactics.length - 2)), `${tactics.length} ATT&CK tactics observed: ${listText(tactics.sort((a, b) => killChainRank(a) - killChainRank(b)).map((tactic) => tactic.replace(/-/g, ' ')), 8)}.`);
  }

  const privileged = facts.assets.filter((asset) => asset.privileged);
  if (privileged.length > 0) add('Privileged accounts or critical assets', 10, `Involves ${listText(privileged.map((asset) => asset.description), 4)}.`);

  const emailVerdict = prior.EMAIL_VERIFIER ?? facts.emailAssessment;
  if (emailVerdict) {
    const points = { PHISHING: 10, SUSPICIOUS: 5, LEGITIMATE: -15, UNKNOWN: 0 }[emailVerdict.verdict];
    add('Email verdict', points, `The email was judged ${emailVerdict.verdict} (confidence ${emailVerdict.confidence}).`);
  }

  const byName = (name: string) => facts.indicators.find((indicator) => indicator.name === name);
  const knownBad = facts.indicators.filter((indicator) => indicator.kind === 'malicious' && (indicator.name === 'Known attacker tool' || indicator.name === 'Malware identified'));
  const defender = facts.emailAssessment?.signals.find((signal) => signal.name === 'Defender threat verdict');
  if (knownBad.length > 0 || defender) add('Known-malicious indicators', 10, knownBad[0]?.evidence ?? defender?.detail ?? '');
  const succeeded = byName('Attack succeeded');
  if (succeeded) add('Attack succeeded', 10, succeeded.evidence);
  const confirmed = byName('Analyst confirmed malicious activity');
  if (confirmed) add('Analyst confirmation', 5, confirmed.evidence);

  const benign = facts.indicators.filter((indicator) => indicator.kind === 'benign');
  const strongBenign = benign.find((indicator) => indicator.strength === 'strong');
  const moderateBenign = benign.find((indicator) => indicator.strength === 'moderate');
  if (strongBenign) add('Benign explanation', -40, `${strongBenign.name}: ${strongBenign.evidence}`);
  else if (moderateBenign) add('Benign explanation', -20, `${moderateBenign.name}: ${moderateBenign.evidence}`);
  const wrong = facts.indicators.find((indicator) => indicator.kind === 'falsePositive' && indicator.strength === 'strong');
  if (wrong) add('Detection judged wrong', -40, `${wrong.name}: ${wrong.evidence}`);
  else {
    const reputation = byName('Reputation-only detection');
    if (reputation) add('Reputation-only detection', -10, reputation.evidence);
  }

  const raw = factors.reduce((sum, factor) => sum + factor.weight, 0);
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  const severity = severityForScore(score);
  const main = [...factors].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 5);
  const rationale = [
    `Score ${score}/100, so ${severity} (HIGH at 70 or more, MEDIUM at 45, LOW at 20, INFORMATIONAL below).`,
    `Main factors: ${main.map((factor) => `${factor.name} ${factor.weight > 0 ? '+' : ''}${factor.weight}`).join(', ')}.`,
    severity !== incident.severity ? `Sentinel rated the incident ${incident.severity}; the evidence supports ${severity}.` : `This agrees with Sentinel's ${incident.severity} rating.`,
  ].join(' ');
  return { severity, score, rationale: clip(rationale, 2000), factors: factors.slice(0, 30) };
}
