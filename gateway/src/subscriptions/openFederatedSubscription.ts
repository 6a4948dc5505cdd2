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
  /** Events of one subscription whose entity fetches may run at once; they are still delivered in order. */
  resolveConcurrency: number;
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
 * socket), and each event completed with `rest` before it is handed to graphql-ws. Up to
 * `resolveConcurrency` events are completed at once, so a burst costs one fetch's latency rather
 * than the sum of them, and they leave in arrival order. Ending it from
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

  // Events taken from the queue whose `rest` is running, oldest first; each is delivered in turn.
  const resolving: Array<Promise<ExecutionResult>> = [];
  const resolve = (event: UpstreamEvent) => {
    const result = deps.executeRest({ ...input, event });
    // A later event's failure surfaces when it reaches the head, not as an unhandled rejection.
    result.catch(() => undefined);
    resolving.push(result);
  };

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return done();
      try {
        if (resolving.length === 0) {
          const item = await queue.next();
          if (item.done) {
            finish();
            return done();
          }
          resolve(item.value);
        }
        // Start what has arrived meanwhile; queue.next() answers at once while items are buffered.
        while (resolving.length < deps.resolveConcurrency && queue.size > 0) {
          const item = await queue.next();
          if (item.done) break;
          resolve(item.value);
        }
      } catch (error) {
        finish();
        throw error;
      }
      let result: ExecutionResult;
      try {
        result = await resolving.shift()!;
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
