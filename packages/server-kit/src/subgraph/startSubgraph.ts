import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DocumentNode } from 'graphql';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { createInternalTokenVerifier, InvalidInternalTokenError } from '../auth/internalToken';
import type { Principal } from '../auth/principal';
import { parseEnv, port as portVar, subgraphEnv } from '../config/env';
import type { RequestContext } from '../context';
import { ErrorCode, graphqlErrorBody } from '../errors';
import { jsonErrorHandler } from '../http/jsonErrors';
import { createHttpServer, listen } from '../http/listen';
import { mountOperationsRoutes } from '../http/operations';
import { requestIdMiddleware } from '../http/requestId';
import { createLogger } from '../logger';
import { createMetrics, type ServiceMetrics } from '../metrics';
import { connectMongo, ensureIndexes, pingMongo } from '../mongo/connect';
import { auditModel, useAudit } from '../plugin/audit';
import { maskError, useErrorMasking } from '../plugin/errorMasking';
import { useOperationMetrics } from '../plugin/metrics';
import { serveSubgraphSubscriptions, type SubgraphSubscriptions } from '../subscriptions/serveSubgraphSubscriptions';
import { outboxModel, type OutboxDoc } from '../events/outboxModel';
import { startEventConsumer, type EventConsumer } from '../events/eventConsumer';
import type { DomainEvent } from '../events/domainEvent';
import { createServiceApi, serviceUrl, type ServiceCaller, type ServiceName } from './serviceApi';
import type { Model } from 'mongoose';

type BaseEnv = z.infer<z.ZodObject<typeof subgraphEnv>>;

export interface ServiceDeps<Models, Env> {
  models: Models;
  env: BaseEnv & Env;
  logger: Logger;
  metrics: ServiceMetrics;
  connection: Connection;
  /** This service's event outbox (DESIGN.md, "Events between services"). */
  outbox: Model<OutboxDoc>;
  /** Calls another service's token-protected `/service` API. */
  callService: ServiceCaller;
}

/** Events of another service this one applies (idempotently: repeats must change nothing). */
export interface EventSubscription {
  producer: ServiceName;
  types: string[];
  handle(event: DomainEvent): Promise<void>;
}

export type SubgraphContext<Models, Loaders, Services = undefined> = RequestContext & { models: Models; loaders: Loaders; services: Services };

/** Everything that makes one subgraph; the kit supplies the server around it. */
export interface SubgraphDefinition<Models, Loaders, EnvShape extends z.ZodRawShape = Record<never, never>, Services = undefined> {
  /** Service name: also its database suffix and its `<NAME>_PORT` variable. */
  name: 'incidents' | 'analysis' | 'tenants' | 'notifications';
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<Models, Loaders, Services>>;
  /** Extra environment variables this service reads. */
  env?: EnvShape;
  /** Registers the service's mongoose models on its own connection. */
  models(connection: Connection): Models;
  /** Per-request DataLoaders, scoped to the caller's tenant. */
  loaders(models: Models, principal: Principal): Loaders;
  /** Internal endpoints under /internal, behind the same internal-token check as /graphql. */
  internalRoutes?(router: Router, deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>>): void;
  /** Service-to-service routes under /service, behind the service-token check (next to the event feed). */
  serviceRoutes?(router: Router, deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> & { services: Services }): void;
  /** Other services' events this service consumes. */
  eventSubscriptions?(deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> & { services: Services }): EventSubscription[];
  /** Long-lived domain services (workers, integration clients), shared by every request. */
  services?(deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>>): Services;
  /** Work after the server is ready (seeding, schedulers); may return a stop hook. */
  onStart?(deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> & { services: Services }): Promise<(() => Promise<void>) | void>;
}

export interface RunningService {
  name: string;
  url: string;
  metrics: ServiceMetrics;
  /** Polls every event feed this service consumes until nothing is new (tests). */
  drainEvents(): Promise<void>;
  stop(): Promise<void>;
}

const BODY_LIMIT = '1mb';

/** Starts a subgraph: database, indexes, internal-token auth, GraphQL, health, metrics. */
export async function startSubgraph<Models, Loaders, EnvShape extends z.ZodRawShape, Services>(
  definition: SubgraphDefinition<Models, Loaders, EnvShape, Services>,
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const portVariable = `${definition.name.toUpperCase()}_PORT`;
  const env = parseEnv({ ...subgraphEnv, [portVariable]: portVar(definition.defaultPort), ...(definition.env ?? {}) }, rawEnv) as BaseEnv &
    z.infer<z.ZodObject<EnvShape>> & Record<string, number>;
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const metrics = createMetrics(definition.name);
  const verifyInternalToken = await createInternalTokenVerifier(env.INTERNAL_TOKEN_PUBLIC_KEY);

  const connection = await connectMongo({ uri: env.MONGODB_URI, dbName: `${env.MONGODB_DB_PREFIX}_${definition.name}`, metrics });
  const models = definition.models(connection);
  const audit = auditModel(connection);
  await ensureIndexes(connection);
  const outbox = outboxModel(connection);
  const serviceApi = await createServiceApi({ name: definition.name, env, outbox, logger });
  const deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> = { models, env, logger, metrics, connection, outbox, callService: serviceApi.callService };
  const services = definition.services?.(deps) as Services;

  const app = express();
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  mountOperationsRoutes(app, metrics, () => pingMongo(connection));

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) {
      res.status(401).json(graphqlErrorBody(ErrorCode.UNAUTHENTICATED, 'Subgraphs accept only gateway-signed internal tokens', { requestId: req.requestId }));
      return;
    }
    try {
      const { principal, requestId } = await verifyInternalToken(token);
      res.locals.principal = principal;
      req.requestId = requestId;
      next();
    } catch (error) {
      const message = error instanceof InvalidInternalTokenError ? error.message : 'internal token invalid';
      res.status(401).json(graphqlErrorBody(ErrorCode.UNAUTHENTICATED, message, { requestId: req.requestId }));
    }
  };

  // One context shape for HTTP requests and WebSocket operations alike.
  const contextFor = (principal: Principal, requestId: string): SubgraphContext<Models, Loaders, Services> => ({
    principal,
    requestId,
    logger: logger.child({ requestId }),
    models,
    loaders: definition.loaders(models, principal),
    services,
  });

  const httpServer = createHttpServer(app);
  const schema = buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
  const apollo = new ApolloServer<SubgraphContext<Models, Loaders, Services>>({
    schema,
    csrfPrevention: true,
    // runService owns signal handling (ordered shutdown of server, then database).
    stopOnTerminationSignals: false,
    introspection: env.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: maskError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      useErrorMasking(),
      useOperationMetrics(metrics),
      useAudit(definition.name, audit),
      ApolloServerPluginDrainHttpServer({ httpServer }),
    ],
  });
  await apollo.start();

  const internal = express.Router();
  definition.internalRoutes?.(internal, deps);
  definition.serviceRoutes?.(serviceApi.router, { ...deps, services });
  app.use('/service', serviceApi.router);
  app.use('/internal', express.json({ limit: BODY_LIMIT }), authenticate, internal);
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    authenticate,
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(res.locals.principal as Principal, req.requestId) }),
  );
  app.use(jsonErrorHandler);

  // Subscriptions (graphql-ws on the same port and path), only where the schema has any; the
  // gateway is their only client.
  const subscriptions: SubgraphSubscriptions | null = schema.getSubscriptionType()
    ? serveSubgraphSubscriptions({ httpServer, schema, verifyInternalToken, context: contextFor, logger, metrics, production: env.NODE_ENV === 'production' })
    : null;

  const url = await listen(httpServer, env[portVariable] as number, env.BIND_HOST);
  const stopHook = await definition.onStart?.({ ...deps, services });
  const consumers: EventConsumer[] = [];
  for (const subscription of definition.eventSubscriptions?.({ ...deps, services }) ?? []) {
    if (!serviceApi.signServiceToken) {
      const problem = `${definition.name} consumes ${subscription.producer} events (${subscription.types.join(', ')}) but SERVICE_TOKEN_PRIVATE_KEY is not set`;
      // Never silently in production; a development run without the key just lacks these effects.
      if (env.NODE_ENV === 'production') throw new Error(problem);
      logger.warn(`${problem}: those events are not applied`);
      continue;
    }
    consumers.push(
      startEventConsumer({
        name: `${definition.name}<-${subscription.producer}`,
        producerUrl: () => serviceUrl(env, subscription.producer),
        types: subscription.types,
        connection,
        signServiceToken: serviceApi.signServiceToken,
        handle: subscription.handle,
        logger,
        intervalMs: env.EVENTS_POLL_INTERVAL_MS,
      }),
    );
  }
  logger.info({ url }, `${definition.name} subgraph ready`);

  return {
    name: definition.name,
    url,
    metrics,
    drainEvents: async () => {
      for (const consumer of consumers) await consumer.pollNow();
    },
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      // Live operations first (their iterators end while the service's PubSub still runs), and
      // upgraded sockets would otherwise hold the HTTP server open.
      await subscriptions?.dispose();
      await stopHook?.();
      // Stops accepting requests, lets in-flight ones finish, then closes the HTTP server.
      await apollo.stop();
      await connection.close();
      logger.info(`${definition.name} subgraph stopped`);
    },
  };
}
