import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { waitUntil } from './liveSubgraphs';

/** A graphql-ws client as a browser or partner tool would use it, without retries. */
export function wsClient(url: string, connectionParams: Record<string, unknown>, origin?: string): Client {
  // ws takes request headers (Origin) as a constructor option, which graphql-ws does not pass.
  const Impl = origin
    ? class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { origin } });
        }
      }
    : WebSocket;
  return createClient({ url, webSocketImpl: Impl, connectionParams, lazy: true, retryAttempts: 0 });
}

export interface Recorded<T = Record<string, any>> {
  events: Array<FormattedExecutionResult<T, unknown>>;
  error: unknown;
  completed: boolean;
  /** Sends `complete` for the operation. */
  unsubscribe(): void;
  waitForEvents(count: number, timeoutMs?: number): Promise<void>;
  waitForEnd(timeoutMs?: number): Promise<void>;
}

/** Subscribes and records everything the operation receives. */
export function record<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}): Recorded<T> {
  const recorded: Recorded<T> = {
    events: [],
    error: undefined,
    completed: false,
    unsubscribe: () => {},
    waitForEvents: (count, timeoutMs = 5_000) => waitUntil(() => recorded.events.length >= count, timeoutMs, `${count} event(s), got ${recorded.events.length}`),
    waitForEnd: (timeoutMs = 5_000) => waitUntil(() => recorded.completed || recorded.error !== undefined, timeoutMs, 'the end of the operation'),
  };
  recorded.unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => recorded.events.push(value),
      error: (error) => {
        recorded.error = error;
      },
      complete: () => {
        recorded.completed = true;
      },
    },
  );
  return recorded;
}
