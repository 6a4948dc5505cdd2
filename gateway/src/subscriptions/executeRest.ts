import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import type { SubscriptionPlan, SubscriptionPlanner } from './planSubscription';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** One event as the owning subgraph sent it. */
export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
}

export interface RestInput {
  plan: SubscriptionPlan;
  event: UpstreamEvent;
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  context: GatewayContext;
}

/**
 * Completes one subscription event with the fields other subgraphs own, by running the plan
 * `primary` then `rest` through `executeQueryPlan` (internal API of the pinned @apollo/gateway),
 * with the primary fetch answered from the event already received instead of a new request.
 * Entity fetches go through the same authenticated data sources as HTTP requests, so they carry
 * the subscriber's internal token and are scoped to its tenant; the result is shaped and
 * null-propagated exactly as an HTTP response would be.
 */
export function createRestExecutor(planner: SubscriptionPlanner, dataSources: Record<string, GraphQLDataSource<GatewayContext>>) {
  return async function executeRest(input: RestInput): Promise<ExecutionResult> {
    const { plan, event } = input;
    const { primary, rest } = plan;
    const owner = dataSources[primary.serviceName];
    let answered = false;
    const fromEvent: GraphQLDataSource<GatewayContext> = {
      async process(options) {
        // The plan's first fetch is the subscription itself: its answer is this event.
        if (!answered && options.request.query === primary.operation) {
          answered = true;
          return { data: event.data ?? null, errors: event.errors };
        }
        if (!owner) throw new Error(`no data source for subgraph ${primary.serviceName}`);
        return owner.process(options);
      },
    };
    const serviceMap: ServiceMap = { ...dataSources, [primary.serviceName]: fromEvent };
    const queryPlan: QueryPlan = { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary };
    const requestContext = {
      request: { query: input.source, operationName: input.operationName ?? undefined, variables: input.variables },
      context: input.context,
      logger: input.context.logger,
      // executeQueryPlan records error paths here.
      metrics: {},
      schema: planner.apiSchema,
      document: input.document,
      source: input.source,
      operationName: input.operationName ?? null,
      operation: plan.operationContext.operation,
      queryHash: '',
      schemaHash: '',
      overallCachePolicy: undefined,
    } as unknown as RequestContext;
    return executeQueryPlan(queryPlan, serviceMap, requestContext, plan.operationContext, planner.supergraphSchema, planner.federationApiSchema);
  };
}
