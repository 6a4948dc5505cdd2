/**
 * The ApolloClient of a host (the shell, or a remote's standalone harness): queries and mutations
 * over HTTP with the bearer token and the active tenant in headers, subscriptions over graphql-ws
 * with both in the connection_init payload. Token and tenant are read at request time, and the
 * socket is reopened when either changes, so one client serves the whole session.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

export interface SocClientOptions {
  graphqlUrl: string;
  wsUrl: string;
  getToken: () => string | null;
  getTenantId: () => string | null;
  /** The token was refused (HTTP 401 or a 4401/4403 socket close): sign in again. */
  onUnauthenticated?: () => void;
}

export interface SocClientHandle {
  client: ApolloClient;
  /** Reopens the subscription socket with the current token and tenant. */
  restartLive(): void;
  liveStatus(): LiveStatus;
  onLiveStatus(listener: (status: LiveStatus) => void): () => void;
  dispose(): void;
}

/** Non-normalised objects that may be replaced wholesale: merge them instead of warning. */
const mergeable = [
  'Verdict',
  'RootCause',
  'ThreatAnalysis',
  'EmailVerdict',
  'SeverityAssessment',
  'IncidentMetrics',
  'IncidentOwner',
  'SlaTargets',
  'PageInfo',
];

export function createSocCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: Object.fromEntries(mergeable.map((name) => [name, { merge: true }])),
  });
}

const AUTH_CLOSE_CODES = new Set([4401, 4403]);

export function createSocClient(options: SocClientOptions): SocClientHandle {
  let status: LiveStatus = 'idle';
  const listeners = new Set<(status: LiveStatus) => void>();
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener(next);
  };

  const authFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401) options.onUnauthenticated?.();
    return response;
  };
  const httpLink = new HttpLink({ uri: options.graphqlUrl, fetch: authFetch });
  const headersLink = new SetContextLink((prev) => {
    const token = options.getToken();
    const tenantId = options.getTenantId();
    return {
      headers: {
        ...(prev.headers as Record<string, string> | undefined),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(tenantId ? { 'x-tenant-id': tenantId } : {}),
      },
    };
  });

  let failuresSinceConnect = 0;
  const makeWsClient = (): WsClient => {
    const ws = createClient({
      url: options.wsUrl,
      lazy: true,
      lazyCloseTimeout: 3_000,
      keepAlive: 15_000,
      connectionParams: () => {
        const token = options.getToken();
        return { authorization: token ? `Bearer ${token}` : '', tenantId: options.getTenantId() ?? undefined };
      },
      // Keep trying (the gateway may restart); subscribers see 'reconnecting' meanwhile.
      retryAttempts: Number.MAX_SAFE_INTEGER,
      retryWait: async (retries) => {
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** Math.min(retries, 5)) + Math.random() * 300));
      },
      shouldRetry: (event) => {
        const code = (event as { code?: number } | null)?.code;
        if (code !== undefined && AUTH_CLOSE_CODES.has(code)) {
          options.onUnauthenticated?.();
          return false;
        }
        return true;
      },
      on: {
        connecting: () => setStatus(failuresSinceConnect > 0 ? 'reconnecting' : 'connecting'),
        connected: () => {
          failuresSinceConnect = 0;
          setStatus('connected');
        },
        closed: (event) => {
          const code = (event as { code?: number } | null)?.code;
          // 1000: lazy close after the last subscription ended.
          if (code === 1000) {
            setStatus('idle');
            return;
          }
          failuresSinceConnect += 1;
          setStatus(failuresSinceConnect >= 3 ? 'unavailable' : 'reconnecting');
        },
      },
    });
    return ws;
  };

  let wsClient = makeWsClient();
  let wsLink = new GraphQLWsLink(wsClient);
  // Delegates to the current socket link, so restartLive() can swap it under a running client.
  const liveLink = new ApolloLink((operation) => wsLink.request(operation));

  const link = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    liveLink,
    ApolloLink.from([headersLink, httpLink]),
  );

  const client = new ApolloClient({
    link,
    cache: createSocCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });

  return {
    client,
    restartLive() {
      const previous = wsClient;
      wsClient = makeWsClient();
      wsLink = new GraphQLWsLink(wsClient);
      failuresSinceConnect = 0;
      setStatus('idle');
      void previous.dispose();
    },
    liveStatus: () => status,
    onLiveStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      void wsClient.dispose();
      client.stop();
    },
  };
}
