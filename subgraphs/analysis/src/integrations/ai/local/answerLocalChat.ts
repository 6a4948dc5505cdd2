import type { ChatPromptData } from '../../../agents';
import { extractIocs } from './extractIocs';
import { gatherFacts, type IncidentFacts } from './incidentFacts';
import { rootCause } from './rootCause';
import { clip, clipBlock, listText, plural } from './text';

/**
 * The chat assistant without a model: recognises what the analyst asks (summary, IOCs, next steps, why
 * the verdict, hosts and users, ATT&CK, the email, severity, timeline, a specific indicator) and answers
 * from the incident and the stored analysis only. When the data does not hold the answer, it says so.
 * Deterministic: the same incident, analysis, history and question give the same answer.
 */
type Intent = 'lookup' | 'summary' | 'iocs' | 'actions' | 'verdict' | 'assets' | 'mitre' | 'email' | 'severity' | 'timeline';

const INTENTS: ReadonlyArray<readonly [Intent, RegExp]> = [
  ['actions', /\b(?:what (?:should|do|can|must) (?:i|we)|next steps?|recommend\w*|remediat\w*|contain\w*|respond|response|mitigat\w*|to do\b|action\w*)/i],
  ['verdict', /\b(?:verdict|classif\w*|true positive|false positive|benign|malicious|legit\w*|confiden\w*|is (?:this|it) (?:real|bad|an attack))|\bwhy\b(?![^?]*\b(?:severity|sever|score|priority)\b)/i],
  ['severity', /\b(?:severity|how (?:bad|serious|severe)|score|priority|critical)\b/i],
  ['email', /\b(?:e-?mails?|mail|phish\w*|sender|spf|dkim|dmarc|attachments?|reply-to|lookalike)\b/i],
  ['mitre', /\b(?:mitre|att&ck|attack techniques?|tactics?|techniques?|ttps?|kill ?chain|t\d{4}(?:\.\d{3})?)\b/i],
  ['iocs', /\b(?:iocs?|indicators?|observables?|ips?|ip address(?:es)?|domains?|urls?|hash(?:es)?|sha-?256|sha-?1|md5|what (?:should|can) (?:i|we) block)\b/i],
  ['assets', /\b(?:hosts?|machines?|devices?|servers?|computers?|endpoints?|vms?|users?|accounts?|who\b|affected|assets?|mailbox\w*|identit\w*)/i],
  ['timeline', /\b(?:timeline|when\b|sequence|order|chain|root cause|how did|how (?:it|this|the attack) (?:start|began|happen)|initial access|entry point|first)\b/i],
  ['summary', /\b(?:summar\w*|overview|what happened|tl;?dr|explain|describe|brief|status|about)\b/i],
];

function detectIntents(question: string): Intent[] {
  const intents: Intent[] = [];
  const iocs = extractIocs(question).filter((ioc) => ioc.type !== 'ACCOUNT' || /[\\@]/.test(ioc.value));
  if (iocs.length > 0) intents.push('lookup');
  for (const [intent, pattern] of INTENTS) if (pattern.test(question)) intents.push(intent);
  return intents.slice(0, 3);
}

const bullets = (lines: string[], max = 10): string => {
  const shown = lines.slice(0, max).map((line) => `- ${line}`);
  if (lines.length > max) shown.push(`- … and ${lines.length - max} more`);
  return shown.join('\n');
};

function answerLookup(facts: IncidentFacts, question: string): string {
  const asked = extractIocs(question);
  const parts: string[] = [];
  for (const ioc of asked.slice(0, 5)) {
    const needle = ioc.value.toLowerCase();
    const sources = facts.texts.filter((item) => item.text.toLowerCase().includes(needle)).map((item) => item.source);
    const known = facts.iocs.find((found) => found.value.toLowerCase() === needle);
    if (sources.length === 0 && !known) {
      parts.push(`${ioc.value} does not appear anywhere in this incident's alerts, entities, comments or attached email.`);
    } else {
      parts.push(`${ioc.value} appears in ${listText([...new Set(sources)], 4) || 'the extracted indicators'}.${known?.context ? ` ${clip(known.context, 300)}` : ''}`);
    }
  }
  return parts.join('\n');
}

function answerSummary(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const rca = analysis?.RCA_ANALYST ?? rootCause(facts);
  const verdict = analysis?.VERDICT_GENERATOR;
  const lines = [clip(rca.summary, 1200)];
  if (verdict) lines.push(`Verdict: ${verdict.classification} (confidence ${verdict.confidence}). ${clip(verdict.summary, 400)}`);
  else lines.push('No verdict has been produced for this incident yet.');
  return lines.join('\n');
}

function answerIocs(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const iocs = analysis?.THREAT_ANALYZER?.iocs ?? facts.iocs;
  if (iocs.length === 0) return 'The incident data contains no indicators of compromise (no external IPs, domains, URLs, hashes, paths or accounts were found).';
  const external = facts.iocs.filter((ioc) => ioc.external).map((ioc) => ioc.value.toLowerCase());
  const isExternal = (value: string): boolean => external.includes(value.toLowerCase());
  const ordered = [...iocs].sort((a, b) => Number(isExternal(b.value)) - Number(isExternal(a.value)));
  return [
    `${plural(iocs.length, 'indicator')} found${analysis?.THREAT_ANALYZER ? ' by the threat analysis' : ' in the incident data'}; external ones first:`,
    bullets(ordered.map((ioc) => `${ioc.type} ${ioc.value}${ioc.context ? ` (${clip(ioc.context, 140)})` : ''}`), 15),
  ].join('\n');
}

function answerActions(analysis: ChatPromptData['analysis']): string {
  const verdict = analysis?.VERDICT_GENERATOR;
  if (!verdict) return 'There is no verdict with recommended actions for this incident yet; run the analysis first. Until then, the safe next step is to confirm the activity with the affected user or owner and review the alerts\' entities.';
  if (verdict.recommendedActions.length === 0) return `The verdict (${verdict.classification}) lists no recommended actions.`;
  return [`Recommended next steps (verdict ${verdict.classification}, confidence ${verdict.confidence}):`, bullets(verdict.recommendedActions.map((action) => clip(action, 400)), 12)].join('\n');
}

function answerVerdict(analysis: ChatPromptData['analysis']): string {
  const verdict = analysis?.VERDICT_GENERATOR;
  if (!verdict) return 'No verdict has been produced for this incident yet, so I cannot say why it was classified one way or the other.';
  return [`${verdict.classification} with confidence ${verdict.confidence}. ${clip(verdict.summary, 800)}`, 'Evidence behind it:', bullets(verdict.evidence.map((line) => clip(line, 300)), 8)].join('\n');
}

function answerAssets(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const assets = analysis?.RCA_ANALYST?.affectedAssets ?? facts.assets.map((asset) => asset.description);
  if (assets.length === 0) return 'The incident has no host, account, mailbox or cloud resource entities, so the affected assets are not known from the data.';
  const privileged = facts.assets.filter((asset) => asset.privileged).map((asset) => asset.name);
  return [`${plural(assets.length, 'affected asset')}:`, bullets(assets.map((asset) => clip(asset, 250)), 15), privileged.length > 0 ? `Privileged or critical: ${listText(privileged, 5)}.` : ''].filter(Boolean).join('\n');
}

function answerMitre(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const threat = analysis?.THREAT_ANALYZER;
  const tactics = threat?.tactics ?? facts.attack.tactics.map((tactic) => ({ id: tactic.id, name: tactic.name }));
  const techniques = threat?.techniques ?? facts.attack.techniques;
  if (tactics.length === 0 && techniques.length === 0) return 'No MITRE ATT&CK tactics or techniques are reported by the alerts or supported by the evidence in this incident.';
  return [
    `Tactics: ${tactics.map((tactic) => `${tactic.name} (${tactic.id})`).join(', ') || 'none'}.`,
    'Techniques:',
    bullets(techniques.map((technique) => `${technique.id} ${technique.name}${technique.tactic ? ` [${technique.tactic}]` : ''}${technique.evidence ? `: ${clip(technique.evidence, 200)}` : ''}`), 12),
    facts.attack.notes.length > 0 ? `Notes: ${facts.attack.notes.slice(0, 3).join(' ')}` : '',
  ].filter(Boolean).join('\n');
}

function answerEmail(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const email = analysis?.EMAIL_VERIFIER;
  const message = facts.mailMessages[0];
  if (!email && !message && !facts.email) return 'This incident has no email evidence (no MailMessage entity and no attached message), so there is no email to assess.';
  if (!email) {
    const about = message ? `"${clip(message.subject ?? '', 100)}" from ${message.p2Sender ?? 'an unknown sender'} to ${message.recipient ?? 'an unknown recipient'}` : `"${clip(facts.email?.subject ?? '', 100)}" from ${facts.email?.from?.address ?? 'an unknown sender'}`;
    return `The incident includes the email ${about}, but it has not been verified yet (no email verdict in the analysis).`;
  }
  return [`Email verdict: ${email.verdict} (confidence ${email.confidence}). ${clip(email.summary, 800)}`, email.signals.length > 0 ? 'Signals (positive weight = phishing):' : '', bullets(email.signals.map((signal) => `${signal.name} (${signal.weight > 0 ? '+' : ''}${signal.weight}): ${clip(signal.detail, 200)}`), 10)]
    .filter(Boolean)
    .join('\n');
}

function answerSeverity(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const severity = analysis?.SEVERITY_ASSESSOR;
  if (!severity) return `The severity has not been assessed by the analysis yet; Sentinel rates the incident ${facts.incident.severity}.`;
  return [`${severity.severity}, score ${severity.score}/100. ${clip(severity.rationale, 600)}`, bullets(severity.factors.map((factor) => `${factor.name} ${factor.weight > 0 ? '+' : ''}${factor.weight}: ${clip(factor.detail, 180)}`), 8)].join('\n');
}

function answerTimeline(facts: IncidentFacts, analysis: ChatPromptData['analysis']): string {
  const rca = analysis?.RCA_ANALYST ?? rootCause(facts);
  if (rca.attackChain.length === 0) return `No alerts with times are attached, so there is no timeline. ${clip(rca.rootCause, 400)}`;
  return [`Likely root cause: ${clip(rca.rootCause, 600)}`, 'Attack chain in kill-chain order:', bullets(rca.attackChain.map((step) => `${step.step}: ${clip(step.description, 300)}`), 14)].join('\n');
}

function answerFor(intent: Intent, facts: IncidentFacts, data: ChatPromptData): string {
  switch (intent) {
    case 'lookup':
      return answerLookup(facts, data.question);
    case 'summary':
      return answerSummary(facts, data.analysis);
    case 'iocs':
      return answerIocs(facts, data.analysis);
    case 'actions':
      return answerActions(data.analysis);
    case 'verdict':
      return answerVerdict(data.analysis);
    case 'assets':
      return answerAssets(facts, data.analysis);
    case 'mitre':
      return answerMitre(facts, data.analysis);
    case 'email':
      return answerEmail(facts, data.analysis);
    case 'severity':
      return answerSeverity(facts, data.analysis);
    case 'timeline':
      return answerTimeline(facts, data.analysis);
    default:
      return '';
  }
}

export function answerLocalChat(data: ChatPromptData): string {
  const facts = gatherFacts({ incident: data.incident });
  const question = data.question ?? '';
  let intents = detectIntents(question);
  let prefix = '';
  if (intents.length === 0) {
    // A follow-up like "and for the other one?" continues the previous question's topic.
    const previous = [...(data.history ?? [])].reverse().find((turn) => turn.role === 'user' && detectIntents(turn.content).length > 0);
    if (previous && question.trim().length > 0 && question.trim().length < 60) {
      intents = detectIntents(previous.content);
      prefix = `Continuing from "${clip(previous.content, 80)}":\n`;
    }
  }
  if (intents.length === 0) {
    return clipBlock(
      [
        question.trim() ? `I can't find an answer to "${clip(question, 120)}" in this incident's data.` : 'Ask me about this incident.',
        'I can answer from the incident and its analysis: a summary, indicators (IOCs), next steps, why the verdict, affected hosts and users, MITRE ATT&CK techniques, the email verdict, severity, the timeline, or whether a given IP, domain or hash appears.',
        '',
        answerSummary(facts, data.analysis),
      ].join('\n'),
      6000,
    );
  }
  return clipBlock(prefix + intents.map((intent) => answerFor(intent, facts, data)).join('\n\n'), 6000);
}
