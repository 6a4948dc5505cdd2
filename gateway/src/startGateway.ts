import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  createHttpServer,
  createInternalTokenSigner,
  createLogger,
  createMetrics,
  jsonErrorHandler,
  listen,
  maskError,
  mountOperationsRoutes,
  requestIdMiddleware,
  useErrorMasking,
  useOperationMetrics,
  type ServiceMetrics,
} from '@soc/server-kit';
import { createAuthenticator, createPrincipalResolver } from './auth/authenticate';
import { DevIssuer } from './auth/devIssuer';
import { devTokenRoute } from './auth/devTokenRoute';
import { PrincipalDirectory } from './auth/principalDirectory';
import { createTokenVerifier } from './auth/tokenVerifier';
import { AuthenticatedDataSource } from './authenticatedDataSource';
import { devIssuerEnabled, readGatewayConfig } from './config';
import type { GatewayContext } from './context';
import { createArmor } from './limits/armor';
import { useOperationResolution } from './plugin/useOperationResolution';
import { useSubscriptionTransport } from './plugin/useSubscriptionTransport';
import { sentinelWebhookRouter } from './webhooks/sentinelWebhookRoute';
import { sendgridWebhookRouter } from './webhooks/sendgridWebhookRoute';
import { loadSupergraph } from './supergraph';
import { createSubscriptionPlanner } from './subscriptions/planSubscription';
import { startSubscriptionServer } from './subscriptions/startSubscriptionServer';

export interface RunningGateway {
  url: string;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/** Programmatic options (tests); deployments configure the gateway through the environment. */
export interface StartGatewayOptions {
  /** A composed supergraph to serve instead of SUPERGRAPH_PATH. */
  supergraphSdl?: string;
}

/** GET with Accept: text/html is a browser asking for the Sandbox page, not an operation. */
const wantsLandingPage = (req: Request) => req.method === 'GET' && Boolean(req.accepts(['application/json', 'text/html']) === 'text/html');

export async function startGateway(env: NodeJS.ProcessEnv = process.env, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const config = readGatewayConfig(env);
  const production = config.NODE_ENV === 'production';
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createMetrics('gateway');
  const supergraph = loadSupergraph(config, options.supergraphSdl);
  const sign = await createInternalTokenSigner(config.INTERNAL_TOKEN_PRIVATE_KEY);
  const directory = new PrincipalDirectory(supergraph.urls.tenants!, sign, config.PRINCIPAL_CACHE_SECONDS);
  const devIssuer = devIssuerEnabled(config) ? new DevIssuer(config.DEV_ISSUER_PRIVATE_KEY) : null;
  if (devIssuer && !config.DEV_ISSUER_PRIVATE_KEY) logger.warn('development issuer uses an ephemeral key: its tokens end with this process');
  const principalOf = createPrincipalResolver(createTokenVerifier(config, devIssuer?.publicKey ?? null), directory);
  const authenticate = createAuthenticator(principalOf, logger);
  const armor = createArmor(config);

  // One data source per subgraph, shared by HTTP execution and subscription events.
  const dataSources = Object.fromEntries(Object.entries(supergraph.urls).map(([name, url]) => [name, new AuthenticatedDataSource(url, sign)]));
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    buildService: ({ name, url }) => dataSources[name] ?? new AuthenticatedDataSource(url!, sign),
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestIdMiddleware);
  mountOperationsRoutes(app, metrics, async () => {
    const response = await fetch(new URL('/readyz', supergraph.urls.tenants), { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error('tenants service not ready');
  });
  const httpServer = createHttpServer(app);

  const server = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    // runService owns signal handling (ordered shutdown of server, then database).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: maskError,
    plugins: [
      ...armor.plugins,
      useOperationResolution(),
      useSubscriptionTransport(),
      useErrorMasking(),
      useOperationMetrics(metrics),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await server.start();

  const corsOrigins = new Set(config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean));
  // graphql-ws on the same port and path; it runs queries and mutations through `server` too.
  const subscriptions = startSubscriptionServer({
    httpServer,
    config,
    logger,
    metrics,
    principalOf,
    planner: createSubscriptionPlanner(supergraph.sdl),
    dataSources,
    subgraphUrls: supergraph.urls,
    sign,
    validationRules: armor.validationRules,
    corsOrigins,
    executeOperation: async (request, contextValue) => {
      const response = await server.executeOperation(request, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported over WebSocket');
      return response.body.singleResult;
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (origin && corsOrigins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-api-key, x-tenant-id, x-request-id, apollo-require-preflight');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });

  const json = express.json({ limit: config.MAX_BODY_BYTES });
  if (devIssuer) app.post('/auth/dev/token', json, devTokenRoute(devIssuer, directory));
  if (supergraph.urls.incidents) app.use(sentinelWebhookRouter({ directory, sign, incidentsUrl: supergraph.urls.incidents, logger }));
  if (supergraph.urls.notifications) app.use(sendgridWebhookRouter({ sign, notificationsUrl: supergraph.urls.notifications, logger }));
  if (!production) {
    // The Sandbox page itself needs no credentials; the operations it sends do.
    const landingPage = expressMiddleware(server, { context: async () => { throw new Error('landing page only'); } });
    app.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
      if (!wantsLandingPage(req)) return next();
      req.body ??= {}; // the integration insists on a parsed body, even for GET
      return landingPage(req, res, next);
    });
  }
  app.use(
    '/graphql',
    json,
    authenticate,
    expressMiddleware(server, {
      context: async ({ req }) => ({ principal: req.principal!, requestId: req.requestId, logger: logger.child({ requestId: req.requestId }) }),
    }),
  );
  app.use(jsonErrorHandler);

  const url = await listen(httpServer, config.GATEWAY_PORT, config.BIND_HOST);
  logger.info({ url: `${url}/graphql`, devIssuer: Boolean(devIssuer) }, 'gateway ready');
  return {
    url,
    metrics,
    async stop() {
      // Sockets first: upgraded connections would otherwise hold the HTTP server open.
      await subscriptions.stop();
      await server.stop();
      logger.info('gateway stopped');
    },
  };
}
