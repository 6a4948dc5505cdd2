import { Counter, Gauge, type Registry } from 'prom-client';

/** Subscription figures in the gateway's own registry (served on /metrics). */
export interface SubscriptionMetrics {
  connections: Gauge;
  active: Gauge<'subgraph'>;
  delivered: Counter<'subgraph'>;
  dropped: Counter<'subgraph'>;
  upstreamSockets: Gauge<'subgraph'>;
}

export function createSubscriptionMetrics(registry: Registry): SubscriptionMetrics {
  return {
    connections: new Gauge({ name: 'gateway_ws_connections_active', help: 'Open graphql-ws client connections', registers: [registry] }),
    active: new Gauge({
      name: 'gateway_subscriptions_active',
      help: 'Subscriptions currently streaming, by owning subgraph',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'gateway_subscription_events_delivered_total',
      help: 'Subscription events sent to clients, by owning subgraph',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'gateway_subscription_events_dropped_total',
      help: 'Subscription events dropped because a client fell more than the queue size behind',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    upstreamSockets: new Gauge({
      name: 'gateway_subscription_upstream_sockets',
      help: 'Open graphql-ws sockets to subgraphs (at most one per subgraph)',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
  };
}
