import type { AgentOutputs, Classification, VerdictOutput } from '../../../agents';
import type { IncidentFacts } from './incidentFacts';
import { recommendActions } from './recommendActions';
import { scoreSeverity } from './scoreSeverity';
import { clip, listText, plural, round } from './text';
import type { VerdictIndicator } from './verdictIndicators';

/**
 * Verdict from three evidence tallies, each a sum of named points (see tallyEvidence):
 *   D, detection: alert severity and volume, behaviour observed in command lines, payloads, entities
 *     or the email, high-impact stages, an outside attack attempt, a phishing email verdict;
 *   C, confirmation of harm: analysts' statements (denied, not travelling, no change request),
 *     known attacker tools, malware, a successful attack, containment already done;
 *   E, explanation: test and sample alerts, authorised red-team, scanner or simulation activity,
 *     approved changes, owner confirmations (benign, B) and detections judged wrong, reputation-only
 *     alerts, a legitimate email verdict (false positive, F); E = B + F.
 * A benign positive is real activity that is expected, so the strength of the detection does not argue
 * against it; only confirmations of harm do, plus a quarter of D so that a severe detection needs a
 * clear explanation. Calibration is a logistic on each net score (slope 0.9):
 *   p(explained) = 1 / (1 + e^(-0.9 * (E - C - 0.25 * D)))
 *   p(malicious) = 1 / (1 + e^(-0.9 * (D + C - E)))
 *   E >= 1.5 and p(explained) >= 0.75   BENIGN_POSITIVE when B >= F, else FALSE_POSITIVE; confidence p(explained)
 *   else p(malicious) >= 0.75           TRUE_POSITIVE; confidence p(malicious)
 *   otherwise                           UNDETERMINED; confidence 0.5 (the evidence does not decide)
 * 0.75 on the logistic is a net score of 1.22: one alert alone (High 1.5 at most) plus nothing else
 * barely passes, a Medium alert alone (0.9) does not. Confidence is capped at 0.97: rules over partial
 * data never warrant certainty.
 *
 * Structural context (contextSignals.ts: exercise labels, admin accounts on admin infrastructure, the
 * organisation's own management tooling, its own network or gateway egress, list matches on shared or
 * private infrastructure, file verdicts on validly signed files) adds to B and F like notes do. In a
 * sanctioned context an attacker tool or a "successful" action is the expected activity, so it counts
 * as detection at half weight instead of as a confirmation of harm.
 *
 * Calibration by independent lines of evidence: points carry a family (the alert, follow-on alerts,
 * observed behaviour, analysts' notes, labels, the actor, tooling, network, ...). The confidence is
 * capped at 0.70 when one substantial family (>= 0.8 points) supports the call, at 0.84 with two, and
 * may reach 0.97 only with three or more. When the other side has a strong family (>= 1.5 points) the
 * signals conflict: UNDETERMINED unless the winning side is at least twice as heavy, and then at most
 * 0.70.
 */
export const LOGISTIC_SLOPE = 0.9;
export const DECISION_PROBABILITY = 0.75;
export const MAX_CONFIDENCE = 0.97;
/** Confidence caps by the number of independent substantial families supporting the call (0-1, 2, 3+). */
export const FAMILY_CAPS = [0.7, 0.7, 0.84, MAX_CONFIDENCE] as const;
const SUBSTANTIAL_FAMILY = 0.8;
const STRONG_FAMILY = 1.5;

export interface EvidencePoint {
  /** detection and confirmation both point to malicious activity; benign and falsePositive are explanations. */
  side: 'malicious' | 'benign' | 'falsePositive';
  /** Which tally the point belongs to (D, C or E). */
  tally: 'detection' | 'confirmation' | 'explanation';
  points: number;
  reason: string;
  /** Line of evidence the point belongs to; independent families calibrate the confidence. */
  family: string;
}

export interface VerdictDecision extends VerdictOutput {
  /** Probability of malicious activity from the logistic above. */
  pMalicious: number;
  /** Probability that the detection is explained (benign or false positive). */
  pExplained: number;
  points: EvidencePoint[];
}

/** An alert is a hypothesis: alone it never reaches the true-positive threshold (1.22); corroboration must. */
const SEVERITY_POINTS = { HIGH: 1.5, MEDIUM: 0.9, LOW: 0.4, INFORMATIONAL: 0.1 } as const;
const HIGH_IMPACT = new Set(['impact', 'exfiltration', 'credential-access', 'lateral-movement']);
const ATTEMPT_TECHNIQUES = /^T(?:1110|1190|1566)/;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Indicators that show what happened, not that it was unauthorised: in a sanctioned context they are expected. */
const EXPECTED_IN_SANCTIONED_CONTEXT = new Set(['Known attacker tool', 'Attack succeeded']);

function indicatorFamily(indicator: VerdictIndicator): string {
  if (indicator.commentIndex !== undefined || indicator.strength === 'cue') return 'notes';
  if (indicator.name === 'Known attacker tool' || indicator.name === 'Malware identified') return 'artefact';
  if (indicator.name === 'Attack succeeded') return 'outcome';
  if (indicator.name === 'Reputation-only detection') return 'reputation';
  // A statement read from the labels is the same line of evidence as the label signal itself.
  if (/label/i.test(indicator.name) || indicator.evidence.startsWith('incident labels')) return 'label';
  return indicator.kind === 'malicious' ? 'artefact' : 'statement';
}

/** Summed points per family. */
function familyTotals(points: EvidencePoint[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const point of points) out.set(point.family, round((out.get(point.family) ?? 0) + point.points, 2));
  return out;
}

/**
 * When analysts' notes say both "authorised red team" and "denies running it", the later note wins:
 * the earlier side's comment-based strong indicators are demoted to weak.
 */
function settleConflicts(indicators: VerdictIndicator[]): VerdictIndicator[] {
  const decisive = indicators.filter((indicator) => indicator.strength === 'strong' && indicator.commentIndex !== undefined);
  const latest = (kinds: string[]): number => Math.max(-1, ...decisive.filter((indicator) => kinds.includes(indicator.kind)).map((indicator) => indicator.commentIndex ?? -1));
  const malicious = latest(['malicious']);
  const benign = latest(['benign', 'falsePositive']);
  if (malicious < 0 || benign < 0) return indicators;
  const loser = malicious > benign ? ['benign', 'falsePositive'] : ['malicious'];
  return indicators.map((indicator) => (loser.includes(indicator.kind) && indicator.commentIndex !== undefined && indicator.strength === 'strong' ? { ...indicator, strength: 'weak' } : indicator));
}

export function tallyEvidence(facts: IncidentFacts, prior: Partial<AgentOutputs> = {}): EvidencePoint[] {
  const points: EvidencePoint[] = [];
  const add = (side: EvidencePoint['side'], value: number, reason: string, family: string, tally: EvidencePoint['tally'] = side === 'malicious' ? 'detection' : 'explanation'): void => {
    if (value > 0) points.push({ side, tally, points: round(value, 2), reason: clip(reason, 480), family });
  };
  const { incident } = facts;

  // Alerts: the detection itself is evidence, in proportion to its severity.
  const ranked = [...incident.alerts].sort((a, b) => SEVERITY_POINTS[b.severity] - SEVERITY_POINTS[a.severity]);
  const top = ranked[0];
  if (top) add('malicious', SEVERITY_POINTS[top.severity], `Alert "${top.displayName}" (${top.severity}, ${top.productName}).`, 'alert');
  if (incident.alerts.length > 1) add('malicious', Math.min(0.9, 0.3 * (incident.alerts.length - 1)), `${plural(incident.alerts.length, 'alert')} fired: ${listText(facts.alertsByTime.map((alert) => `"${clip(alert.displayName, 60)}"`), 4)}.`, 'follow-on');

  // Behaviour seen in command lines, payloads, entities or the email counts; alert prose restating itself does not.
  const observed = facts.attack.techniques.filter((technique) => technique.observed);
  const observedTactics = [...new Set(observed.map((technique) => technique.tacticShortname))];
  if (observedTactics.length > 0) {
    add('malicious', Math.min(1.6, 0.4 * observedTactics.length), `Observed behaviour maps to ATT&CK: ${listText(observed.map((technique) => `${technique.id} ${technique.name}`), 4)}.`, 'observed');
  }
  const stages = facts.attack.tactics.map((tactic) => tactic.shortname);
  const impact = stages.filter((stage) => HIGH_IMPACT.has(stage));
  if (impact.length > 0) add('malicious', 0.8, `The activity reached ${listText(impact.map((stage) => stage.replace(/-/g, ' ')), 3)}.`, 'alert');
  if (stages.length >= 2) add('malicious', stages.length >= 3 ? 0.6 : 0.3, `Activity across ${stages.length} ATT&CK tactics: ${listText(facts.attack.tactics.map((tactic) => tactic.name), 5)}.`, 'follow-on');
  // "From outside" needs an outside party: an external address in the incident, or mail from outside.
  const outsider = facts.iocs.some((ioc) => ioc.external && (ioc.type === 'IPV4' || ioc.type === 'IPV6')) || facts.mailMessages.length > 0 || facts.email !== null;
  const attempt = outsider ? facts.attack.techniques.find((technique) => ATTEMPT_TECHNIQUES.test(technique.id)) : undefined;
  if (attempt) add('malicious', 0.8, `Attack attempt from outside: ${attempt.id} ${attempt.name} (${attempt.evidence}).`, attempt.observed ? 'outside' : 'alert');

  const email = prior.EMAIL_VERIFIER ?? facts.emailAssessment;
  // An email verdict that only repeats the alerting product's own threat verdict is not a second line of evidence.
  const emailFamily = email && email.signals.filter((signal) => signal.weight > 0).every((signal) => /^Defender threat verdict$/.test(signal.name)) ? 'alert' : 'email';
  if (email?.verdict === 'PHISHING') add('malicious', 2.0 * Math.max(0.6, email.confidence), `Email verdict PHISHING (confidence ${email.confidence}): ${email.summary}`, emailFamily);
  else if (email?.verdict === 'SUSPICIOUS') add('malicious', 0.8, `Email verdict SUSPICIOUS (confidence ${email.confidence}): ${email.summary}`, emailFamily);
  else if (email?.verdict === 'LEGITIMATE') add('falsePositive', 3.0 * email.confidence, `Email verdict LEGITIMATE (confidence ${email.confidence}): ${email.summary}`, 'email');

  const indicators = settleConflicts(facts.indicators);
  const sanctioned = facts.context.find((signal) => signal.sanctioned);
  const caps = { malicious: 5, benign: 6, falsePositive: 6 };
  const used = { malicious: 0, benign: 0, falsePositive: 0 };
  const value: Record<VerdictIndicator['kind'], Record<VerdictIndicator['strength'], number>> = {
    malicious: { strong: 1.5, moderate: 1.0, weak: 0.3, cue: 0.7 },
    benign: { strong: 4.0, moderate: 2.0, weak: 0.8, cue: 0.7 },
    falsePositive: { strong: 4.0, moderate: 2.0, weak: 1.0, cue: 0.8 },
  };
  const seenNames = new Set<string>();
  for (const indicator of indicators) {
    // One indicator name counts once; analysts' explicit confirmation of harm counts double.
    if (seenNames.has(`${indicator.kind}:${indicator.name}`)) continue;
    seenNames.add(`${indicator.kind}:${indicator.name}`);
    let worth = value[indicator.kind][indicator.strength];
    if (indicator.name === 'Analyst confirmed malicious activity' && indicator.strength === 'strong') worth = 3.0;
    const family = indicatorFamily(indicator);
    if (sanctioned && EXPECTED_IN_SANCTIONED_CONTEXT.has(indicator.name)) {
      // The tool or the "success" is what the sanctioned activity looks like: detection, not proof of harm.
      add('malicious', worth / 2, `${indicator.name} (expected in the sanctioned context: ${sanctioned.name}): ${indicator.evidence}`, family, 'detection');
      continue;
    }
    const room = caps[indicator.kind] - used[indicator.kind];
    const granted = Math.min(worth, room);
    used[indicator.kind] += granted;
    add(indicator.kind, granted, `${indicator.name}: ${indicator.evidence}`, family, indicator.kind === 'malicious' ? 'confirmation' : 'explanation');
  }

  // Structural context: each family counts once (its strongest signal), at most 4 points per side.
  const contextUsed = { benign: 0, falsePositive: 0 };
  const seenFamilies = new Set<string>();
  for (const signal of [...facts.context].sort((a, b) => b.points - a.points)) {
    const key = `${signal.side}:${signal.family}`;
    if (seenFamilies.has(key)) continue;
    seenFamilies.add(key);
    const granted = Math.min(signal.points, 4 - contextUsed[signal.side]);
    contextUsed[signal.side] += granted;
    add(signal.side, granted, `${signal.name} (structure): ${signal.evidence}`, signal.family);
  }

  return points;
}

export function decideVerdict(facts: IncidentFacts, prior: Partial<AgentOutputs> = {}): VerdictDecision {
  const points = tallyEvidence(facts, prior);
  const total = (filter: (point: EvidencePoint) => boolean): number => round(points.filter(filter).reduce((sum, point) => sum + point.points, 0), 2);
  const detection = total((point) => point.tally === 'detection');
  const confirmation = total((point) => point.tally === 'confirmation');
  const benign = total((point) => point.side === 'benign');
  const wrong = total((point) => point.side === 'falsePositive');
  const explanation = round(benign + wrong, 2);
  const malicious = round(detection + confirmation, 2);
  const pExplained = round(sigmoid(LOGISTIC_SLOPE * (explanation - confirmation - 0.25 * detection)), 3);
  const pMalicious = round(sigmoid(LOGISTIC_SLOPE * (malicious - explanation)), 3);

  let classification: Classification;
  let confidence: number;
  if (explanation >= 1.5 && pExplained >= DECISION_PROBABILITY) {
    // "The detection or its data was wrong" is the more specific conclusion than "the activity is ours"
    // (the URL is our own site, the IP is our own egress: that is why the detection is wrong). Any sign
    // of a wrong detection makes it a false positive unless a strong benign one (test alert, red team,
    // simulation) says the activity was real and expected.
    // Structure counts as strong too: an exercise label or a scanning host (benign), a list match on
    // shared or private infrastructure, own-network "unusual" locations, signed-file verdicts (false positive).
    const strong = (kind: VerdictIndicator['kind']): boolean =>
      facts.indicators.some((indicator) => indicator.kind === kind && indicator.strength === 'strong') ||
      facts.context.some((signal) => signal.side === kind && signal.points >= (kind === 'benign' ? 2.5 : 2.0));
    const falsePositive = strong('benign') && !strong('falsePositive') ? false : wrong > 0 ? true : false;
    classification = falsePositive ? 'FALSE_POSITIVE' : 'BENIGN_POSITIVE';
    confidence = pExplained;
  } else if (pMalicious >= DECISION_PROBABILITY) {
    classification = 'TRUE_POSITIVE';
    confidence = pMalicious;
  } else {
    classification = 'UNDETERMINED';
    confidence = 0.5;
  }
  // Calibration: count independent lines of evidence for the call and check the other side.
  let calibration = '';
  if (classification !== 'UNDETERMINED') {
    const supportingPoints = points.filter((point) => (classification === 'TRUE_POSITIVE' ? point.side === 'malicious' : point.side !== 'malicious'));
    const opposingPoints = points.filter((point) => (classification === 'TRUE_POSITIVE' ? point.side !== 'malicious' : point.tally === 'confirmation'));
    const supportFamilies = [...familyTotals(supportingPoints)].filter(([, sum]) => sum >= SUBSTANTIAL_FAMILY);
    const opposeFamilies = [...familyTotals(opposingPoints)].filter(([, sum]) => sum >= STRONG_FAMILY);
    const supportTotal = supportingPoints.reduce((sum, point) => sum + point.points, 0);
    const opposeTotal = opposingPoints.reduce((sum, point) => sum + point.points, 0);
    let cap: number = FAMILY_CAPS[Math.min(3, supportFamilies.length)] ?? MAX_CONFIDENCE;
    const lines = `${plural(supportFamilies.length, 'independent line')} of evidence (${supportFamilies.map(([family]) => family).join(', ') || 'none substantial'})`;
    if (opposeFamilies.length > 0 && supportTotal < 2 * opposeTotal) {
      calibration = `Signals conflict: ${lines} for ${classification}, but strong evidence the other way (${opposeFamilies.map(([family]) => family).join(', ')}); undetermined.`;
      classification = 'UNDETERMINED';
      confidence = 0.5;
    } else {
      if (opposeFamilies.length > 0) cap = Math.min(cap, FAMILY_CAPS[1]);
      if (confidence > cap) calibration = `Confidence capped at ${cap}: ${lines}${opposeFamilies.length > 0 ? ', with strong evidence the other way' : ''}.`;
      confidence = Math.min(confidence, cap);
    }
  }
  confidence = round(Math.min(MAX_CONFIDENCE, confidence), 2);

  const severity = prior.SEVERITY_ASSESSOR ?? scoreSeverity(facts, prior);
  const supporting = points
    .filter((point) => (classification === 'TRUE_POSITIVE' ? point.side === 'malicious' : classification === 'UNDETERMINED' ? true : point.side !== 'malicious'))
    .sort((a, b) => b.points - a.points);
  const opposing = points.filter((point) => !supporting.includes(point)).sort((a, b) => b.points - a.points);
  const evidence = [
    ...supporting.map((point) => `[${point.side === 'malicious' ? 'malicious' : point.side === 'benign' ? 'benign' : 'false positive'} +${point.points}] ${point.reason}`),
    ...opposing.map((point) => `[against: ${point.side === 'malicious' ? 'malicious' : point.side === 'benign' ? 'benign' : 'false positive'} +${point.points}] ${point.reason}`),
    ...(calibration ? [calibration] : []),
    `Severity ${severity.severity} (score ${severity.score}/100).`,
  ]
    .slice(0, 30)
    .map((line) => clip(line, 500));
  if (evidence.length === 0) evidence.push('No alerts, entities or notes carry evidence either way.');

  const label = { TRUE_POSITIVE: 'True positive', BENIGN_POSITIVE: 'Benign positive', FALSE_POSITIVE: 'False positive', UNDETERMINED: 'Undetermined' }[classification];
  const lead = supporting[0]?.reason ?? 'no decisive evidence';
  const summary = [
    `${label} (confidence ${confidence}): ${clip(incident(facts), 200)}.`,
    `Detection evidence scores ${detection}, confirmations of harm ${confirmation}, benign explanations ${benign}, signs of a wrong detection ${wrong} (p(malicious) = ${pMalicious}, p(explained) = ${pExplained}).`,
    classification === 'UNDETERMINED' ? 'Neither side reaches its threshold; more evidence is needed.' : `Strongest point: ${clip(lead, 400)}`,
  ].join(' ');
  return {
    classification,
    confidence,
    summary: clip(summary, 2000),
    evidence,
    recommendedActions: recommendActions(facts, classification),
    pMalicious,
    pExplained,
    points,
  };
}

const incident = (facts: IncidentFacts): string => `incident #${facts.incident.number} "${facts.incident.title}"`;
