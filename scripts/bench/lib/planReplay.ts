/**
 * Replays a federation query plan directly against the subgraphs: the same fetches, with the same
 * operations and entity representations, in the same sequence/parallel order as the gateway's
 * executor (@apollo/gateway executeQueryPlan). Supports the plan shapes a plain query produces:
 * Sequence, Parallel, Flatten and Fetch without data rewrites.
 */
import type { FetchNode, PlanNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import { graphqlFailure, type KeepAliveClient } from './httpClient';

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects at a plan path; `@` steps into every element of a list (as the gateway's Flatten does). */
function objectsAt(value: unknown, path: ResponsePath): JsonObject[] {
  if (value === null || value === undefined) return [];
  const [step, ...rest] = path;
  if (step === undefined) return (Array.isArray(value) ? value : [value]).filter(isObject);
  if (step === '@') return Array.isArray(value) ? value.flatMap((item) => objectsAt(item, rest)) : [];
  return isObject(value) ? objectsAt(value[String(step)], rest) : [];
}

/** The `requires` selection of an entity: its representation (e.g. {__typename, id}). */
function select(value: JsonObject, selections: readonly QueryPlanSelectionNode[]): JsonObject {
  const out: JsonObject = {};
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment') {
      if (!selection.typeCondition || value.__typename === selection.typeCondition) Object.assign(out, select(value, selection.selections));
      continue;
    }
    const key = selection.alias ?? selection.name;
    const field = value[key];
    const nested = selection.selections;
    if (!nested || field === null || field === undefined) out[key] = field;
    else if (Array.isArray(field)) out[key] = field.map((item: unknown) => (isObject(item) ? select(item, nested) : item));
    else if (isObject(field)) out[key] = select(field, nested);
  }
  return out;
}

function deepMerge(target: JsonObject, source: unknown): void {
  if (!isObject(source)) return;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else if (Array.isArray(existing) && Array.isArray(value)) existing.forEach((item, i) => isObject(item) && deepMerge(item, value[i]));
    else target[key] = value;
  }
}

/**
 * Every fetch of a plan. Fails early on plan features this replayer does not reproduce, rather
 * than replaying them wrongly.
 */
export function planFetches(node: PlanNode, into: FetchNode[] = []): FetchNode[] {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      node.nodes.forEach((child) => planFetches(child, into));
      return into;
    case 'Flatten':
      return planFetches(node.node, into);
    case 'Fetch':
      if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) {
        throw new Error(`fetch to ${node.serviceName} uses data rewrites, which the direct replay does not support`);
      }
      into.push(node);
      return into;
    default:
      throw new Error(`query plan node ${node.kind} is not supported by the direct replay`);
  }
}

/** What one fetch sent and got, recorded by a checking run. */
export interface FetchTrace {
  service: string;
  representations: number;
  answerBytes: number;
  /** Time to answer, measured from this process. */
  ms: number;
}

/** The plan in one line, e.g. `incidents -> [analysis _entities | tenants _entities]`. */
export function describePlan(node: PlanNode): string {
  switch (node.kind) {
    case 'Sequence':
      return node.nodes.map(describePlan).join(' -> ');
    case 'Parallel':
      return `[${node.nodes.map(describePlan).join(' | ')}]`;
    case 'Flatten':
      return describePlan(node.node);
    case 'Fetch':
      return node.requires ? `${node.serviceName} _entities` : node.serviceName;
    default:
      return node.kind;
  }
}

export class PlanReplayer {
  constructor(
    private readonly root: PlanNode,
    /** Subgraph name -> client of its /graphql endpoint. */
    private readonly clients: ReadonlyMap<string, KeepAliveClient>,
    /** Headers of every subgraph call (the internal token); read per request, as it is re-signed. */
    private readonly headers: () => Record<string, string>,
    private readonly variables: Readonly<JsonObject> = {},
  ) {
    for (const fetch of planFetches(root)) if (!clients.has(fetch.serviceName)) throw new Error(`no URL for subgraph ${fetch.serviceName}`);
  }

  /**
   * One load iteration: answers nothing downstream reads (the last fetches) are only checked for
   * errors, as the client of the gateway target does with the gateway's answer.
   */
  async run(): Promise<void> {
    await this.execute(this.root, {}, [], true, null);
  }

  /** One checking run: every answer parsed and merged; returns the data and what each fetch cost. */
  async runChecked(): Promise<{ data: JsonObject; trace: FetchTrace[] }> {
    const data: JsonObject = {};
    const trace: FetchTrace[] = [];
    await this.execute(this.root, data, [], false, trace);
    return { data, trace };
  }

  /** `unread`: no later fetch needs this node's output (true for the tail of the plan). */
  private async execute(node: PlanNode, data: JsonObject, path: ResponsePath, unread: boolean, trace: FetchTrace[] | null): Promise<void> {
    switch (node.kind) {
      case 'Sequence':
        for (const [i, child] of node.nodes.entries()) await this.execute(child, data, path, unread && i === node.nodes.length - 1, trace);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.execute(child, data, path, unread, trace)));
        return;
      case 'Flatten':
        return this.execute(node.node, data, [...path, ...node.path], unread, trace);
      case 'Fetch':
        return this.fetch(node, data, path, unread, trace);
      default:
        throw new Error(`query plan node ${node.kind} is not supported`);
    }
  }

  private async fetch(node: FetchNode, data: JsonObject, path: ResponsePath, unread: boolean, trace: FetchTrace[] | null): Promise<void> {
    const entities = objectsAt(data, path);
    if (entities.length === 0) return;
    const variables: JsonObject = {};
    for (const name of node.variableUsages ?? []) if (name in this.variables) variables[name] = this.variables[name];

    // Entities without a __typename get no representation (the gateway skips them too).
    const targets = node.requires ? entities.map((entity) => ({ entity, representation: select(entity, node.requires!) })).filter((t) => t.representation.__typename) : [];
    if (node.requires) {
      if (targets.length === 0) return;
      variables.representations = targets.map((t) => t.representation);
    }

    const body = JSON.stringify({ query: node.operation, operationName: node.operationName, variables });
    const sent = trace ? performance.now() : 0;
    const reply = await this.clients.get(node.serviceName)!.post(body, this.headers());
    const failure = graphqlFailure(reply);
    if (failure) throw new Error(`${node.serviceName}: ${failure}`);
    if (unread) return;
    trace?.push({ service: node.serviceName, representations: targets.length, answerBytes: Buffer.byteLength(reply.body), ms: performance.now() - sent });

    const received = (JSON.parse(reply.body) as { data?: JsonObject }).data ?? {};
    if (!node.requires) {
      for (const entity of entities) deepMerge(entity, received);
      return;
    }
    const answers = received._entities;
    if (!Array.isArray(answers) || answers.length !== targets.length) throw new Error(`${node.serviceName}: expected ${targets.length} _entities`);
    targets.forEach((target, i) => deepMerge(target.entity, answers[i]));
  }
}
