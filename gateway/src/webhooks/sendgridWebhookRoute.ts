import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ErrorCode, type InternalTokenSigner, type Logger, type Principal } from '@soc/server-kit';
import { relayWebhook, sendWebhookError as sendError, subgraphWebhookUrl, WEBHOOK_TENANT as TENANT, webhookBodyErrors } from './webhookForwarding';

/** SendGrid batches events; a large batch stays well under this. */
export const SENDGRID_WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const FORWARD_TIMEOUT_MS = 30_000;
const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
/** The identity a forwarded post acts as; the notifications service checks the post's own signature. */
const SENDGRID_WEBHOOK_SERVICE = 'sendgrid-webhook';

export interface SendGridWebhookRouteDeps {
  sign: InternalTokenSigner;
  /** GraphQL URL of the notifications subgraph (supergraph.urls.notifications). */
  notificationsUrl: string;
  logger: Logger;
}

/**
 * POST /webhooks/sendgrid/:tenant, the public door for SendGrid's Event Webhook. Posts without
 * the two Signed Event Webhook headers are refused before the body is read; the raw body (at most
 * 5 MB) and the headers go unchanged to the notifications service, which holds the tenant's
 * verification key, checks the ECDSA signature, the timestamp and replays, and answers.
 */
export function sendgridWebhookRouter(deps: SendGridWebhookRouteDeps): Router {
  const relay = { target: subgraphWebhookUrl(deps.notificationsUrl, 'sendgrid'), timeoutMs: FORWARD_TIMEOUT_MS, service: 'notifications service', webhook: 'SendGrid webhook', logger: deps.logger };
  const router = express.Router();

  const requireSignature = (req: Request, res: Response, next: NextFunction) => {
    const tenant = String(req.params.tenant ?? '');
    if (!TENANT.test(tenant)) return sendError(req, res, 404, ErrorCode.NOT_FOUND, `Unknown tenant "${tenant.slice(0, 64)}"`);
    if (!req.header(SIGNATURE_HEADER)?.trim() || !req.header(TIMESTAMP_HEADER)?.trim()) {
      return sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, 'Unsigned post: enable the Signed Event Webhook (X-Twilio-Email-Event-Webhook-Signature and -Timestamp)');
    }
    next();
  };

  const forward = async (req: Request, res: Response) => {
    const principal: Principal = { kind: 'service', id: SENDGRID_WEBHOOK_SERVICE, email: null, tenantId: String(req.params.tenant), memberships: [], scopes: [] };
    // 5xx from here (service unreachable): SendGrid retries the post later.
    await relayWebhook(req, res, relay, {
      authorization: `Bearer ${await deps.sign({ principal, requestId: req.requestId })}`,
      'x-request-id': req.requestId,
      // Opaque bytes: the signature covers them exactly, and no JSON parser on the way may touch them.
      'content-type': 'application/octet-stream',
      [SIGNATURE_HEADER]: req.header(SIGNATURE_HEADER)!.trim(),
      [TIMESTAMP_HEADER]: req.header(TIMESTAMP_HEADER)!.trim(),
    });
  };

  router.post(
    '/webhooks/sendgrid/:tenant',
    requireSignature,
    // inflate: false: a compressed body could not be forwarded byte for byte as signed.
    express.raw({ type: () => true, limit: SENDGRID_WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    forward,
    webhookBodyErrors('5 MB'),
  );
  return router;
}
