import { randomUUID } from 'node:crypto';
import { createClient, type Client, type FormattedExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { startHeartbeat, type InternalTokenSigner, type Logger, type Principal } from '@soc/server-kit';
import type { SubscriptionMetrics } from './subscriptionMetrics';

export interface UpstreamConnections {
  /** Opens one operation on a subgraph; returns the function that completes it upstream. */
  subscribe(subgraph: string, payload: SubscribePayload, sink: Sink<FormattedExecutionResult>): () => void;
  /** Closes every upstream socket. */
  dispose(): Promise<void>;
}

export interface UpstreamConnectionsOptions {
  /** Subgraph name -> its HTTP GraphQL URL (the graphql-ws endpoint is the same path). */
  urls: Record<string, string>;
  sign: InternalTokenSigner;
  keepAliveMs: number;
  logger: Logger;
  metrics: SubscriptionMetrics;
}

/** The gateway itself, for the token that opens a socket (operations carry their caller's). */
const GATEWAY_PRINCIPAL: Principal = { kind: 'service', id: 'gateway', email: null, tenantId: null, memberships: [], scopes: [] };

export function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One graphql-ws socket per subgraph, shared by every subscription the gateway routes there
 * (graphql-ws multiplexes operations by id). It opens on the first operation and closes after the
 * last. It never reconnects by itself: a dropped socket fails its operations, which
 * reach the clients as errors, and a client that subscribes again gets a fresh upstream
 * operation (and a fresh snapshot) with a fresh token, instead of a silent replay with a stale one.
 */
export function createUpstreamConnections(options: UpstreamConnectionsOptions): UpstreamConnections {
  const { urls, sign, keepAliveMs, logger, metrics } = options;
  const clients = new Map<string, Client>();

  function clientFor(subgraph: string): Client {
    const existing = clients.get(subgraph);
    if (existing) return existing;
    const httpUrl = urls[subgraph];
    if (!httpUrl) throw new Error(`no URL for subgraph ${subgraph}`);
    let open = false;
    const client = createClient({
      url: toWebSocketUrl(httpUrl),
      webSocketImpl: WebSocket,
      lazy: true,
      // No idle grace period: graphql-ws cannot cancel its timer on dispose, which would hold
      // shutdown; reopening after the last subscriber left costs one handshake.
      lazyCloseTimeout: 0,
      retryAttempts: 0,
      connectionAckWaitTimeout: 10_000,
      // Protocol-level pings add nothing to the WebSocket pings below.
      keepAlive: 0,
      // A function, so every (re)connection presents a token that has not expired.
      connectionParams: async () => ({ internalToken: await sign({ principal: GATEWAY_PRINCIPAL, requestId: randomUUID() }) }),
      on: {
        connected: (socket) => {
          open = true;
          metrics.upstreamSockets.inc({ subgraph });
          startHeartbeat(socket as WebSocket, keepAliveMs);
          logger.debug({ subgraph }, 'upstream subscription socket open');
        },
        closed: (event) => {
          if (!open) return;
          open = false;
          metrics.upstreamSockets.dec({ subgraph });
          const { code, reason } = event as { code?: number; reason?: string };
          logger.debug({ subgraph, code, reason }, 'upstream subscription socket closed');
        },
      },
    });
    clients.set(subgraph, client);
    return client;
  }

  return {
    subscribe(subgraph, payload, sink) {
      return clientFor(subgraph).subscribe(payload, sink);
    },
    async dispose() {
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map((client) => client.dispose()));
    },
  };
}
