import type { EmailVerdictOutput } from '../../../agents';
import { emailSignals, type EmailEvidence, type EmailSignal } from './emailSignals';
import { clip, round } from './text';

/**
 * Email verdict from the weighted signals of emailSignals.
 *
 * Score = sum of signal weights. Thresholds (fixed before the evaluation set was written):
 *   score >= 1.0            PHISHING    (e.g. DMARC fail + lookalike domain, or Defender "Phish" + a lure)
 *   0.4 <= score < 1.0      SUSPICIOUS  (one strong or several weak signals: worth a look, not proof)
 *   score < 0.4 and some evidence for legitimacy (a negative-weight signal)  LEGITIMATE
 *   otherwise               UNKNOWN     (nothing to judge by: no authentication results, no content signals)
 *
 * Confidence = 0.5 + 0.47 * tanh(1.5 * margin), margin being the distance from the score to the nearest
 * threshold of the chosen verdict: 0.5 on a threshold, about 0.86 one weight unit inside, never above
 * 0.97 (a heuristic never earns certainty). UNKNOWN reports 0.2.
 */
export const PHISHING_THRESHOLD = 1.0;
export const SUSPICIOUS_THRESHOLD = 0.4;

export interface EmailAssessment extends EmailVerdictOutput {
  score: number;
}

function confidenceFor(margin: number): number {
  return round(0.5 + 0.47 * Math.tanh(1.5 * Math.max(0, margin)), 2);
}

export function verdictFromSignals(signals: EmailSignal[]): Pick<EmailAssessment, 'verdict' | 'confidence' | 'score'> {
  const score = round(signals.reduce((sum, signal) => sum + signal.weight, 0), 2);
  const hasLegitEvidence = signals.some((signal) => signal.weight < 0);
  if (score >= PHISHING_THRESHOLD) return { verdict: 'PHISHING', confidence: confidenceFor(score - PHISHING_THRESHOLD), score };
  if (score >= SUSPICIOUS_THRESHOLD) {
    const margin = Math.min(score - SUSPICIOUS_THRESHOLD, PHISHING_THRESHOLD - score);
    return { verdict: 'SUSPICIOUS', confidence: confidenceFor(margin), score };
  }
  if (hasLegitEvidence) return { verdict: 'LEGITIMATE', confidence: confidenceFor(SUSPICIOUS_THRESHOLD - score), score };
  return { verdict: 'UNKNOWN', confidence: 0.2, score };
}

const describeSignal = (signal: EmailSignal): string => `${signal.name} (${signal.weight > 0 ? '+' : ''}${signal.weight})`;

/**
 * Phishing assessment of the mail evidence: verdict, confidence, a summary that names the signals,
 * and the signals themselves (at most 40, strongest first as the schema's reader expects).
 */
export function assessEmail(evidence: EmailEvidence): EmailAssessment {
  const all = emailSignals(evidence);
  const { verdict, confidence, score } = verdictFromSignals(all);
  const signals = [...all].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 40);
  const against = signals.filter((signal) => signal.weight > 0);
  const forLegit = signals.filter((signal) => signal.weight < 0);
  const subject = evidence.email?.subject || evidence.mailMessages?.find((message) => message.subject)?.subject || '';
  const sender = evidence.email?.from?.address || evidence.mailMessages?.find((message) => message.p2Sender)?.p2Sender || '';
  const about = [subject ? `"${clip(subject, 100)}"` : 'The message', sender ? `from ${clip(sender, 120)}` : ''].filter(Boolean).join(' ');
  let summary: string;
  if (all.length === 0) {
    summary = `${about}: no authentication results, sender, link, attachment or content signals to judge by, so the verdict is UNKNOWN.`;
  } else {
    const parts = [`${about} is ${verdict} (score ${score}, confidence ${confidence}).`];
    if (against.length > 0) parts.push(`Pointing to phishing: ${against.slice(0, 6).map(describeSignal).join('; ')}.`);
    if (forLegit.length > 0) parts.push(`Pointing to a legitimate message: ${forLegit.slice(0, 4).map(describeSignal).join('; ')}.`);
    if (verdict === 'UNKNOWN') parts.push('The signals found are too weak to decide either way.');
    summary = parts.join(' ');
  }
  return { verdict, confidence, score, summary: clip(summary, 2000), signals };
}
