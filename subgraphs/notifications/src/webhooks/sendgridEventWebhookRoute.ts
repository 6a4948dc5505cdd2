import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { KeyObject } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { auditModel, ErrorCode, graphqlErrorBody, type Principal, recordAudit } from '@soc/server-kit';
import type { NotificationsModels } from '../models';
import { sendGridEventBatch } from '../integrations/sendgrid/sendgridEvents';
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER, sendGridPublicKey, verifySendGridSignature } from '../integrations/sendgrid/sendgridEventSignature';
import { applySendGridEvents } from '../services/applySendGridEvents';
import type { StatusEventPublisher } from '../services/statusEventPublisher';
import type { TenantEmailDirectory } from '../services/tenantEmailSettings';

/** The identity the gateway signs for a forwarded SendGrid post; the post proves itself with its ECDSA signature. */
export const SENDGRID_WEBHOOK_SERVICE = 'sendgrid-webhook';
export const SENDGRID_WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SendGridWebhookDeps {
  models: NotificationsModels;
  tenants: TenantEmailDirectory;
  publisher: StatusEventPublisher;
  connection: Connection;
  logger: Logger;
  /** How old a signed timestamp may be; also how long receipts are kept for replay detection. */
  maxAgeSeconds: number;
}

class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 409 | 415,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const unauthenticated = (message: string) => new Refusal(401, ErrorCode.UNAUTHENTICATED, message);

/**
 * POST /internal/webhooks/sendgrid: SendGrid's Event Webhook, forwarded by the gateway from
 * /webhooks/sendgrid/<tenant> with the raw body and the two signature headers. Accepted only when
 * the ECDSA signature verifies with the tenant's key, the timestamp is recent, and the same signed
 * post was not applied before (replay); then delivery statuses are updated. Answers 200 with counts.
 */
export function mountSendGridEventWebhook(router: Router, deps: SendGridWebhookDeps): void {
  const audit = auditModel(deps.connection);
  const keys = new Map<string, KeyObject>();
  let lastCleanup = 0;

  const publicKeyOf = (tenant: string): { tenantId: string; key: KeyObject } => {
    const tenantId = deps.tenants.resolveTenantId(tenant);
    const configured = tenantId ? deps.tenants.settings(tenantId).sendgridWebhookPublicKey : null;
    // One answer for unknown tenants and tenants without a key: callers learn nothing about which exist.
    if (!tenantId || !configured) throw unauthenticated(`Tenant "${tenant}" accepts no SendGrid events: no SendGrid webhook verification key is configured`);
    let key = keys.get(tenantId);
    if (!key) {
      try {
        key = sendGridPublicKey(configured);
      } catch (error) {
        deps.logger.error({ err: error, tenantId }, 'email.sendgridWebhookPublicKey is not a valid public key');
        throw unauthenticated(`SendGrid events of tenant "${tenant}" cannot be verified: the configured key is invalid`);
      }
      keys.set(tenantId, key);
    }
    return { tenantId, key };
  };

  const auditCall = (principal: Principal, tenantId: string, requestId: string, error: Refusal | null) =>
    recordAudit(audit, { service: 'notifications', principal, tenantId, operationName: 'POST /webhooks/sendgrid', fields: ['sendgridEventWebhook'], errorCodes: error ? [error.code] : [], requestId }, deps.logger);

  const handle = async (req: Request, res: Response) => {
    const principal = res.locals.principal as Principal;
    const logger = deps.logger.child({ requestId: req.requestId });
    let tenantId: string | null = null;
    try {
      if (principal.kind !== 'service' || principal.id !== SENDGRID_WEBHOOK_SERVICE || !principal.tenantId) {
        throw new Refusal(403, ErrorCode.FORBIDDEN, 'The SendGrid event webhook accepts posts forwarded by the gateway only');
      }
      if (!Buffer.isBuffer(req.body)) throw new Refusal(415, ErrorCode.BAD_REQUEST, 'Send the body as application/octet-stream, unparsed');
      const body = req.body;
      const signature = req.header(SENDGRID_SIGNATURE_HEADER)?.trim();
      const timestamp = req.header(SENDGRID_TIMESTAMP_HEADER)?.trim();
      if (!signature || !timestamp) throw unauthenticated('Unsigned post: X-Twilio-Email-Event-Webhook-Signature and -Timestamp are required (enable the Signed Event Webhook)');
      const resolved = publicKeyOf(principal.tenantId);
      tenantId = resolved.tenantId;
      if (!/^\d{1,12}$/.test(timestamp)) throw unauthenticated('X-Twilio-Email-Event-Webhook-Timestamp must be unix seconds');
      const age = Date.now() / 1000 - Number(timestamp);
      if (Math.abs(age) > deps.maxAgeSeconds) throw unauthenticated(`Signed timestamp is ${Math.round(Math.abs(age))} s away from the server's clock; at most ${deps.maxAgeSeconds} s is accepted`);
      if (!verifySendGridSignature(resolved.key, signature, timestamp, body)) throw unauthenticated('Signature does not match: wrong key, or the body changed after signing');
      const receiptId = createHash('sha256').update(`${tenantId}\n${timestamp}\n`).update(body).digest('hex');
      if (await deps.models.WebhookReceipt.exists({ _id: receiptId })) throw new Refusal(409, ErrorCode.CONFLICT, 'This signed post was already received (replay)');
      let events: unknown[];
      try {
        events = sendGridEventBatch.parse(JSON.parse(body.toString('utf8')));
      } catch {
        throw new Refusal(400, ErrorCode.BAD_REQUEST, 'The body must be a JSON array of SendGrid events');
      }
      const counts = await applySendGridEvents(deps.models, deps.publisher, tenantId, events);
      // After applying: a post that failed midway may be sent again and applied (idempotently) then.
      await deps.models.WebhookReceipt.updateOne({ _id: receiptId }, { $setOnInsert: { tenantId, receivedAt: new Date(), events: events.length } }, { upsert: true }).catch(() => undefined);
      if (Date.now() - lastCleanup > 60_000) {
        lastCleanup = Date.now();
        await deps.models.WebhookReceipt.deleteMany({ receivedAt: { $lt: new Date(Date.now() - 2 * deps.maxAgeSeconds * 1000) } });
      }
      logger.info({ tenantId, ...counts }, 'SendGrid events applied');
      await auditCall(principal, tenantId, req.requestId, null);
      res.status(200).json(counts);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      logger.info({ tenantId, status: error.status, reason: error.message }, 'SendGrid event webhook refused');
      if (tenantId) await auditCall(principal, tenantId, req.requestId, error);
      res.status(error.status).json(graphqlErrorBody(error.code, error.message, { requestId: req.requestId }));
    }
  };

  router.post(
    '/webhooks/sendgrid',
    express.raw({ type: () => true, limit: SENDGRID_WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    handle,
    (error: { type?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json(graphqlErrorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'Body is larger than 5 MB', { requestId: req.requestId }));
        return;
      }
      deps.logger.error({ err: error, requestId: req.requestId }, 'SendGrid event webhook failed');
      next(error);
    },
  );
}
