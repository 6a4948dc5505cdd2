import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'graphql';
import { authorize, BoundedQueue, notFound, tenantIfAllowed, type RequestContext, type SubgraphDefinition } from '@soc/server-kit';

/**
 * Two tiny subgraphs for the gateway's subscription tests, served by the real `startSubgraph`:
 * `feed` owns a subscription whose events reference a `Ticket`, and `tickets` owns
 * `Ticket.title`, so every event needs an entity fetch from the other subgraph (the plan's
 * `rest`). Both scope everything by the caller's tenant with `authorize`, as real subgraphs do.
 */

export interface TicketEvent {
  seq: number;
  note: string;
  ticket: { id: string };
}

/** What the tests drive and observe inside the feed subgraph. */
export class FeedControl {
  private readonly streams = new Map<string, Set<BoundedQueue<TicketEvent>>>();
  /** Subscription iterators whose return() was called (the subscriber left). */
  returnCalls = 0;

  /** Publishes to subscribers of `channel` in one tenant only. */
  publish(tenantId: string, channel: string, event: TicketEvent): void {
    for (const queue of this.streams.get(`${tenantId}:${channel}`) ?? []) queue.push(event);
  }

  /** Ends every stream of a channel normally (the upstream operation completes). */
  end(tenantId: string, channel: string): void {
    for (const queue of this.streams.get(`${tenantId}:${channel}`) ?? []) queue.end();
  }

  subscribers(tenantId: string, channel: string): number {
    return this.streams.get(`${tenantId}:${channel}`)?.size ?? 0;
  }

  async waitForSubscribers(tenantId: string, channel: string, count: number, timeoutMs = 5_000): Promise<void> {
    await waitUntil(() => this.subscribers(tenantId, channel) === count, timeoutMs, `${count} subscriber(s) on ${tenantId}:${channel}`);
  }

  open(tenantId: string, channel: string): AsyncIterableIterator<TicketEvent> {
    const key = `${tenantId}:${channel}`;
    const set = this.streams.get(key) ?? new Set();
    this.streams.set(key, set);
    const queue: BoundedQueue<TicketEvent> = new BoundedQueue<TicketEvent>({ capacity: 1_000, onClose: () => set.delete(queue) });
    set.add(queue);
    const iterator: AsyncIterableIterator<TicketEvent> = {
      next: () => queue.next(),
      return: () => {
        this.returnCalls += 1;
        return queue.return();
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

/** What the tests set and observe inside the tickets subgraph. */
export class TicketsControl {
  /** Tenant -> ticket id -> title. */
  readonly titles: Record<string, Record<string, string>> = {
    contoso: { 'T-1': 'Contoso phishing wave', 'T-2': 'Contoso impossible travel' },
    fabrikam: { 'F-1': 'Fabrikam ransomware note' },
  };
  /** Every entity lookup, with the tenant of the token it came with. */
  readonly lookups: Array<{ tenantId: string | null; id: string }> = [];
  /** Delay of each entity lookup: a slow `rest` makes a subscriber fall behind. */
  delayMs = 0;
  /** Extra delay of the lookups of one ticket id. */
  readonly delayById: Record<string, number> = {};
  /** Lookups running now, and the most that ever ran at once. */
  running = 0;
  mostRunning = 0;
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

type Ctx = RequestContext & { models: object; loaders: object; services: undefined };

export const FEED_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { feedStatus: String! }
  type Subscription { ticketEvents(channel: String!): TicketEvent! }
  type TicketEvent { seq: Int! note: String! ticket: Ticket! }
  type Ticket @key(fields: "id", resolvable: false) { id: ID! }
`);

export const TICKETS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ticket(id: ID!): Ticket }
  type Ticket @key(fields: "id") { id: ID! title: String! related: [Ticket!]! }
`);

// The kit's definition type names the four product subgraphs; these test subgraphs borrow it.
type AnyName = SubgraphDefinition<object, object>['name'];

export function feedSubgraph(control: FeedControl): SubgraphDefinition<object, object> {
  return {
    name: 'feed' as AnyName,
    defaultPort: 0,
    typeDefs: FEED_SDL,
    models: () => ({}),
    loaders: () => ({}),
    resolvers: {
      Query: { feedStatus: () => 'ok' },
      Subscription: {
        ticketEvents: {
          subscribe: (_: unknown, { channel }: { channel: string }, ctx: Ctx) => {
            const tenantId = authorize(ctx, 'incidents:read');
            if (channel === 'missing') throw notFound('Channel');
            return control.open(tenantId, channel);
          },
          resolve: (event: TicketEvent) => event,
        },
      },
    },
  };
}

export function ticketsSubgraph(control: TicketsControl): SubgraphDefinition<object, object> {
  const find = async (id: string, ctx: Ctx) => {
    const tenantId = tenantIfAllowed(ctx.principal, 'incidents:read');
    control.lookups.push({ tenantId, id });
    control.running += 1;
    control.mostRunning = Math.max(control.mostRunning, control.running);
    try {
      const wait = control.delayMs + (control.delayById[id] ?? 0);
      if (wait > 0) await delay(wait);
    } finally {
      control.running -= 1;
    }
    const title = tenantId ? control.titles[tenantId]?.[id] : undefined;
    return title ? { id, title } : null;
  };
  return {
    name: 'tickets' as AnyName,
    defaultPort: 0,
    typeDefs: TICKETS_SDL,
    models: () => ({}),
    loaders: () => ({}),
    resolvers: {
      Query: { ticket: (_: unknown, { id }: { id: string }, ctx: Ctx) => find(id, ctx) },
      Ticket: {
        __resolveReference: ({ id }: { id: string }, ctx: Ctx) => find(id, ctx),
        related: ({ id }: { id: string }) => [{ id }],
      },
    },
  };
}
