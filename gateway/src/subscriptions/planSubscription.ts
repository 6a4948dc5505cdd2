import { createHash } from 'node:crypto';
import { buildOperationContext } from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** A planned subscription: one upstream stream plus the entity fetches each event needs. */
export interface SubscriptionPlan {
  /** The operation opened on the owning subgraph's graphql-ws endpoint. */
  primary: FetchNode;
  /** Fetches of fields other subgraphs own, run for every event; absent when there are none. */
  rest?: PlanNode;
  operationContext: OperationContext;
}

export interface SubscriptionPlanner {
  /** The public schema clients validate against (same as the gateway's HTTP schema). */
  apiSchema: GraphQLSchema;
  supergraphSchema: GraphQLSchema;
  /** federation-internals' form of the API schema, which executeQueryPlan needs. */
  federationApiSchema: Schema;
  plan(document: DocumentNode, operationName: string | null | undefined): SubscriptionPlan;
}

const PLAN_CACHE_SIZE = 500;

/**
 * The query planner over the same supergraph the gateway serves over HTTP. `@apollo/gateway`
 * plans subscriptions (a SubscriptionNode with `primary` and `rest`) but refuses to execute
 * them; the gateway's graphql-ws server executes them with these plans instead.
 */
export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const federationApiSchema = supergraph.apiSchema();
  const apiSchema = federationApiSchema.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  // Keyed by document text and operation name; oldest entry evicted first.
  const cache = new Map<string, { plan: QueryPlan; primary: FetchNode; rest?: PlanNode }>();

  return {
    apiSchema,
    supergraphSchema,
    federationApiSchema,
    plan(document, operationName) {
      const operationContext = buildOperationContext({ schema: apiSchema, operationDocument: document, operationName: operationName ?? undefined });
      const key = createHash('sha256').update(print(document)).update('\0').update(operationName ?? '').digest('hex');
      let cached = cache.get(key);
      if (!cached) {
        const operation = operationFromDocument(federationApiSchema, document, { operationName: operationName ?? undefined });
        const plan = planner.buildQueryPlan(operation);
        if (plan.node?.kind !== 'Subscription') throw new Error(`expected a subscription plan, got ${plan.node?.kind ?? 'an empty plan'}`);
        cached = { plan, primary: plan.node.primary, rest: plan.node.rest };
        if (cache.size >= PLAN_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(key, cached);
      }
      return { primary: cached.primary, rest: cached.rest, operationContext };
    },
  };
}
