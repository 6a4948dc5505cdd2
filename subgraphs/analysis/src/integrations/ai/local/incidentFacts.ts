import type { IncidentAlertContext, IncidentContext } from '../../../agents';
import { findContextSignals, type ContextSignal } from './contextSignals';
import { hasMailEvidence } from '../../../agents';
import { assessEmail, type EmailAssessment } from './assessEmail';
import { accountAddresses, collectAssets, knownPeople, organisationDomains, type Asset } from './assets';
import { IocCollector, MAX_IOCS, type FoundIoc } from './extractIocs';
import type { MailMessageFacts } from './emailSignals';
import { collectIncidentTexts, type TextItem } from './incidentTexts';
import { mapAttack, type AttackMapping } from './mapAttack';
import { parseRawEmail, type ParsedEmail } from './parseRawEmail';
import { clip } from './text';
import { findVerdictIndicators, type VerdictIndicator } from './verdictIndicators';

/**
 * Everything the local analyst derives from one incident, computed once and shared by the agents:
 * the same input always yields the same facts (no clock, no randomness, stable orderings).
 */
export interface IncidentFacts {
  incident: IncidentContext;
  email: ParsedEmail | null;
  texts: TextItem[];
  orgDomains: string[];
  assets: Asset[];
  iocs: FoundIoc[];
  attack: AttackMapping;
  /** Null when the incident has no mail evidence (EMAIL_VERIFIER is skipped for it). */
  emailAssessment: EmailAssessment | null;
  mailMessages: MailMessageFacts[];
  indicators: VerdictIndicator[];
  /** Structural context (entity roles, asset types, tooling, networks, list-match detections); see contextSignals.ts. */
  context: ContextSignal[];
  /** Alerts in the order they fired (ties keep the incident's order). */
  alertsByTime: IncidentAlertContext[];
}

export interface FactsInput {
  incident: IncidentContext;
  rawEmail?: string | null;
}

/**
 * The agents of one run read the same incident several times; a small cache keyed by the input's
 * content (not object identity, so a mutated incident is never served stale facts) avoids redoing it.
 */
const CACHE_SIZE = 16;
const cache = new Map<string, IncidentFacts>();

const time = (value: string): number => {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? Number.MAX_SAFE_INTEGER : parsed;
};

function mailFactsOf(incident: IncidentContext): MailMessageFacts[] {
  return incident.entities
    .filter((entity) => entity.kind === 'MailMessage' || entity.kind === 'SubmissionMail')
    .map((entity) => ({ subject: entity.friendlyName, ...(entity.properties as MailMessageFacts) }));
}

/** Phishing techniques the mail evidence itself shows (a phishing verdict, its links and attachments). */
function mailObservations(email: ParsedEmail | null, messages: MailMessageFacts[], assessment: EmailAssessment | null): Array<{ technique: string; tactic: string; evidence: string }> {
  if (!assessment || (assessment.verdict !== 'PHISHING' && assessment.verdict !== 'SUSPICIOUS')) return [];
  const out: Array<{ technique: string; tactic: string; evidence: string }> = [];
  const verdict = `email verdict ${assessment.verdict}`;
  for (const message of messages) {
    const subject = clip(message.subject ?? '', 80);
    const from = message.p2Sender ?? message.sender ?? 'an unknown sender';
    if ((message.urls ?? []).length > 0) {
      out.push({ technique: 'T1566.002', tactic: 'initial-access', evidence: `mail "${subject}" from ${from} to ${message.recipient ?? 'the recipient'} carried ${clip(message.urls?.[0] ?? '', 160)} (${verdict})` });
    }
  }
  if (email) {
    const from = email.from?.address ?? 'an unknown sender';
    if (email.links.length > 0) out.push({ technique: 'T1566.002', tactic: 'initial-access', evidence: `reported email "${clip(email.subject, 80)}" from ${from} links to ${clip(email.links[0]?.href ?? '', 160)} (${verdict})` });
    if (email.attachments.length > 0) out.push({ technique: 'T1566.001', tactic: 'initial-access', evidence: `reported email "${clip(email.subject, 80)}" from ${from} carries the attachment ${clip(email.attachments[0]?.filename ?? '', 100)} (${verdict})` });
    if (email.links.length === 0 && email.attachments.length === 0) out.push({ technique: 'T1566', tactic: 'initial-access', evidence: `reported email "${clip(email.subject, 80)}" from ${from} (${verdict}, no link or attachment: a pretext message)` });
  }
  for (const signal of assessment.signals) {
    if (/impersonates|Display name shows another address|claims an internal role/.test(signal.name)) {
      out.push({ technique: 'T1656', tactic: 'defense-evasion', evidence: `${signal.name}: ${signal.detail}` });
    }
    if (/^Lookalike (?:sender|Reply-To|link) domain$/.test(signal.name)) {
      out.push({ technique: 'T1583.001', tactic: 'resource-development', evidence: `${signal.name}: ${signal.detail}` });
    }
  }
  return out;
}

export function gatherFacts(input: FactsInput): IncidentFacts {
  const { incident } = input;
  const raw = input.rawEmail ?? '';
  const key = `${JSON.stringify(incident)}\u0000${raw}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const email = raw.trim() ? parseRawEmail(raw) : null;
  const texts = collectIncidentTexts(incident, email);
  const recipientAddresses = email ? [...email.to, ...email.cc].map((address) => address.address) : [];
  const orgDomains = organisationDomains(incident, recipientAddresses);
  const collector = new IocCollector({ orgDomains, accountAddresses: accountAddresses(incident) });
  // Account entities are indicators in their own right (DOMAIN\user and UPN forms).
  for (const entity of incident.entities) {
    if (entity.kind !== 'Account') continue;
    const p = entity.properties;
    const name = typeof p.accountName === 'string' ? p.accountName : entity.friendlyName;
    if (typeof p.ntDomain === 'string' && p.ntDomain && name) collector.addValue('ACCOUNT', `${p.ntDomain}\\${name}`, `Account entity ${clip(entity.friendlyName, 80)}`);
    if (typeof p.upnSuffix === 'string' && p.upnSuffix && name) collector.addValue('ACCOUNT', `${name}@${p.upnSuffix}`.toLowerCase(), `Account entity ${clip(entity.friendlyName, 80)}`);
    if (!p.ntDomain && !p.upnSuffix && name) collector.addValue('ACCOUNT', name, `Account entity ${clip(entity.friendlyName, 80)}`);
  }
  for (const item of texts) collector.add(item.text, item.source);

  const mailMessages = mailFactsOf(incident);
  const emailAssessment = hasMailEvidence(incident, raw)
    ? assessEmail({ email, mailMessages, orgDomains, knownPeople: knownPeople(incident) })
    : null;
  const attack = mapAttack({
    tactics: incident.tactics,
    techniques: incident.techniques,
    alerts: incident.alerts.map((alert) => ({ displayName: alert.displayName, tactics: alert.tactics, techniques: alert.techniques })),
    texts,
    observations: mailObservations(email, mailMessages, emailAssessment),
  });
  const alertsByTime = incident.alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => time(a.alert.timeGenerated) - time(b.alert.timeGenerated) || a.index - b.index)
    .map(({ alert }) => alert);

  const facts: IncidentFacts = {
    incident,
    email,
    texts,
    orgDomains,
    assets: collectAssets(incident),
    iocs: collector.list(MAX_IOCS),
    attack,
    emailAssessment,
    mailMessages,
    indicators: findVerdictIndicators(incident, texts),
    context: findContextSignals(incident, orgDomains),
    alertsByTime,
  };
  cache.set(key, facts);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return facts;
}
