import { randomUUID } from 'node:crypto';
import { updateByIdIf } from '@soc/server-kit';
import type { Logger } from 'pino';
import { DeliveryError } from '../integrations/deliveryError';
import type { OutgoingMail, SentMail } from '../integrations/mailMessage';
import { storeInOutbox } from '../integrations/outbox/outboxMailer';
import { sendWithSendGrid } from '../integrations/sendgrid/sendgridMailer';
import { sendWithSmtp } from '../integrations/smtp/smtpMailer';
import { postWebhook } from '../integrations/webhooks/webhookSender';
import { PENDING_STATUSES, type ClaimOutcome, type DeliveryEventType, type NotificationDoc, type NotificationsModels } from '../models';
import { retryDelayMs, type BackoffPolicy } from './backoff';
import { recordDeliveryEvent } from './recordDeliveryEvent';
import type { MailRateLimiter } from './mailRateLimiter';
import { resolveSecretRef, SecretUnavailableError } from './secretRef';
import type { StatusEventPublisher } from './statusEventPublisher';
import type { TenantEmailDirectory } from './tenantEmailSettings';

export interface DeliveryWorkerOptions {
  backoff: BackoffPolicy;
  /** How long a claim holds: a worker that dies mid-attempt gives the notification up after this. */
  leaseMs: number;
  sendgridApiUrl: string;
  sendTimeoutMs: number;
  batchSize: number;
  concurrency: number;
}

interface Deps {
  models: NotificationsModels;
  tenants: TenantEmailDirectory;
  rateLimiter: MailRateLimiter;
  publisher: StatusEventPublisher;
  logger: Logger;
}

type Attempt = { kind: 'sent'; transport: string; sent: SentMail } | { kind: 'failed'; error: DeliveryError } | { kind: 'deferred'; until: Date };

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;
const REPAIR_GRACE_MS = 5_000;
const INTERRUPTED = 'the delivery was interrupted (the worker stopped before recording the result); it may have been sent';

/**
 * The durable delivery queue: notification documents with a status and nextAttemptAt. Each attempt
 * is claimed first by inserting `<id>:<claimSeq>` into notification_claims (a unique id: exactly
 * one worker wins, on every supported database), so two workers or a restarted one never send the
 * same notification at once, and an attempt already made is never made again. A stopped worker
 * finishes and records the attempts it holds. Failures are retried with exponential backoff and
 * jitter; permanent failures and the last failed attempt go to DEAD_LETTER with the reason.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private again = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: DeliveryWorkerOptions,
  ) {}

  start(intervalMs: number): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      await this.runOnce();
      if (!this.stopped) {
        this.timer = setTimeout(() => void tick(), intervalMs);
        this.timer.unref();
      }
    };
    this.timer = setTimeout(() => void tick(), 0);
    this.timer.unref();
  }

  /** Stops polling and waits for the attempts in flight to be made and recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Delivers what is due now without waiting for the next tick (new notifications were queued). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  /** One pass over the due notifications; resolves with how many were due. Concurrent calls share a pass. */
  runOnce(): Promise<number> {
    this.running ??= this.pass()
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'notification delivery pass failed; will retry');
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.runOnce();
        }
      });
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = new Date();
    const due = await this.deps.models.Notification.find({ status: { $in: PENDING_STATUSES }, nextAttemptAt: { $lte: now } }, { _id: 1, claimSeq: 1, tenantId: 1 })
      .sort({ nextAttemptAt: 1 })
      .limit(this.options.batchSize)
      .lean();
    const queue = [...due];
    // Each lane settles on its own: one failing notification must not end the pass while other lanes are still sending.
    const lanes = Array.from({ length: Math.min(this.options.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next && !this.stopped; next = queue.shift()) {
        await this.deliver(next).catch((error: unknown) => this.deps.logger.error({ err: error, notificationId: next!._id.toHexString() }, 'notification delivery failed unexpectedly; will retry'));
      }
    });
    await Promise.all(lanes);
    await this.cleanupClaims(now);
    return due.length;
  }

  private lastCleanup = 0;

  /** Claims matter while their attempt may still be repaired; after a week they are history (a scheduled delete). */
  private async cleanupClaims(now: Date): Promise<void> {
    if (now.getTime() - this.lastCleanup < 3_600_000) return;
    this.lastCleanup = now.getTime();
    await this.deps.models.NotificationClaim.deleteMany({ claimedAt: { $lt: new Date(now.getTime() - 7 * 86_400_000) } });
  }

  private async deliver(candidate: Pick<NotificationDoc, '_id' | 'claimSeq' | 'tenantId'>): Promise<void> {
    const { models } = this.deps;
    const id = candidate._id.toHexString();
    const seq = candidate.claimSeq ?? 0;
    const claimId = `${id}:${seq}`;
    const now = new Date();
    const token = randomUUID();
    // A claim outlives the longest send (a timed-out attempt still records its result in time).
    const expiresAt = new Date(now.getTime() + Math.max(this.options.leaseMs, 2 * this.options.sendTimeoutMs + 5_000));
    try {
      await models.NotificationClaim.create({ _id: claimId, notificationId: id, tenantId: candidate.tenantId, seq, token, claimedAt: now, expiresAt, outcome: null });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.settleExistingClaim(claimId, candidate, now);
      return;
    }
    const doc = await models.Notification.findById(candidate._id).lean();
    if (!doc || !PENDING_STATUSES.includes(doc.status) || (doc.claimSeq ?? 0) !== seq) {
      // Moved on meanwhile (a provider report, a requeue): nothing to send for this claim.
      await this.finish(candidate, claimId, seq, { kind: 'SKIPPED', at: new Date(), status: null, fields: {}, detail: null });
      return;
    }
    const attempt = await this.attempt(doc, claimId).catch((error: unknown) => ({
      kind: 'failed' as const,
      error: error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), true),
    }));
    await this.finish(doc, claimId, seq, this.outcomeOf(doc, attempt));
  }

  /** What an attempt leads to: the notification's new status and fields. */
  private outcomeOf(doc: NotificationDoc, attempt: Attempt): ClaimOutcome {
    const at = new Date();
    if (attempt.kind === 'deferred') {
      // Over the tenant's mail rate: wait for the next window; the attempt does not count.
      return { kind: 'DEFERRED', at, status: null, fields: { nextAttemptAt: attempt.until }, detail: `rate limit reached; next try at ${attempt.until.toISOString()}` };
    }
    const attempts = doc.attempts + 1;
    if (attempt.kind === 'sent') {
      const detail = `${attempt.transport}${attempt.sent.providerMessageId ? ` accepted it as ${attempt.sent.providerMessageId}` : ' accepted it'}`;
      return {
        kind: 'SENT',
        at,
        status: 'SENT',
        fields: { attempts, lastError: null, nextAttemptAt: null, transport: attempt.transport, providerMessageId: attempt.sent.providerMessageId, sentAt: at },
        detail,
      };
    }
    return this.failureOutcome(doc, attempts, attempt.error, at);
  }

  private failureOutcome(doc: Pick<NotificationDoc, 'maxAttempts'>, attempts: number, error: DeliveryError, at: Date): ClaimOutcome {
    const maxAttempts = doc.maxAttempts ?? 1;
    const willRetry = error.retryable && attempts < maxAttempts;
    const lastError = willRetry || !error.retryable ? error.message : `${error.message} (gave up after ${attempts} attempts)`;
    const nextAttemptAt = willRetry ? new Date(at.getTime() + retryDelayMs(attempts, this.options.backoff, error.retryAfterMs)) : null;
    return { kind: willRetry ? 'FAILED' : 'DEAD_LETTER', at, status: willRetry ? 'FAILED' : 'DEAD_LETTER', fields: { attempts, lastError, nextAttemptAt }, detail: error.message };
  }

  /** A claim that exists already: repair from its outcome, take over from a dead worker, or leave it to a live one. */
  private async settleExistingClaim(claimId: string, candidate: Pick<NotificationDoc, '_id' | 'claimSeq' | 'tenantId'>, now: Date): Promise<void> {
    const { models, logger } = this.deps;
    const claim = await models.NotificationClaim.findById(claimId).lean();
    if (!claim || (!claim.outcome && claim.expiresAt > now)) return; // cleaned up meanwhile, or a live worker holds it
    // An outcome just recorded is most likely being applied by its worker right now: leave it a moment.
    if (claim.outcome && now.getTime() - new Date(claim.outcome.at).getTime() < REPAIR_GRACE_MS) return;
    const doc = await models.Notification.findById(candidate._id).lean();
    if (!doc) return;
    const seq = claim.seq;
    if (claim.outcome) {
      // The attempt was made and recorded; its notification update was lost: apply it again, never resend.
      logger.warn({ notificationId: claim.notificationId, seq }, 'notification lagged behind its recorded attempt; repaired');
      await this.finish(doc, claimId, seq, claim.outcome, { recorded: true });
      return;
    }
    logger.warn({ notificationId: claim.notificationId, seq }, 'a worker died during a delivery attempt; counting it as interrupted');
    await this.finish(doc, claimId, seq, this.failureOutcome(doc, doc.attempts + 1, new DeliveryError(INTERRUPTED, true), new Date()));
  }

  /**
   * Records an attempt's outcome: on the claim first (the durable record), then the delivery events
   * and the status event (idempotent ids), then the notification itself, last. A crash anywhere in
   * between is repaired from the claim by the next pass; nothing is sent twice for it.
   */
  private async finish(
    doc: Pick<NotificationDoc, '_id' | 'tenantId'> & Partial<Pick<NotificationDoc, 'incidentId' | 'channel' | 'cause'>>,
    claimId: string,
    seq: number,
    outcome: ClaimOutcome,
    { recorded = false } = {},
  ): Promise<void> {
    const { models, publisher } = this.deps;
    const id = doc._id.toHexString();
    if (!recorded) await models.NotificationClaim.updateOne({ _id: claimId }, { $set: { outcome } });
    const eventTypes: Partial<Record<ClaimOutcome['kind'], DeliveryEventType>> = {
      SENT: 'SENT',
      FAILED: 'ATTEMPT_FAILED',
      DEAD_LETTER: 'ATTEMPT_FAILED',
      DEFERRED: 'RATE_LIMITED',
      INTERRUPTED: 'ATTEMPT_FAILED',
    };
    const type = eventTypes[outcome.kind];
    const at = new Date(outcome.at);
    if (type) await recordDeliveryEvent(models, { _id: `${claimId}:${type}`, tenantId: doc.tenantId, notificationId: id, type, providerEvent: null, at, detail: outcome.detail });
    if (outcome.kind === 'DEAD_LETTER') {
      await recordDeliveryEvent(models, { _id: `${claimId}:DEAD_LETTERED`, tenantId: doc.tenantId, notificationId: id, type: 'DEAD_LETTERED', providerEvent: null, at, detail: String(outcome.fields.lastError ?? outcome.detail) });
    }
    if (outcome.status && doc.incidentId && doc.channel) {
      await publisher.publish(
        { _id: doc._id, tenantId: doc.tenantId, incidentId: doc.incidentId, channel: doc.channel, cause: doc.cause },
        { key: `attempt:${seq}`, status: outcome.status, attempts: Number(outcome.fields.attempts ?? 0), lastError: (outcome.fields.lastError as string | null | undefined) ?? null },
      );
    }
    const fields = { ...outcome.fields, claimSeq: seq + 1, updatedAt: new Date() };
    // Only from the claimed attempt's state: an old outcome never overwrites a newer one.
    const changed = outcome.status
      ? await updateByIdIf(models.Notification, doc._id, { claimSeq: seq, status: { $in: [...PENDING_STATUSES] } }, { $set: { ...fields, status: outcome.status } })
      : null;
    // A provider report may have moved the status on already (a fast "delivered"): keep it, record the rest.
    if (!changed) await updateByIdIf(models.Notification, doc._id, { claimSeq: seq }, { $set: fields });
  }

  private async attempt(doc: NotificationDoc, claimId: string): Promise<Attempt> {
    if (doc.channel === 'WEBHOOK') {
      if (!doc.webhook) throw new DeliveryError('webhook notification without a target', false);
      const secret = doc.webhook.secretRef ? this.secret(doc.webhook.secretRef, 'the webhook signing secret', doc) : null;
      await postWebhook(
        { notificationId: doc._id.toHexString(), url: doc.webhook.url, body: doc.webhook.body, eventType: doc.cause?.eventType ?? null, secret },
        this.options.sendTimeoutMs,
      );
      return { kind: 'sent', transport: 'webhook', sent: { providerMessageId: null } };
    }
    if (!doc.email) throw new DeliveryError('email notification without content', false);
    const settings = this.deps.tenants.settings(doc.tenantId);
    const decision = await this.deps.rateLimiter.tryAcquire(doc.tenantId, settings.mailPerMinute, claimId);
    if (!decision.allowed) return { kind: 'deferred', until: decision.retryAt };
    const mail: OutgoingMail = {
      notificationId: doc._id.toHexString(),
      tenantId: doc.tenantId,
      incidentId: doc.incidentId,
      from: { email: settings.from, name: settings.fromName },
      to: doc.recipient,
      subject: doc.email.subject,
      text: doc.email.text,
      html: doc.email.html,
    };
    switch (settings.transport) {
      case 'sendgrid': {
        const apiKey = this.secret(settings.sendgridApiKeyRef ?? '', 'the SendGrid API key', doc);
        const sent = await sendWithSendGrid(mail, { apiKey, baseUrl: this.options.sendgridApiUrl, timeoutMs: this.options.sendTimeoutMs });
        return { kind: 'sent', transport: 'sendgrid', sent };
      }
      case 'smtp': {
        const url = this.secret(settings.smtpUrlRef ?? '', 'the SMTP URL', doc);
        return { kind: 'sent', transport: 'smtp', sent: await sendWithSmtp(mail, url, this.options.sendTimeoutMs) };
      }
      default:
        return { kind: 'sent', transport: 'outbox', sent: await storeInOutbox(this.deps.models.OutboxMail, mail) };
    }
  }

  /** A secret read at send time. Missing: retryable (an operator can set it), named only in the log. */
  private secret(ref: string, what: string, doc: NotificationDoc): string {
    try {
      return resolveSecretRef(ref, what);
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      this.deps.logger.error({ tenantId: doc.tenantId, variable: error.variable }, `${what} is not available`);
      throw new DeliveryError(error.message, true);
    }
  }
}
