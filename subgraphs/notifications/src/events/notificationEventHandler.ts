import type { Logger } from 'pino';
import type { DomainEvent } from '@soc/server-kit';
import type { NotificationRuleDoc, NotificationsModels } from '../models';
import type { DeliveryWorker } from '../services/deliveryWorker';
import { enqueueNotification, type NotificationSpec } from '../services/enqueueNotification';
import { notificationObjectId, ruleDedupeKey } from '../services/notificationId';
import { redactUrl } from '../services/redactUrl';
import { ruleMatches } from '../services/ruleMatcher';
import type { ServiceReads } from '../services/serviceReads';
import type { StatusEventPublisher } from '../services/statusEventPublisher';
import { renderIncidentReportEmail } from '../templates/incidentReportEmail';
import { renderWebhookBody } from '../templates/webhookPayloads';
import { triggerFromEvent, type NotificationTrigger } from './eventPayloads';

export interface EventHandlerDeps {
  models: NotificationsModels;
  publisher: StatusEventPublisher;
  reads: ServiceReads;
  worker: DeliveryWorker;
  maxAttempts: number;
  logger: Logger;
}

/** Fills in what the event does not say (title, owner) from the incidents service. */
async function completeTrigger(trigger: NotificationTrigger, rules: NotificationRuleDoc[], deps: EventHandlerDeps): Promise<void> {
  const needsOwner = trigger.ownerEmail === undefined && rules.some((rule) => rule.email?.toIncidentOwner);
  if (!needsOwner && !trigger.needsIncidentDetails) return;
  try {
    const incident = await deps.reads.incident(trigger.event.tenantId, trigger.incidentId);
    if (needsOwner) trigger.ownerEmail = incident?.owner?.email?.trim().toLowerCase() || null;
    if (incident) {
      const report = trigger.report.incident;
      report.number ??= incident.number ?? null;
      if (trigger.needsIncidentDetails && incident.title) report.title = incident.title;
      report.severity ??= incident.severity ?? null;
      report.status ??= incident.status ?? null;
      report.owner ??= incident.owner?.assignedTo ?? incident.owner?.email ?? null;
    }
  } catch (error) {
    // Without the owner a rule cannot be honoured: fail, so the kit retries the event.
    if (needsOwner) throw error;
    deps.logger.warn({ err: error, eventId: trigger.event.id }, 'incident details unavailable; notifying with what the event says');
  }
}

/** The notifications one rule asks for on one event: one per recipient and channel. */
function notificationsFor(rule: NotificationRuleDoc, trigger: NotificationTrigger, maxAttempts: number): NotificationSpec[] {
  const { event } = trigger;
  const ruleId = rule._id.toHexString();
  const cause = { kind: 'RULE' as const, eventId: event.id, eventType: event.type, ruleId, ruleName: rule.name, requestedBy: null };
  const base = { tenantId: event.tenantId, incidentId: trigger.incidentId, cause, maxAttempts };
  const specs: NotificationSpec[] = [];
  if (rule.email) {
    const recipients = new Set(rule.email.to);
    if (rule.email.toIncidentOwner && trigger.ownerEmail) recipients.add(trigger.ownerEmail);
    const email = recipients.size ? renderIncidentReportEmail(trigger.report) : null;
    for (const recipient of recipients) {
      specs.push({ ...base, dedupeKey: ruleDedupeKey(event.id, ruleId, 'EMAIL', recipient), channel: 'EMAIL', recipient, subject: email!.subject, email: email! });
    }
  }
  for (const webhook of rule.webhooks) {
    const dedupeKey = ruleDedupeKey(event.id, ruleId, 'WEBHOOK', `${webhook.format} ${webhook.url}`);
    const notificationId = notificationObjectId(dedupeKey).toHexString();
    const body = renderWebhookBody(webhook.format, trigger.report, {
      notificationId,
      tenantId: event.tenantId,
      event: { id: event.id, type: event.type, occurredAt: event.occurredAt },
      rule: { id: ruleId, name: rule.name },
    });
    specs.push({
      ...base,
      dedupeKey,
      channel: 'WEBHOOK',
      recipient: redactUrl(webhook.url),
      subject: renderIncidentReportEmail(trigger.report).subject,
      webhook: { url: webhook.url, format: webhook.format, secretRef: webhook.secretRef, body },
    });
  }
  return specs;
}

/**
 * Applies one incident or analysis event: each enabled rule of the tenant that matches queues one
 * notification per recipient and channel. Idempotent by construction (deterministic ids, insert-only
 * upserts), so the kit's at-least-once delivery and its retries never queue anything twice.
 */
export function createNotificationEventHandler(deps: EventHandlerDeps) {
  return async (event: DomainEvent): Promise<void> => {
    const trigger = triggerFromEvent(event);
    if (!trigger) return;
    const rules = await deps.models.NotificationRule.find({ tenantId: event.tenantId, enabled: true }).sort({ createdAt: 1, _id: 1 }).lean();
    const matching = rules.filter((rule) => ruleMatches(rule.match, trigger.facts));
    if (matching.length === 0) return;
    await completeTrigger(trigger, matching, deps);
    let created = 0;
    for (const rule of matching) {
      for (const spec of notificationsFor(rule, trigger, deps.maxAttempts)) {
        if ((await enqueueNotification(deps.models, deps.publisher, spec)).created) created += 1;
      }
    }
    if (created > 0) {
      deps.logger.info({ eventId: event.id, tenantId: event.tenantId, rules: matching.length, created }, 'notifications queued');
      deps.worker.kick();
    }
  };
}
