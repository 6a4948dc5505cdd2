import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { IncidentsModels } from '../../../src/models';
import { incidentsServices, type IncidentsServices } from '../../../src/services';
import type { CommentSweepOptions } from '../../../src/services/sentinelSync';
import { incidentsSubgraph } from '../../../src/subgraph';
import { devToken, graphql } from '../../../../../test/support/client';
import { startTestStack, type TestStack } from '../../../../../test/support/stack';
import type { FakeSentinel } from '../../fakes/fakeSentinel';
import { createTestClient } from './client/sentinelTestClient';

/**
 * The whole API with the incidents service's Sentinel clients aimed at a fake Sentinel (real client
 * and SDK), the contoso workspace configured through the API, and what the service runs with.
 */
export interface SentinelTestStack {
  stack: TestStack;
  analyst: string;
  /** The incidents service's sync and clients, as it started (after a restart: the new ones). */
  services(): IncidentsServices;
  models(): IncidentsModels;
  logger(): Logger;
  /** `syncSentinel` through the gateway, followed until it is no longer RUNNING. */
  syncNow(): Promise<{ status: string; processed: number; lastError: string | null }>;
  /** The stored incident of a Sentinel incident name. */
  stored(name: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

const SECRET_VARIABLE = 'CONTOSO_SENTINEL_SECRET';

export async function startSentinelTestStack(fake: FakeSentinel, options: { commentSweep?: Partial<CommentSweepOptions>; env?: Record<string, string> } = {}): Promise<SentinelTestStack> {
  let captured: { services: IncidentsServices; models: IncidentsModels; logger: Logger } | undefined;
  const withFakeSentinel: typeof incidentsSubgraph = {
    ...incidentsSubgraph,
    services: (deps) => {
      const services = incidentsServices(
        deps.models,
        deps.logger,
        (connection) => createTestClient(fake, { workspace: { clientSecret: connection.clientSecret } }),
        {},
        options.commentSweep,
      );
      captured = { services, models: deps.models, logger: deps.logger };
      return services;
    },
  };
  process.env[SECRET_VARIABLE] = fake.workspaceConfig().clientSecret;
  // No scheduled sync or sweep unless a test starts the schedule itself.
  const stack = await startTestStack({ incidents: withFakeSentinel, env: { SENTINEL_SYNC_TICK_SECONDS: '3600', ...options.env } });
  const admin = await devToken(stack.gatewayUrl, 'admin@soc.example');
  const analyst = await devToken(stack.gatewayUrl, 'analyst@contoso.example');
  const workspace = fake.workspaceConfig();
  const { body } = await graphql(
    stack.gatewayUrl,
    'mutation($input: SentinelWorkspaceInput!) { configureSentinelWorkspace(input: $input) { workspaceName } }',
    {
      input: {
        subscriptionId: workspace.subscriptionId,
        resourceGroup: workspace.resourceGroup,
        workspaceName: workspace.workspaceName,
        entraTenantId: workspace.entraTenantId,
        clientId: workspace.clientId,
        clientSecretRef: `env:${SECRET_VARIABLE}`,
        armEndpoint: workspace.armEndpoint,
        authorityHost: workspace.authorityHost,
      },
    },
    { token: admin, tenant: 'contoso' },
  );
  if (body.errors) throw new Error(`configureSentinelWorkspace failed: ${JSON.stringify(body.errors)}`);

  const running = () => {
    if (!captured) throw new Error('the incidents service has not started');
    return captured;
  };
  return {
    stack,
    analyst,
    services: () => running().services,
    models: () => running().models,
    logger: () => running().logger,
    async syncNow() {
      const started = await graphql(stack.gatewayUrl, 'mutation { syncSentinel { status } }', {}, { token: analyst });
      if (started.body.errors) throw new Error(`syncSentinel failed: ${JSON.stringify(started.body.errors)}`);
      for (;;) {
        const state = await graphql(stack.gatewayUrl, '{ sentinelWorkspace { sync { status processed lastError } } }', {}, { token: analyst });
        const sync = state.body.data!.sentinelWorkspace.sync;
        if (sync.status !== 'RUNNING') return sync;
        await delay(100);
      }
    },
    async stored(name) {
      return (await (await stack.database('incidents')).collection('incidents').findOne({ tenantId: 'contoso', sentinelId: name }))!;
    },
    async stop() {
      await stack.stop();
      delete process.env[SECRET_VARIABLE];
    },
  };
}
