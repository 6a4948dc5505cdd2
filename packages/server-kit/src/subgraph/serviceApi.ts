import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { createServiceTokenSigner, createServiceTokenVerifier, type ServiceTokenSigner } from '../auth/serviceToken';
import { ErrorCode, graphqlErrorBody } from '../errors';
import { mountEventFeed } from '../events/eventFeedRoute';
import type { OutboxDoc } from '../events/outboxModel';
import type { Model } from 'mongoose';

export type ServiceName = 'incidents' | 'analysis' | 'tenants' | 'notifications';

export const SERVICE_DEFAULT_PORTS: Record<ServiceName, number> = { incidents: 4001, analysis: 4002, tenants: 4003, notifications: 4004 };

/** Calls another service's `/service` API with this service's token; throws on a non-2xx answer. */
export type ServiceCaller = <T>(service: ServiceName, path: string, init?: { method?: 'GET' | 'POST'; body?: unknown }) => Promise<T>;

export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ServiceApiEnv {
  SERVICE_TOKEN_PRIVATE_KEY?: string;
  SERVICE_TOKEN_PUBLIC_KEY?: string;
  INCIDENTS_SERVICE_URL?: string;
  ANALYSIS_SERVICE_URL?: string;
  TENANTS_SERVICE_URL?: string;
  NOTIFICATIONS_SERVICE_URL?: string;
}

export const serviceUrl = (env: ServiceApiEnv, service: ServiceName): string =>
  env[`${service.toUpperCase()}_SERVICE_URL` as keyof ServiceApiEnv] ?? `http://127.0.0.1:${SERVICE_DEFAULT_PORTS[service]}`;

/**
 * Service-to-service plumbing of one subgraph: the token-protected `/service` router (its event
 * feed plus the definition's own service routes) and a caller for other services' routes.
 */
export async function createServiceApi(options: { name: ServiceName; env: ServiceApiEnv; outbox: Model<OutboxDoc>; logger: Logger }) {
  const { env, name } = options;
  const signer: ServiceTokenSigner | null = env.SERVICE_TOKEN_PRIVATE_KEY ? await createServiceTokenSigner(env.SERVICE_TOKEN_PRIVATE_KEY, name) : null;
  const verify = env.SERVICE_TOKEN_PUBLIC_KEY ? await createServiceTokenVerifier(env.SERVICE_TOKEN_PUBLIC_KEY) : null;

  const router: Router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    if (!verify) {
      res.status(503).json(graphqlErrorBody(ErrorCode.UNAUTHENTICATED, 'service API disabled: SERVICE_TOKEN_PUBLIC_KEY is not set'));
      return;
    }
    const header = req.header('authorization');
    try {
      if (!header?.startsWith('Bearer ')) throw new Error('missing');
      res.locals.callerService = (await verify(header.slice(7))).service;
      next();
    } catch {
      res.status(401).json(graphqlErrorBody(ErrorCode.UNAUTHENTICATED, 'service token required'));
    }
  });
  mountEventFeed(router, options.outbox);

  const callService: ServiceCaller = async (service, path, init = {}) => {
    if (!signer) throw new ServiceCallError('SERVICE_TOKEN_PRIVATE_KEY is not set: this service cannot call other services', 0);
    const response = await fetch(new URL(`/service${path}`, serviceUrl(env, service)), {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${await signer()}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) throw new ServiceCallError(`${service}${path} answered ${response.status}`, response.status);
    return (await response.json()) as never;
  };

  return { router, callService, signServiceToken: signer };
}
