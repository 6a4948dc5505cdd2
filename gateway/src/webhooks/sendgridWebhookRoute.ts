import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ErrorCode, graphqlErrorBody, type InternalTokenSigner, type Logger, type Principal } from '@soc/server-kit';

/** SendGrid batches events; a large batch stays well under this. */
export const SENDGRID_WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const FORWARD_TIMEOUT_MS = 30_000;
const TENANT = /^[a-z0-9][a-z0-9-]{1,62}$/;
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

/** The notifications service's internal SendGrid endpoint, next to its GraphQL path. */
export function notificationsWebhookUrl(notificationsGraphqlUrl: string): string {
  const url = new URL(notificationsGraphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/internal/webhooks/sendgrid`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

const sendError = (req: Request, res: Response, status: number, code: ErrorCode, message: string) => {
  res.status(status).json(graphqlErrorBody(code, message, { requestId: req.requestId }));
};

/**
 * POST /webhooks/sendgrid/:tenant, the public door for SendGrid's Event Webhook. Posts without
 * the two Signed Event Webhook headers are refused before the body is read; the raw body (at most
 * 5 MB) and the headers go unchanged to the notifications service, which holds the tenant's
 * verification key, checks the ECDSA signature, the timestamp and replays, and answers.
 */
export function sendgridWebhookRouter(deps: SendGridWebhookRouteDeps): Router {
  const target = notificationsWebhookUrl(deps.notificationsUrl);
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
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const principal: Principal = { kind: 'service', id: SENDGRID_WEBHOOK_SERVICE, email: null, tenantId: String(req.params.tenant), memberships: [], scopes: [] };
    const headers: Record<string, string> = {
      authorization: `Bearer ${await deps.sign({ principal, requestId: req.requestId })}`,
      'x-request-id': req.requestId,
      // Opaque bytes: the signature covers them exactly, and no JSON parser on the way may touch them.
      'content-type': 'application/octet-stream',
      [SIGNATURE_HEADER]: req.header(SIGNATURE_HEADER)!.trim(),
      [TIMESTAMP_HEADER]: req.header(TIMESTAMP_HEADER)!.trim(),
    };
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    } catch (error) {
      deps.logger.error({ err: error, requestId: req.requestId }, 'notifications service unreachable for the SendGrid webhook');
      // 5xx: SendGrid retries the post later.
      return sendError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, 'Notifications service unavailable, try again');
    }
    const text = await upstream.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      deps.logger.error({ requestId: req.requestId, status: upstream.status }, 'notifications service answered the SendGrid webhook without JSON');
      return sendError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, 'Notifications service gave no valid answer, try again');
    }
    deps.logger.info({ requestId: req.requestId, tenant: req.params.tenant, status: upstream.status }, 'SendGrid webhook forwarded');
    res.status(upstream.status).json(answer);
  };

  router.post(
    '/webhooks/sendgrid/:tenant',
    requireSignature,
    // inflate: false: a compressed body could not be forwarded byte for byte as signed.
    express.raw({ type: () => true, limit: SENDGRID_WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    forward,
    (error: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') return sendError(req, res, 413, ErrorCode.PAYLOAD_TOO_LARGE, 'Webhook body is larger than 5 MB');
      if (error.status && error.status >= 400 && error.status < 500) return sendError(req, res, error.status, ErrorCode.BAD_REQUEST, error.message ?? 'Bad request');
      next(error);
    },
  );
  return router;
}
