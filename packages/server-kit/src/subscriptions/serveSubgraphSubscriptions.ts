import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { GraphQLError, getOperationAST, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { InvalidInternalTokenError, type InternalTokenVerifier } from '../auth/internalToken';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../context';
import { ErrorCode, platformError } from '../errors';
import type { ServiceMetrics } from '../metrics';
import { attachWebSocketServer } from './attachWebSocketServer';
import { maskSocketErrors } from './maskSocketErrors';

export interface SubgraphSubscriptionOptions<Context extends RequestContext> {
  httpServer: Server;
  schema: GraphQLSchema;
  verifyInternalToken: InternalTokenVerifier;
  /** Builds an operation's context exactly as HTTP requests get it. */
  context(principal: Principal, requestId: string): Context;
  logger: Logger;
  metrics: ServiceMetrics;
  production: boolean;
  path?: string;
  /** Interval of WebSocket pings to the gateway; a socket missing a pong is terminated. */
  keepAliveMs?: number;
  maxPayloadBytes?: number;
}

export interface SubgraphSubscriptions {
  /** Closes every socket (1001) after completing its operations; resolves when all are gone. */
  dispose(): Promise<void>;
}

/** Milliseconds a socket gets to finish its close handshake on shutdown before it is cut. */
const CLOSE_GRACE_MS = 3_000;

type SocketExtra = {
  connectionId?: string;
};

const tokenOf = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * graphql-ws on a subgraph's HTTP server. Only the gateway talks to it: the connection itself
 * needs a gateway-signed internal token in `connection_init`, and every operation carries its
 * caller's own token in `extensions.internalToken`, verified like an HTTP request's, so resolvers
 * get the same context and the same `authorize(ctx, scope)` tenant scoping as over HTTP.
 * Only subscriptions are served here; queries and mutations stay on HTTP.
 */
export function serveSubgraphSubscriptions<Context extends RequestContext>(options: SubgraphSubscriptionOptions<Context>): SubgraphSubscriptions {
  const { schema, verifyInternalToken, logger, metrics } = options;
  const attached = attachWebSocketServer(options.httpServer, { path: options.path ?? '/graphql', maxPayload: options.maxPayloadBytes ?? 1_048_576 });

  // Live operations, keyed connection:operation, so a socket that dies mid-send cannot leave
  // the gauge counting an operation whose completion hook never ran.
  const active = new Set<string>();
  new Gauge({
    name: 'graphql_subscriptions_active',
    help: 'Subscription operations currently streaming to the gateway',
    registers: [metrics.registry],
    collect() {
      this.set(active.size);
    },
  });
  let connections = 0;

  const server = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      isProd: options.production,
      async onConnect(ctx) {
        try {
          await verifyInternalToken(tokenOf(ctx.connectionParams?.internalToken) ?? '');
        } catch {
          logger.warn('WebSocket connection without a valid internal token refused');
          return false;
        }
        ctx.extra.connectionId = `c${(connections += 1)}`;
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        let principal: Principal;
        let requestId: string;
        try {
          ({ principal, requestId } = await verifyInternalToken(tokenOf(payload.extensions?.internalToken) ?? ''));
        } catch (error) {
          const reason = error instanceof InvalidInternalTokenError ? error.message : 'internal token invalid';
          return [platformError(ErrorCode.UNAUTHENTICATED, `Subscriptions need a gateway-signed internal token per operation: ${reason}`)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Could not parse the operation')];
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [platformError(ErrorCode.BAD_REQUEST, 'Only subscriptions are served over WebSocket; send queries and mutations over HTTP')];
        }
        const contextValue = options.context(principal, requestId);
        contextValue.logger.debug({ operationName: payload.operationName, connection: ctx.extra.connectionId, id }, 'subscription started');
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        } satisfies ExecutionArgs;
      },
      onOperation(ctx, id, _payload, _args, result) {
        const streaming = typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
        metrics.graphqlOperations.inc({ type: 'subscription', outcome: streaming ? 'success' : 'error' });
        if (streaming) active.add(`${ctx.extra.connectionId}:${id}`);
      },
      onNext(_ctx, _id, _payload, args, result) {
        const { logger: opLogger, requestId } = args.contextValue as RequestContext;
        if (!result.errors?.length) return;
        return { ...result, errors: maskSocketErrors(result.errors, { requestId, logger: opLogger }) };
      },
      onError(_ctx, _id, _payload, errors) {
        return maskSocketErrors(errors, { logger });
      },
      onComplete(ctx, id) {
        active.delete(`${ctx.extra.connectionId}:${id}`);
      },
      onClose(ctx) {
        const prefix = `${ctx.extra.connectionId}:`;
        for (const key of active) if (key.startsWith(prefix)) active.delete(key);
      },
    },
    attached.wss,
    options.keepAliveMs ?? 12_000,
  );

  let disposing: Promise<void> | null = null;
  return {
    dispose() {
      disposing ??= (async () => {
        attached.stopAccepting();
        // A graceful close (1001) lets the gateway tell its clients; a peer that never answers
        // the close handshake is cut after a grace period so shutdown cannot hang on it.
        await Promise.race([server.dispose(), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
        await attached.close();
      })();
      return disposing;
    },
  };
}
