import { z } from 'zod';
import { badUserInput } from '@soc/server-kit';
import type { EmailAction, RuleEventType, RuleMatch, StatusTransition, WebhookAction, WebhookFormat } from '../models';
import { isSecretRef } from './secretRef';

export const MAX_EMAIL_RECIPIENTS = 50;
export const MAX_WEBHOOKS = 10;
export const MAX_RULES_PER_TENANT = 100;

/** GraphQL input of a rule (enums and non-null fields already checked by GraphQL). */
export interface NotificationRuleInput {
  name: string;
  enabled?: boolean | null;
  match: NotificationRuleMatchInput;
  email?: { to?: string[] | null; toIncidentOwner?: boolean | null } | null;
  webhooks?: Array<{ url: string; format?: WebhookFormat | null; secretRef?: string | null }> | null;
}

export interface NotificationRuleMatchInput {
  eventTypes: RuleEventType[];
  classifications?: RuleMatch['classifications'] | null;
  minConfidence?: number | null;
  severities?: RuleMatch['severities'] | null;
  statusTransitions?: Array<{ from?: StatusTransition['from'] | null; to: StatusTransition['to'] }> | null;
  sources?: RuleMatch['sources'] | null;
}

export type UpdateNotificationRuleInput = Partial<NotificationRuleInput>;

export interface ValidRule {
  name: string;
  enabled: boolean;
  match: RuleMatch;
  email: EmailAction | null;
  webhooks: WebhookAction[];
}

const INCIDENT_EVENTS: RuleEventType[] = ['INCIDENT_CREATED', 'INCIDENT_UPDATED'];

/** Which event types carry what each condition looks at: a condition must apply to every event type of its rule. */
const CONDITION_EVENT_TYPES: Record<'classifications' | 'minConfidence' | 'severities' | 'statusTransitions' | 'sources', RuleEventType[]> = {
  classifications: [...INCIDENT_EVENTS, 'ANALYSIS_COMPLETED'],
  minConfidence: ['ANALYSIS_COMPLETED'],
  severities: [...INCIDENT_EVENTS, 'ANALYSIS_COMPLETED'],
  statusTransitions: ['INCIDENT_UPDATED'],
  sources: INCIDENT_EVENTS,
};

const emailAddress = z.email();
const unique = <T>(values: T[]) => [...new Set(values)];

/** Loopback may use http (local receivers, tests); anything else must be https. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A webhook URL as stored; the error names the field. */
export function validateWebhookUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badUserInput(`${field} must be an absolute http(s) URL`, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput(`${field} must be an http(s) URL, not ${url.protocol.replace(':', '')}`, field);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) throw badUserInput(`${field} must use https (plain http is accepted for loopback receivers only)`, field);
  if (url.username || url.password) throw badUserInput(`${field} must not carry a user name or password; sign with secretRef instead`, field);
  if (url.hash) throw badUserInput(`${field} must not have a #fragment`, field);
  return url.toString();
}

/** Email addresses, lower-cased and deduplicated; the error names the first bad one by index. */
export function validateRecipients(values: string[], field: string, { min, max }: { min: number; max: number }): string[] {
  if (values.length < min) throw badUserInput(`${field} needs at least ${min} address${min === 1 ? '' : 'es'}`, field);
  if (values.length > max) throw badUserInput(`${field} accepts at most ${max} addresses`, field);
  const addresses = values.map((raw, index) => {
    const address = raw.trim().toLowerCase();
    if (address.length > 254 || !emailAddress.safeParse(address).success) throw badUserInput(`${field}[${index}] is not a valid email address`, `${field}[${index}]`);
    return address;
  });
  return unique(addresses);
}

function validateMatch(input: NotificationRuleMatchInput): RuleMatch {
  const eventTypes = unique(input.eventTypes);
  if (eventTypes.length === 0) throw badUserInput('input.match.eventTypes needs at least one event type', 'input.match.eventTypes');
  const match: RuleMatch = {
    eventTypes,
    classifications: unique(input.classifications ?? []),
    minConfidence: input.minConfidence ?? null,
    severities: unique(input.severities ?? []),
    statusTransitions: (input.statusTransitions ?? []).map((t) => ({ from: t.from ?? null, to: t.to })),
    sources: unique(input.sources ?? []),
  };
  if (match.minConfidence !== null && !(match.minConfidence >= 0 && match.minConfidence <= 1)) {
    throw badUserInput('input.match.minConfidence must be between 0 and 1', 'input.match.minConfidence');
  }
  match.statusTransitions.forEach((t, i) => {
    if (t.from === t.to) throw badUserInput(`input.match.statusTransitions[${i}] goes from ${t.from} to itself: that is no transition`, `input.match.statusTransitions[${i}]`);
  });
  for (const [condition, applicable] of Object.entries(CONDITION_EVENT_TYPES) as Array<[keyof typeof CONDITION_EVENT_TYPES, RuleEventType[]]>) {
    const value = match[condition];
    const set = Array.isArray(value) ? value.length > 0 : value !== null;
    const misfit = eventTypes.filter((type) => !applicable.includes(type));
    if (set && misfit.length) {
      throw badUserInput(
        `input.match.${condition} applies to ${applicable.join(', ')} events only, not to ${misfit.join(', ')}: remove those event types or make a separate rule`,
        `input.match.${condition}`,
      );
    }
  }
  return match;
}

function validateEmail(input: NotificationRuleInput['email']): EmailAction | null {
  if (!input) return null;
  const to = validateRecipients(input.to ?? [], 'input.email.to', { min: 0, max: MAX_EMAIL_RECIPIENTS });
  const toIncidentOwner = input.toIncidentOwner ?? false;
  if (to.length === 0 && !toIncidentOwner) throw badUserInput('input.email needs addresses in to, or toIncidentOwner: true', 'input.email');
  return { to, toIncidentOwner };
}

function validateWebhooks(input: NotificationRuleInput['webhooks']): WebhookAction[] {
  const webhooks = input ?? [];
  if (webhooks.length > MAX_WEBHOOKS) throw badUserInput(`input.webhooks accepts at most ${MAX_WEBHOOKS} webhooks`, 'input.webhooks');
  const seen = new Set<string>();
  return webhooks.map((webhook, i) => {
    const url = validateWebhookUrl(webhook.url, `input.webhooks[${i}].url`);
    const secretRef = webhook.secretRef?.trim() || null;
    if (secretRef !== null && !isSecretRef(secretRef)) {
      throw badUserInput(`input.webhooks[${i}].secretRef must be a reference of the form env:VARIABLE_NAME, never the secret itself`, `input.webhooks[${i}].secretRef`);
    }
    const format = webhook.format ?? 'GENERIC';
    if (seen.has(`${format} ${url}`)) throw badUserInput(`input.webhooks[${i}] repeats an earlier webhook`, `input.webhooks[${i}]`);
    seen.add(`${format} ${url}`);
    return { url, format, secretRef };
  });
}

/**
 * Checks a whole rule before anything is written, so invalid input changes nothing; each error is
 * a BAD_USER_INPUT naming the field (extensions.field) in the caller's terms.
 */
export function validateRule(input: NotificationRuleInput): ValidRule {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw badUserInput('input.name must be 1 to 100 characters', 'input.name');
  const match = validateMatch(input.match);
  const email = validateEmail(input.email);
  const webhooks = validateWebhooks(input.webhooks);
  if (!email && webhooks.length === 0) throw badUserInput('A rule needs at least one action: input.email or input.webhooks', 'input.email');
  return { name, enabled: input.enabled ?? true, match, email, webhooks };
}
