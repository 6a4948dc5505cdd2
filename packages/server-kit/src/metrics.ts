import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service instance (tests run several services in one process). */
export interface ServiceMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  graphqlOperations: Counter<'type' | 'outcome'>;
  mongoCommands: Counter<'command' | 'collection'>;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations executed, by operation type and outcome',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    mongoCommands: new Counter({
      name: 'mongo_commands_total',
      help: 'MongoDB commands sent, by command and collection',
      labelNames: ['command', 'collection'],
      registers: [registry],
    }),
  };
}
