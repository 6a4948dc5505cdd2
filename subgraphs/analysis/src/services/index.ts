import { createPubSub, loadTenantsFile, type OutboxDoc, type ServiceCaller, type TenantsFile } from '@soc/server-kit';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import type { AgentName } from '../agents';
import { createAIClient, resolveAgentSettings, type AIClient } from '../integrations/ai';
import type { AnalysisModels } from '../models';
import { ChatAssistant } from './chat/chatAssistant';
import { AnalysisRunner } from './pipeline/analysisRunner';
import { createBullmqRunQueue } from './pipeline/bullmqRunQueue';
import { createInProcessRunQueue } from './pipeline/inProcessRunQueue';
import type { RunQueue } from './pipeline/runQueue';
import { startRunRecovery } from './pipeline/runRecovery';

export interface AnalysisServiceEnv {
  TENANTS_FILE?: string;
  REDIS_URL?: string;
  REDIS_KEY_PREFIX: string;
  ANALYSIS_WORKER: boolean;
  ANALYSIS_CONCURRENCY: number;
  ANALYSIS_LEASE_MS: number;
  ANALYSIS_RUN_TIMEOUT_MS: number;
  ANALYSIS_RECOVERY_INTERVAL_MS: number;
}

/**
 * The analysis service's long-lived parts. Created in onStart (they need Redis and the tenants
 * file); resolvers reach them through `context.services`, filled in before the first request.
 */
export class AnalysisServices {
  ai!: AIClient;
  outbox!: Model<OutboxDoc>;
  callService!: ServiceCaller;
  pubsub!: Awaited<ReturnType<typeof createPubSub>>;
  queue!: RunQueue;
  runner!: AnalysisRunner;
  chat!: ChatAssistant;
  recovery!: ReturnType<typeof startRunRecovery>;

  async start(deps: { models: AnalysisModels; outbox: Model<OutboxDoc>; callService: ServiceCaller; env: AnalysisServiceEnv; logger: Logger; metrics?: Parameters<typeof createAIClient>[0]['metrics'] }) {
    const { models, outbox, callService, env, logger } = deps;
    this.outbox = outbox;
    this.callService = callService;
    const tenants: TenantsFile | null = env.TENANTS_FILE ? loadTenantsFile(env.TENANTS_FILE) : null;
    const settingsFor = (tenantId: string, agent: AgentName) => {
      const tenant = tenants?.tenants.find((t) => t.id === tenantId);
      return resolveAgentSettings(tenant?.ai ?? { default: { provider: 'local' }, agents: {}, fallback: ['local'] }, agent, process.env);
    };
    this.ai = createAIClient({ logger, metrics: deps.metrics });
    this.pubsub = await createPubSub(env.REDIS_URL, `${env.REDIS_KEY_PREFIX}pubsub:`);
    this.runner = new AnalysisRunner({ analyses: models.Analysis, claims: models.AnalysisClaim, outbox, pubsub: this.pubsub, ai: this.ai, callService, agentSettings: settingsFor, logger, leaseMs: env.ANALYSIS_LEASE_MS });
    const handler = (analysisId: string) => this.runner.run(analysisId);
    if (!env.ANALYSIS_WORKER && !env.REDIS_URL) throw new Error('ANALYSIS_WORKER=false needs REDIS_URL: without a shared queue nobody would run the analyses');
    this.queue = env.REDIS_URL
      ? await createBullmqRunQueue(env.REDIS_URL, handler, { concurrency: env.ANALYSIS_CONCURRENCY, lockMs: env.ANALYSIS_LEASE_MS, prefix: `${env.REDIS_KEY_PREFIX}bull`, work: env.ANALYSIS_WORKER, logger })
      : createInProcessRunQueue(handler, env.ANALYSIS_CONCURRENCY);
    this.chat = new ChatAssistant({ sessions: models.ChatSession, analyses: models.Analysis, pubsub: this.pubsub, ai: this.ai, callService, chatSettings: (tenantId) => settingsFor(tenantId, 'CHAT_ASSISTANT'), logger });
    this.recovery = startRunRecovery({
      analyses: models.Analysis,
      outbox,
      pubsub: this.pubsub,
      queue: this.queue,
      runTimeoutMs: env.ANALYSIS_RUN_TIMEOUT_MS,
      intervalMs: env.ANALYSIS_RECOVERY_INTERVAL_MS,
      logger,
    });
    logger.info({ queue: this.queue.kind, pubsub: env.REDIS_URL ? 'redis' : 'memory' }, 'analysis pipeline ready');
  }

  async stop() {
    await this.recovery?.stop();
    await this.queue?.stop();
    await this.chat?.stop();
    await this.pubsub?.close();
  }
}
