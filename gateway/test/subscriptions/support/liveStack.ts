import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { generateInternalKeyPair, startSubgraph, type RunningService } from '@soc/server-kit';
import { startGateway, type RunningGateway } from '@soc/gateway';
import { tenantsSubgraph } from '@soc/tenants';
import { FEED_SDL, FeedControl, TICKETS_SDL, TicketsControl, feedSubgraph, ticketsSubgraph } from './liveSubgraphs';

const DEMO_TENANTS_FILE = path.resolve(__dirname, '../../../../config/tenants.json');

export interface LiveStack {
  gatewayUrl: string;
  /** ws:// URL of the gateway's graphql-ws endpoint. */
  wsUrl: string;
  gateway: RunningGateway;
  feed: FeedControl;
  tickets: TicketsControl;
  services: { tenants: RunningService; feed: RunningService; tickets: RunningService };
  /** Stops the feed subgraph (its sockets close 1001), as in a deploy or crash. */
  stopFeed(): Promise<void>;
  /** Starts the feed subgraph again on the same port. */
  startFeed(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real tenants subgraph (identity for the gateway's authentication), the two test
 * subgraphs, a supergraph composed from the three, and a gateway serving it, all in-process on
 * ephemeral ports against the run's database.
 */
export async function startLiveStack(gatewayEnv: Record<string, string> = {}): Promise<LiveStack> {
  const mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) throw new Error('MONGODB_URI is not set: run the tests through jest (its global setup starts the database)');
  const keys = generateInternalKeyPair();
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: mongoUri,
    MONGODB_DB_PREFIX: `t${randomBytes(5).toString('hex')}`,
    INTERNAL_TOKEN_PUBLIC_KEY: keys.publicKeyPem,
    TENANTS_FILE: DEMO_TENANTS_FILE,
    TENANTS_PORT: '0',
    FEED_PORT: '0',
    TICKETS_PORT: '0',
  };
  const feed = new FeedControl();
  const tickets = new TicketsControl();
  const services = {
    tenants: await startSubgraph(tenantsSubgraph, common),
    feed: await startSubgraph(feedSubgraph(feed), common),
    tickets: await startSubgraph(ticketsSubgraph(tickets), common),
  };
  const feedPort = new URL(services.feed.url).port;

  const composed = composeServices([
    { name: 'tenants', url: `${services.tenants.url}/graphql`, typeDefs: tenantsSubgraph.typeDefs },
    { name: 'feed', url: `${services.feed.url}/graphql`, typeDefs: FEED_SDL },
    { name: 'tickets', url: `${services.tickets.url}/graphql`, typeDefs: TICKETS_SDL },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);

  const gateway = await startGateway(
    { NODE_ENV: 'test', LOG_LEVEL: common.LOG_LEVEL, GATEWAY_PORT: '0', INTERNAL_TOKEN_PRIVATE_KEY: keys.privateKeyPem, PRINCIPAL_CACHE_SECONDS: '0', ...gatewayEnv },
    { supergraphSdl: composed.supergraphSdl },
  );
  let feedRunning = true;
  return {
    gatewayUrl: gateway.url,
    wsUrl: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
    gateway,
    feed,
    tickets,
    services,
    async stopFeed() {
      feedRunning = false;
      await services.feed.stop();
    },
    async startFeed() {
      services.feed = await startSubgraph(feedSubgraph(feed), { ...common, FEED_PORT: feedPort });
      feedRunning = true;
    },
    async stop() {
      await gateway.stop();
      await Promise.all([services.tenants.stop(), services.tickets.stop(), feedRunning ? services.feed.stop() : undefined]);
    },
  };
}
