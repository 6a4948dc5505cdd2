/**
 * The query plan the gateway executes for an operation, computed the way @apollo/gateway does
 * (same query planner, API schema of the same supergraph), so the direct target can replay it.
 */
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { isPlanNode, prettyFormatQueryPlan, QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';

export interface PlannedOperation {
  root: PlanNode;
  /** Human-readable form, as Apollo prints it. */
  pretty: string;
}

export function planOperation(supergraphSdl: string, query: string, operationName: string): PlannedOperation {
  const supergraph = Supergraph.build(supergraphSdl);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(query), { operationName });
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operation);
  if (!isPlanNode(plan.node)) throw new Error(`operation ${operationName} has no executable query plan (subscription or empty)`);
  return { root: plan.node, pretty: prettyFormatQueryPlan(plan) };
}
