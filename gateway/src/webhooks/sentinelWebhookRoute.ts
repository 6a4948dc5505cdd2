import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ErrorCode, graphqlErrorBody, type InternalTokenSigner, type Logger, type Principal } from '@soc/server-kit';
import { DirectoryUnavailableError, type PrincipalDirectory } from '../auth/principalDirectory';
import { incidentsWebhookUrl } from './incidentsWebhookUrl';
import { SIGNATURE_HEADER, WebhookAuthError, webhookPrincipal } from './webhookPrincipal';

export const WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** Long enough for a full batch of alerts to be written. */
const FORWARD_TIMEOUT_MS = 120_000;
const TENANT = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface SentinelWebhookRouteDeps {
  directory: PrincipalDirectory;
  sign: InternalTokenSigner;
  /** GraphQL URL of the incidents subgraph (supergraph.urls.incidents). */
  incidentsUrl: string;
  logger: Logger;
}

const sendError = (req: Request, res: Response, status: number, code: ErrorCode, message: string) => {
  res.status(status).json(graphqlErrorBody(code, message, { requestId: req.requestId }));
};

/**
 * POST /webhooks/sentinel/:tenant, the public door for Sentinel pushes (automation rules,
 * playbooks, Logic Apps exporting SecurityAlert rows). Credentials are checked before the body is
 * read; the raw body (at most 5 MB) is forwarded unchanged to the incidents service, whose status
 * and JSON answer are passed back.
 */
export function sentinelWebhookRouter(deps: SentinelWebhookRouteDeps): Router {
  const target = incidentsWebhookUrl(deps.incidentsUrl);
  const router = express.Router();

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const tenant = String(req.params.tenant ?? '');
    if (!TENANT.test(tenant)) return sendError(req, res, 404, ErrorCode.NOT_FOUND, `Unknown tenant "${tenant.slice(0, 64)}"`);
    try {
      res.locals.webhookPrincipal = await webhookPrincipal(req, tenant, deps.directory);
      next();
    } catch (error) {
      if (error instanceof WebhookAuthError) return sendError(req, res, error.status, error.code, error.message);
      if (error instanceof DirectoryUnavailableError) {
        deps.logger.error({ err: error, requestId: req.requestId }, 'identity lookup failed');
        return sendError(req, res, 503, ErrorCode.INTERNAL_SERVER_ERROR, 'Identity service unavailable, try again');
      }
      next(error);
    }
  };

  const forward = async (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const principal = res.locals.webhookPrincipal as Principal;
    const token = await deps.sign({ principal, requestId: req.requestId });
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-request-id': req.requestId,
      // Opaque bytes on purpose: the signature covers them exactly, and no JSON parser on the way may touch them.
      'content-type': 'application/octet-stream',
    };
    const signature = req.header(SIGNATURE_HEADER);
    if (signature && principal.kind === 'service') headers[SIGNATURE_HEADER] = signature;
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    } catch (error) {
      deps.logger.error({ err: error, requestId: req.requestId }, 'incidents service unreachable for the Sentinel webhook');
      return sendError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, 'Incidents service unavailable, try again');
    }
    const text = await upstream.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      deps.logger.error({ requestId: req.requestId, status: upstream.status }, 'incidents service answered the Sentinel webhook without JSON');
      return sendError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, 'Incidents service gave no valid answer, try again');
    }
    deps.logger.info({ requestId: req.requestId, tenant: req.params.tenant, status: upstream.status }, 'Sentinel webhook forwarded');
    res.status(upstream.status).json(answer);
  };

  router.post(
    '/webhooks/sentinel/:tenant',
    authenticate,
    // inflate: false: a compressed body could not be forwarded byte for byte as signed.
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    forward,
    (error: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') return sendError(req, res, 413, ErrorCode.PAYLOAD_TOO_LARGE, 'Webhook body is larger than 5 MB');
      if (error.status && error.status >= 400 && error.status < 500) return sendError(req, res, error.status, ErrorCode.BAD_REQUEST, error.message ?? 'Bad request');
      next(error);
    },
  );
  return router;
}
