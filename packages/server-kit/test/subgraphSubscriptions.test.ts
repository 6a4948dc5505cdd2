import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  authorize,
  BoundedQueue,
  createInternalTokenSigner,
  generateInternalKeyPair,
  startSubgraph,
  type InternalTokenSigner,
  type Principal,
  type RequestContext,
  type RunningService,
  type SubgraphDefinition,
} from '../src';

/**
 * graphql-ws on a subgraph started by the real `startSubgraph`: only gateway-signed tokens get in,
 * per connection and per operation, and resolvers get the same context as over HTTP.
 */

type Ctx = RequestContext & { models: { kind: string }; loaders: { tenant: string | null }; services: { name: string } };

const streams = new Set<BoundedQueue<number>>();
let returnCalls = 0;

const definition = {
  name: 'ticker' as 'analysis',
  defaultPort: 0,
  typeDefs: parse(`
    type Query { hello: String }
    type Subscription { ticks(count: Int!): Tick! broken: Tick! }
    type Tick { n: Int! tenantId: String! requestId: String! model: String! loaderTenant: String service: String! }
  `),
  models: () => ({ kind: 'ticker-models' }),
  loaders: (_models: unknown, principal: Principal) => ({ tenant: principal.tenantId }),
  services: () => ({ name: 'ticker-service' }),
  resolvers: {
    Subscription: {
      ticks: {
        subscribe: (_: unknown, { count }: { count: number }, ctx: Ctx) => {
          authorize(ctx, 'incidents:read');
          const queue: BoundedQueue<number> = new BoundedQueue<number>({ capacity: 100, onClose: () => streams.delete(queue) });
          for (let n = 1; n <= count; n += 1) queue.push(n);
          streams.add(queue);
          const iterator: AsyncIterableIterator<number> = {
            next: () => queue.next(),
            return: () => {
              returnCalls += 1;
              return queue.return();
            },
            [Symbol.asyncIterator]: () => iterator,
          };
          return iterator;
        },
        resolve: (n: number, _args: unknown, ctx: Ctx) => ({
          n,
          tenantId: ctx.principal.tenantId,
          requestId: ctx.requestId,
          model: ctx.models.kind,
          loaderTenant: ctx.loaders.tenant,
          service: ctx.services.name,
        }),
      },
      broken: {
        subscribe: () => {
          throw new Error('connection string mongodb://secret');
        },
      },
    },
  },
} as unknown as SubgraphDefinition<object, object>;

const principal = (scopes: Principal['scopes']): Principal => ({
  kind: 'user',
  id: 'u1',
  email: 'analyst@contoso.example',
  tenantId: 'contoso',
  memberships: [{ tenantId: 'contoso', roles: ['ANALYST'] }],
  scopes,
});

let service: RunningService;
let stopped = false;
let sign: InternalTokenSigner;
let wsUrl: string;
beforeAll(async () => {
  const keys = generateInternalKeyPair();
  sign = await createInternalTokenSigner(keys.privateKeyPem);
  service = await startSubgraph(definition, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB_PREFIX: `t${randomBytes(5).toString('hex')}`,
    INTERNAL_TOKEN_PUBLIC_KEY: keys.publicKeyPem,
    ANALYSIS_PORT: '0',
  });
  wsUrl = `${service.url.replace(/^http/, 'ws')}/graphql`;
});
afterAll(async () => {
  if (service && !stopped) await service.stop();
});

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

function gatewayClient(connectionToken: string | null): Client {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: connectionToken ? { internalToken: connectionToken } : {} });
  clients.push(client);
  return client;
}

/** Runs one operation to its end (or `take` events) and returns what came back. */
function run(client: Client, query: string, extensions: Record<string, unknown>, take = Infinity) {
  return new Promise<{ events: Array<Record<string, any>>; error?: unknown }>((resolve) => {
    const events: Array<Record<string, any>> = [];
    const dispose = client.subscribe(
      { query, extensions },
      {
        next: (value) => {
          events.push(value);
          if (events.length >= take) {
            dispose();
            resolve({ events });
          }
        },
        error: (error) => resolve({ events, error }),
        complete: () => resolve({ events }),
      },
    );
  });
}

const serviceToken = () => sign({ principal: { kind: 'service', id: 'gateway', email: null, tenantId: null, memberships: [], scopes: [] }, requestId: 'conn-1' });

test('a connection without a gateway-signed token is closed with 4403', async () => {
  const { error } = await run(gatewayClient(null), 'subscription { ticks(count: 1) { n } }', {});
  expect(error).toMatchObject({ code: 4403 });
  const forged = await (await createInternalTokenSigner(generateInternalKeyPair().privateKeyPem))({ principal: principal([]), requestId: 'x' });
  expect((await run(gatewayClient(forged), 'subscription { ticks(count: 1) { n } }', {})).error).toMatchObject({ code: 4403 });
});

test('an operation without its own internal token is refused with UNAUTHENTICATED', async () => {
  const client = gatewayClient(await serviceToken());
  const { error, events } = await run(client, 'subscription { ticks(count: 1) { n } }', {});
  expect(events).toEqual([]);
  expect(error).toEqual([expect.objectContaining({ message: expect.stringMatching(/internal token per operation/), extensions: { code: 'UNAUTHENTICATED' } })]);
});

test("an operation runs with its caller's identity and the same context as an HTTP request", async () => {
  const client = gatewayClient(await serviceToken());
  const internalToken = await sign({ principal: principal(['incidents:read']), requestId: 'req-12345678' });
  const { events } = await run(client, 'subscription { ticks(count: 2) { n tenantId requestId model loaderTenant service } }', { internalToken }, 2);
  const tick = { tenantId: 'contoso', requestId: 'req-12345678', model: 'ticker-models', loaderTenant: 'contoso', service: 'ticker-service' };
  expect(events).toEqual([{ data: { ticks: { n: 1, ...tick } } }, { data: { ticks: { n: 2, ...tick } } }]);
});

test('resolver errors are masked like HTTP ones and carry the request id', async () => {
  const client = gatewayClient(await serviceToken());
  const forbidden = await run(client, 'subscription { ticks(count: 1) { n } }', { internalToken: await sign({ principal: principal([]), requestId: 'req-forbidden' }) });
  // A subscribe resolver that throws yields one result with errors and no data (graphql-js).
  expect(forbidden.events).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN', requestId: 'req-forbidden' } })] }]);
  const broken = await run(client, 'subscription { broken { n } }', { internalToken: await sign({ principal: principal(['incidents:read']), requestId: 'req-broken' }) });
  expect(broken.events).toEqual([{ errors: [expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-broken' } })] }]);
  expect(JSON.stringify(broken)).not.toMatch(/secret/);
});

test('queries are not served over WebSocket', async () => {
  const client = gatewayClient(await serviceToken());
  const { error } = await run(client, '{ hello }', { internalToken: await sign({ principal: principal(['incidents:read']), requestId: 'req-query' }) });
  expect(error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
});

test('stopping the service completes live operations (return() runs) and closes the sockets', async () => {
  const client = gatewayClient(await serviceToken());
  const internalToken = await sign({ principal: principal(['incidents:read']), requestId: 'req-live' });
  let closeCode: number | undefined;
  client.on('closed', (event) => {
    closeCode = (event as { code: number }).code;
  });
  const ended = run(client, 'subscription { ticks(count: 0) { n } }', { internalToken });
  while (streams.size === 0) await delay(10);
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toMatch(/graphql_subscriptions_active\{service="ticker"\} 1/);
  const before = returnCalls;

  stopped = true;
  await service.stop();
  expect(returnCalls).toBe(before + 1);
  expect(await ended).toMatchObject({ error: { code: 1001 } });
  expect(closeCode).toBe(1001);
});
