import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, graphqlErrorBody, type Logger } from '@soc/server-kit';

/** A tenant slug as the public webhook paths accept it. */
export const WEBHOOK_TENANT = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const sendWebhookError = (req: Request, res: Response, status: number, code: ErrorCode, message: string) => {
  res.status(status).json(graphqlErrorBody(code, message, { requestId: req.requestId }));
};

/**
 * A subgraph's internal webhook endpoint, from its GraphQL URL: the same origin and path prefix (a
 * deployment may serve the subgraph under one), with /graphql swapped for `/internal/webhooks/<name>`.
 */
export function subgraphWebhookUrl(graphqlUrl: string, name: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/internal/webhooks/${name}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export interface WebhookRelay {
  target: string;
  timeoutMs: number;
  /** For the logs and the caller's error messages, e.g. "incidents service" and "Sentinel webhook". */
  service: string;
  webhook: string;
  logger: Logger;
}

/**
 * Posts the raw body to the owning service and passes its status and JSON answer back. A service
 * that cannot be reached or answers without JSON is a 502, so the sender retries later.
 */
export async function relayWebhook(req: Request, res: Response, relay: WebhookRelay, headers: Record<string, string>): Promise<void> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const serviceName = relay.service.charAt(0).toUpperCase() + relay.service.slice(1);
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(relay.target, { method: 'POST', headers, body, signal: AbortSignal.timeout(relay.timeoutMs) });
  } catch (error) {
    relay.logger.error({ err: error, requestId: req.requestId }, `${relay.service} unreachable for the ${relay.webhook}`);
    return sendWebhookError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, `${serviceName} unavailable, try again`);
  }
  const text = await upstream.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    relay.logger.error({ requestId: req.requestId, status: upstream.status }, `${relay.service} answered the ${relay.webhook} without JSON`);
    return sendWebhookError(req, res, 502, ErrorCode.INTERNAL_SERVER_ERROR, `${serviceName} gave no valid answer, try again`);
  }
  relay.logger.info({ requestId: req.requestId, tenant: req.params.tenant, status: upstream.status }, `${relay.webhook.charAt(0).toUpperCase()}${relay.webhook.slice(1)} forwarded`);
  res.status(upstream.status).json(answer);
}

/** Errors of reading a webhook body (express.raw): too large, or otherwise unreadable. */
export function webhookBodyErrors(limitText: string) {
  return (error: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') return sendWebhookError(req, res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Webhook body is larger than ${limitText}`);
    if (error.status && error.status >= 400 && error.status < 500) return sendWebhookError(req, res, error.status, ErrorCode.BAD_REQUEST, error.message ?? 'Bad request');
    next(error);
  };
}
