import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ErrorCode, type InternalTokenSigner, type Logger, type Principal } from '@soc/server-kit';
import { DirectoryUnavailableError, type PrincipalDirectory } from '../auth/principalDirectory';
import { relayWebhook, sendWebhookError as sendError, subgraphWebhookUrl, WEBHOOK_TENANT as TENANT, webhookBodyErrors } from './webhookForwarding';
import { SIGNATURE_HEADER, WebhookAuthError, webhookPrincipal } from './webhookPrincipal';

export const WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** Long enough for a full batch of alerts to be written. */
const FORWARD_TIMEOUT_MS = 120_000;

export interface SentinelWebhookRouteDeps {
  directory: PrincipalDirectory;
  sign: InternalTokenSigner;
  /** GraphQL URL of the incidents subgraph (supergraph.urls.incidents). */
  incidentsUrl: string;
  logger: Logger;
}

/**
 * POST /webhooks/sentinel/:tenant, the public door for Sentinel pushes (automation rules,
 * playbooks, Logic Apps exporting SecurityAlert rows). Credentials are checked before the body is
 * read; the raw body (at most 5 MB) is forwarded unchanged to the incidents service, whose status
 * and JSON answer are passed back.
 */
export function sentinelWebhookRouter(deps: SentinelWebhookRouteDeps): Router {
  const relay = { target: subgraphWebhookUrl(deps.incidentsUrl, 'sentinel'), timeoutMs: FORWARD_TIMEOUT_MS, service: 'incidents service', webhook: 'Sentinel webhook', logger: deps.logger };
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
    const principal = res.locals.webhookPrincipal as Principal;
    const headers: Record<string, string> = {
      authorization: `Bearer ${await deps.sign({ principal, requestId: req.requestId })}`,
      'x-request-id': req.requestId,
      // Opaque bytes on purpose: the signature covers them exactly, and no JSON parser on the way may touch them.
      'content-type': 'application/octet-stream',
    };
    const signature = req.header(SIGNATURE_HEADER);
    if (signature && principal.kind === 'service') headers[SIGNATURE_HEADER] = signature;
    await relayWebhook(req, res, relay, headers);
  };

  router.post(
    '/webhooks/sentinel/:tenant',
    authenticate,
    // inflate: false: a compressed body could not be forwarded byte for byte as signed.
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    forward,
    webhookBodyErrors('5 MB'),
  );
  return router;
}
