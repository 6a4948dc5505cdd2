import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { GraphQLDataSource } from '@apollo/gateway';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type WebSocket from 'ws';
import {
  attachWebSocketServer,
  ErrorCode,
  maskSocketErrors,
  platformError,
  type InternalTokenSigner,
  type Logger,
  type Principal,
  type ServiceMetrics,
} from '@soc/server-kit';
import { AuthError, type PrincipalResolver } from '../auth/authenticate';
import { DirectoryUnavailableError } from '../auth/principalDirectory';
import { InvalidCredentialsError } from '../auth/tokenVerifier';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import { connectionCredentials, credentialExpiry } from './connectionCredentials';
import { createRestExecutor } from './executeRest';
import { openFederatedSubscription } from './openFederatedSubscription';
import { createOriginPolicy } from './originPolicy';
import type { SubscriptionPlanner } from './planSubscription';
import { createSubscriptionMetrics } from './subscriptionMetrics';
import { SubscriptionStreamError } from './subscriptionStreamError';
import { createUpstreamConnections } from './upstreamConnections';

/** Runs a query or mutation through the gateway's normal HTTP pipeline (Apollo Server). */
export type ExecuteOperation = (request: { query: string; variables?: Record<string, unknown>; operationName?: string }, context: GatewayContext) => Promise<FormattedExecutionResult>;

export interface SubscriptionServerOptions {
  httpServer: Server;
  config: GatewayConfig;
  logger: Logger;
  metrics: ServiceMetrics;
  principalOf: PrincipalResolver;
  planner: SubscriptionPlanner;
  /** The same data sources the HTTP gateway uses, by subgraph name. */
  dataSources: Record<string, GraphQLDataSource<GatewayContext>>;
  subgraphUrls: Record<string, string>;
  sign: InternalTokenSigner;
  /** graphql-armor's rules, configured once for HTTP and WebSocket (limits/armor.ts). */
  validationRules: ValidationRule[];
  corsOrigins: ReadonlySet<string>;
  executeOperation: ExecuteOperation;
}

export interface SubscriptionServer {
  /** Closes client sockets (1001), which completes their upstream operations, then the upstream sockets. */
  stop(): Promise<void>;
}

type ConnectionExtra = {
  connectionId?: string;
  principal?: Principal;
  expiryTimer?: NodeJS.Timeout;
  recheckTimer?: NodeJS.Timeout;
  /** Request id of each operation, for errors sent before or after it runs. */
  requestIds?: Map<string, string>;
};

/** An operation's context: what HTTP requests get, plus what the executors need of the request. */
interface SocketOperationContext extends GatewayContext {
  source: string;
  variables: Record<string, unknown>;
}

/** WebSocket close reasons are limited to 123 bytes. */
const closeReason = (text: string) => (Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}...`);
const CLOSE_GRACE_MS = 3_000;
const MAX_TIMER_MS = 2_147_483_647;
const SUGGESTION = /Did you mean ".+"/g;

const sameAccess = (a: Principal, b: Principal) => a.tenantId === b.tenantId && [...a.scopes].sort().join() === [...b.scopes].sort().join();

/**
 * graphql-ws on the gateway's HTTP server, at /graphql like HTTP. `@apollo/gateway` cannot
 * execute subscriptions, so this server plans them itself and streams them from the owning
 * subgraph; queries and mutations sent over the socket go through the normal HTTP pipeline.
 *
 * - onConnect: Origin is checked at the upgrade; the `connection_init` credentials go through
 *   the same authentication as HTTP headers (4403 when missing or invalid). A bearer token's
 *   expiry closes the socket (4403), and the credentials are checked again every
 *   PRINCIPAL_CACHE_SECONDS, so a revoked key or a lost membership ends the connection within
 *   the same time as it stops working over HTTP.
 * - onSubscribe: parse with the HTTP token limit, validate against the API schema with the HTTP
 *   armor rules, coerce variables: every failure is a GraphQL error, before anything upstream.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { config, logger, planner, principalOf } = options;
  const production = config.NODE_ENV === 'production';
  const metrics = createSubscriptionMetrics(options.metrics.registry);
  const upstream = createUpstreamConnections({ urls: options.subgraphUrls, sign: options.sign, keepAliveMs: config.WS_KEEPALIVE_MS, logger, metrics });
  const executeRest = createRestExecutor(planner, options.dataSources);
  const rules = [...specifiedRules, ...options.validationRules];
  const attached = attachWebSocketServer(options.httpServer, { path: '/graphql', maxPayload: config.MAX_BODY_BYTES, admit: createOriginPolicy(options.corsOrigins) });
  let connectionCount = 0;

  attached.wss.on('connection', (socket: WebSocket) => {
    metrics.connections.inc();
    socket.once('close', () => metrics.connections.dec());
  });

  /** Errors of the request phase, with the code HTTP would give them. */
  const requestErrors = (errors: readonly GraphQLError[], code: string): GraphQLError[] =>
    errors.map(
      (error) =>
        new GraphQLError(production ? error.message.replace(SUGGESTION, '[Suggestion hidden]') : error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          originalError: error.originalError,
          extensions: { code, ...error.extensions },
        }),
    );

  const formatErrors = (errors: ReadonlyArray<GraphQLError | GraphQLFormattedError>, requestId: string | undefined, opLogger: Logger): GraphQLFormattedError[] =>
    errors.flatMap((error) => {
      const original = error instanceof GraphQLError ? error.originalError : undefined;
      if (!(original instanceof SubscriptionStreamError)) return maskSocketErrors([error], { requestId, logger: opLogger });
      if (!original.fromGateway) return maskSocketErrors(original.errors, { requestId, logger: opLogger });
      return original.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
    });

  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      isProd: production,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const credentials = connectionCredentials(ctx.connectionParams);
        let principal: Principal;
        try {
          principal = await principalOf(credentials);
        } catch (error) {
          if (error instanceof AuthError || error instanceof InvalidCredentialsError) {
            logger.debug({ reason: error.message }, 'graphql-ws connection refused');
            socket.close(CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
            return false;
          }
          if (error instanceof DirectoryUnavailableError) {
            logger.error({ err: error }, 'identity lookup failed');
            // 1013 Try Again Later: clients retry, unlike after 4403.
            socket.close(1013, 'Identity service unavailable, try again');
            return false;
          }
          throw error;
        }
        ctx.extra.principal = principal;
        ctx.extra.connectionId = `ws${(connectionCount += 1)}`;
        ctx.extra.requestIds = new Map();
        const expiry = credentialExpiry(credentials);
        if (expiry !== null) {
          ctx.extra.expiryTimer = setTimeout(() => socket.close(CloseCode.Forbidden, 'Forbidden: token expired'), Math.min(Math.max(expiry - Date.now(), 0), MAX_TIMER_MS));
          ctx.extra.expiryTimer.unref();
        }
        ctx.extra.recheckTimer = setInterval(async () => {
          try {
            const current = await principalOf(credentials);
            // Live operations run with the access they started with: a change needs a new connection.
            if (!sameAccess(current, principal)) socket.close(CloseCode.Forbidden, 'Forbidden: permissions changed, connect again');
          } catch (error) {
            if (error instanceof AuthError || error instanceof InvalidCredentialsError) socket.close(CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
            // The directory being unreachable is not a reason to drop a working connection.
          }
        }, Math.max(config.PRINCIPAL_CACHE_SECONDS, 1) * 1000);
        ctx.extra.recheckTimer.unref();
        return true;
      },

      async onSubscribe(ctx, id, payload) {
        const principal = ctx.extra.principal!;
        const requestId = randomUUID();
        ctx.extra.requestIds?.set(id, requestId);
        // ctx.subscriptions already holds this operation.
        if (Object.keys(ctx.subscriptions).length > config.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [platformError(ErrorCode.RATE_LIMITED, `At most ${config.MAX_SUBSCRIPTIONS_PER_CONNECTION} operations per connection`)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: config.MAX_QUERY_TOKENS });
        } catch (error) {
          return requestErrors([error instanceof GraphQLError ? error : new GraphQLError('Could not parse the operation')], 'GRAPHQL_PARSE_FAILED');
        }
        const invalid = validate(planner.apiSchema, document, rules);
        if (invalid.length > 0) return requestErrors(invalid, 'GRAPHQL_VALIDATION_FAILED');
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          const message = payload.operationName ? `Unknown operation named "${payload.operationName}".` : 'Must provide operationName when the document contains several operations.';
          return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        }
        const variables = payload.variables ?? {};
        const coerced = getVariableValues(planner.apiSchema, operation.variableDefinitions ?? [], variables);
        if (coerced.errors) return requestErrors(coerced.errors, ErrorCode.BAD_USER_INPUT);

        const contextValue: SocketOperationContext = {
          principal,
          requestId,
          logger: logger.child({ requestId, connection: ctx.extra.connectionId }),
          source: payload.query,
          variables,
        };
        return {
          schema: planner.apiSchema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue,
        } satisfies ExecutionArgs;
      },

      async subscribe(args) {
        const context = args.contextValue as SocketOperationContext;
        let plan;
        try {
          plan = planner.plan(args.document, args.operationName);
        } catch (error) {
          context.logger.error({ err: error }, 'subscription planning failed');
          return { errors: [platformError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error')] } satisfies ExecutionResult;
        }
        options.metrics.graphqlOperations.inc({ type: 'subscription', outcome: 'success' });
        context.logger.debug({ subgraph: plan.primary.serviceName, operationName: args.operationName }, 'subscription started');
        return openFederatedSubscription(
          { upstream, executeRest, sign: options.sign, queueSize: config.SUBSCRIPTION_QUEUE_SIZE, resolveConcurrency: config.SUBSCRIPTION_RESOLVE_CONCURRENCY, metrics },
          { plan, document: args.document, source: context.source, operationName: args.operationName, variables: context.variables, context },
        );
      },

      async execute(args) {
        const { source, variables, ...context } = args.contextValue as SocketOperationContext;
        return options.executeOperation({ query: source, variables, operationName: args.operationName ?? undefined }, context) as Promise<ExecutionResult>;
      },

      onNext(_ctx, _id, _payload, args, result) {
        const { requestId, logger: opLogger } = args.contextValue as SocketOperationContext;
        if (!result.errors?.length) return;
        return { ...result, errors: formatErrors(result.errors, requestId, opLogger) };
      },

      onError(ctx, id, _payload, errors) {
        const requestId = ctx.extra.requestIds?.get(id);
        ctx.extra.requestIds?.delete(id);
        return formatErrors(errors, requestId, requestId ? logger.child({ requestId }) : logger);
      },

      onComplete(ctx, id) {
        ctx.extra.requestIds?.delete(id);
      },

      onClose(ctx) {
        clearTimeout(ctx.extra.expiryTimer);
        clearInterval(ctx.extra.recheckTimer);
      },
    },
    attached.wss,
    config.WS_KEEPALIVE_MS,
  );

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        attached.stopAccepting();
        // Clients get 1001 Going Away and their operations end, completing them upstream; a
        // client that never answers the close handshake is cut after a grace period.
        await Promise.race([server.dispose(), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
        await attached.close();
        await upstream.dispose();
      })();
      return stopping;
    },
  };
}
