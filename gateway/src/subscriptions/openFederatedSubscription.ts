import type { DocumentNode, ExecutionResult } from 'graphql';
import { BoundedQueue, type InternalTokenSigner } from '@soc/server-kit';
import type { GatewayContext } from '../context';
import type { RestInput, UpstreamEvent } from './executeRest';
import type { SubscriptionPlan } from './planSubscription';
import type { SubscriptionMetrics } from './subscriptionMetrics';
import { SubscriptionStreamError } from './subscriptionStreamError';
import type { UpstreamConnections } from './upstreamConnections';

export interface FederatedSubscriptionDeps {
  upstream: UpstreamConnections;
  executeRest(input: RestInput): Promise<ExecutionResult>;
  sign: InternalTokenSigner;
  queueSize: number;
  metrics: SubscriptionMetrics;
}

export interface FederatedSubscriptionInput {
  plan: SubscriptionPlan;
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  context: GatewayContext;
}

/**
 * One client subscription: the plan's primary operation opened on the owning subgraph, its events
 * buffered in a bounded queue (a slow client loses the oldest, never blocks the shared upstream
 * socket), and each event completed with `rest` before it is handed to graphql-ws. Ending it from
 * either side ends the other: the client leaving (`return()`) completes the upstream operation;
 * the upstream completing or failing ends the iteration after the buffered events.
 */
export async function openFederatedSubscription(deps: FederatedSubscriptionDeps, input: FederatedSubscriptionInput): Promise<AsyncIterableIterator<ExecutionResult>> {
  const { plan, context } = input;
  const subgraph = plan.primary.serviceName;
  // The subscriber's identity travels with the operation, signed like an HTTP subgraph call.
  const internalToken = await deps.sign({ principal: context.principal, requestId: context.requestId });
  const variables = Object.fromEntries((plan.primary.variableUsages ?? []).filter((name) => name in input.variables).map((name) => [name, input.variables[name]]));

  let finished = false;
  const queue = new BoundedQueue<UpstreamEvent>({ capacity: deps.queueSize, onDrop: () => deps.metrics.dropped.inc({ subgraph }) });
  const unsubscribe = deps.upstream.subscribe(
    subgraph,
    { query: plan.primary.operation, operationName: plan.primary.operationName, variables, extensions: { internalToken } },
    {
      next: (event) => queue.push(event as UpstreamEvent),
      error: (reported) => {
        context.logger.debug({ subgraph }, 'upstream subscription failed');
        queue.fail(SubscriptionStreamError.from(reported, subgraph));
      },
      complete: () => queue.end(),
    },
  );
  deps.metrics.active.inc({ subgraph });

  const finish = () => {
    if (finished) return;
    finished = true;
    unsubscribe();
    void queue.return();
    deps.metrics.active.dec({ subgraph });
  };
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return done();
      let item: IteratorResult<UpstreamEvent>;
      try {
        item = await queue.next();
      } catch (error) {
        finish();
        throw error;
      }
      if (item.done) {
        finish();
        return done();
      }
      let result: ExecutionResult;
      try {
        result = await deps.executeRest({ ...input, event: item.value });
      } catch (error) {
        // graphql-ws does not call return() after a failed next(): release upstream here.
        finish();
        throw error;
      }
      // The client may have left while the entity fetches ran: nothing more goes out then.
      if (finished) return done();
      deps.metrics.delivered.inc({ subgraph });
      return { value: result, done: false };
    },
    async return() {
      finish();
      return done();
    },
    async throw(error?: unknown) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
