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

type BaseEnv = z.infer<z.ZodObject<typeof subgraphEnv>>;

export interface ServiceDeps<Models, Env> {
  models: Models;
  env: BaseEnv & Env;
  logger: Logger;
  metrics: ServiceMetrics;
  connection: Connection;
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
  /** Long-lived domain services (workers, integration clients), shared by every request. */
  services?(deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>>): Services;
  /** Work after the server is ready (seeding, schedulers); may return a stop hook. */
  onStart?(deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> & { services: Services }): Promise<(() => Promise<void>) | void>;
}

export interface RunningService {
  name: string;
  url: string;
  metrics: ServiceMetrics;
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
  const deps: ServiceDeps<Models, z.infer<z.ZodObject<EnvShape>>> = { models, env, logger, metrics, connection };
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

  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<SubgraphContext<Models, Loaders, Services>>({
    schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
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
  app.use('/internal', express.json({ limit: BODY_LIMIT }), authenticate, internal);
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    authenticate,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const principal = res.locals.principal as Principal;
        return {
          principal,
          requestId: req.requestId,
          logger: logger.child({ requestId: req.requestId }),
          models,
          loaders: definition.loaders(models, principal),
          services,
        };
      },
    }),
  );
  app.use(jsonErrorHandler);

  const url = await listen(httpServer, env[portVariable] as number, env.BIND_HOST);
  const stopHook = await definition.onStart?.({ ...deps, services });
  logger.info({ url }, `${definition.name} subgraph ready`);

  return {
    name: definition.name,
    url,
    metrics,
    async stop() {
      await stopHook?.();
      // Stops accepting requests, lets in-flight ones finish, then closes the HTTP server.
      await apollo.stop();
      await connection.close();
      logger.info(`${definition.name} subgraph stopped`);
    },
  };
}
