import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { auditModel, ErrorCode, graphqlErrorBody, loadTenantsFile, type Principal, recordAudit } from '@soc/server-kit';
import type { IncidentsModels } from '../models';
import { applySentinelIncident } from '../services/sentinelSync';
import { authorizeWebhookCall } from './authorizeWebhookCall';
import { importSecurityAlerts, type WebhookCounts } from './importSecurityAlerts';
import { IncidentNumberCounter } from './incidentNumberCounter';
import { parseWebhookBody } from './parseWebhookBody';
import { WebhookError } from './webhookError';
import { SIGNATURE_HEADER } from './webhookSignature';
import { WebhookTenants } from './webhookTenants';

/** Same limit as the gateway's public route, which has already enforced it. */
export const WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SentinelWebhookDeps {
  models: IncidentsModels;
  env: { TENANTS_FILE?: string };
  logger: Logger;
  connection: Connection;
}

/**
 * POST /internal/webhooks/sentinel: the gateway forwards the public webhook here with an internal
 * token. The body arrives as application/octet-stream, byte for byte as the sender signed it (the
 * kit's JSON parser on /internal would otherwise consume it, and cap it at 1 MB).
 * Answers 202 {received, created, updated, unchanged}.
 */
export function mountSentinelWebhookRoute(router: Router, deps: SentinelWebhookDeps): void {
  const tenants = new WebhookTenants(deps.env.TENANTS_FILE ? loadTenantsFile(deps.env.TENANTS_FILE) : null, deps.logger);
  const numbers = new IncidentNumberCounter(deps.connection, deps.models);
  const audit = auditModel(deps.connection);

  const auditCall = (principal: Principal, tenantId: string | null, requestId: string, error: WebhookError | null) =>
    recordAudit(audit, { service: 'incidents', principal, tenantId, operationName: 'POST /webhooks/sentinel', fields: ['sentinelWebhook'], errorCodes: error ? [error.code] : [], requestId }, deps.logger);

  const handle = async (req: Request, res: Response) => {
    const principal = res.locals.principal as Principal;
    const logger = deps.logger.child({ requestId: req.requestId });
    let tenantId: string | null = null;
    try {
      if (!Buffer.isBuffer(req.body)) throw new WebhookError(415, ErrorCode.BAD_REQUEST, 'Send the webhook body as application/octet-stream, unparsed');
      tenantId = authorizeWebhookCall(principal, req.header(SIGNATURE_HEADER), req.body, tenants);
      const payload = parseWebhookBody(req.body);
      let counts: WebhookCounts;
      if (payload.kind === 'incident') {
        const outcome = await applySentinelIncident(deps.models, tenantId, payload.record, 'WEBHOOK');
        counts = { received: 1, created: 0, updated: 0, unchanged: 0, [outcome]: 1 };
      } else {
        counts = await importSecurityAlerts(deps.models, numbers, tenantId, payload.rows);
      }
      logger.info({ tenantId, caller: `${principal.kind}:${principal.id}`, format: payload.kind, ...counts }, 'Sentinel webhook applied');
      await auditCall(principal, tenantId, req.requestId, null);
      res.status(202).json(counts);
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      logger.info({ tenantId, caller: `${principal.kind}:${principal.id}`, status: error.status, reason: error.message }, 'Sentinel webhook refused');
      // Calls that never proved a tenant are not the tenant's to audit.
      if (tenantId) await auditCall(principal, tenantId, req.requestId, error);
      res.status(error.status).json(error.body(req.requestId));
    }
  };

  router.post(
    '/webhooks/sentinel',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES, inflate: false }),
    handle,
    (error: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json(graphqlErrorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'Webhook body is larger than 5 MB', { requestId: req.requestId }));
        return;
      }
      deps.logger.error({ err: error, requestId: req.requestId }, 'Sentinel webhook failed');
      next(error);
    },
  );
}
