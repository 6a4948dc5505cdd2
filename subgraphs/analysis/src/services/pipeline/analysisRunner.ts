import { updateByIdIf, type OutboxDoc, type PubSub, type ServiceCaller } from '@soc/server-kit';
import { Types, type Model } from 'mongoose';
import type { Logger } from 'pino';
import { hasMailEvidence, PIPELINE_AGENTS, type AgentOutputs, type IncidentContext, type PipelineAgent } from '../../agents';
import { AICallError, type AIClient, type ProviderSettings } from '../../integrations/ai';
import type { AgentStageDoc, AnalysisDoc } from '../../models';
import type { AnalysisClaimDoc } from '../../models/analysisClaim';
import { readIncident } from '../incidentReader';
import { AnalysisRecorder } from './analysisRecorder';
import { STAGE_DEPENDENCIES } from './pipelineGraph';

export type AgentSettingsResolver = (tenantId: string, agent: PipelineAgent) => { settings: ProviderSettings; fallback: ProviderSettings[] };

export interface AnalysisRunnerDeps {
  analyses: Model<AnalysisDoc>;
  claims: Model<AnalysisClaimDoc>;
  outbox: Model<OutboxDoc>;
  pubsub: PubSub;
  ai: AIClient;
  callService: ServiceCaller;
  agentSettings: AgentSettingsResolver;
  logger: Logger;
  /** How long a worker's claim on a run lasts without renewal. */
  leaseMs: number;
}

const DUPLICATE_KEY = 11000;
const DONE: ReadonlySet<AgentStageDoc['status']> = new Set(['COMPLETED', 'SKIPPED']);

/**
 * Executes one analysis: claims it with a lease, runs the DAG (independent stages in parallel),
 * records every transition through the AnalysisRecorder, and ends it COMPLETED or FAILED. A run
 * resumed after a worker died keeps the stages that completed and reruns the rest.
 */
export class AnalysisRunner {
  constructor(private readonly deps: AnalysisRunnerDeps) {}

  async run(analysisId: string): Promise<void> {
    const { analyses, leaseMs, logger } = this.deps;
    const id = new Types.ObjectId(analysisId);
    const now = new Date();
    // Claim a queued run, or a running one whose lease expired (its worker died), by inserting the
    // next claim number: only one worker can (see AnalysisClaimDoc).
    const candidate = await analyses.findById(id).lean<AnalysisDoc>().exec();
    if (!candidate || !(candidate.status === 'QUEUED' || (candidate.status === 'RUNNING' && candidate.leaseUntil !== null && candidate.leaseUntil < now))) return;
    const claim = candidate.claim + 1;
    try {
      await this.deps.claims.create({ _id: `${analysisId}:${claim}`, claimedAt: now });
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return; // another worker took it
      throw error;
    }
    const claimed = await updateByIdIf(
      analyses,
      id,
      { claim: candidate.claim, status: candidate.status },
      { $set: { status: 'RUNNING', claim, leaseUntil: new Date(now.getTime() + leaseMs), ...(candidate.status === 'QUEUED' ? { startedAt: now } : {}) } },
    );
    if (!claimed) return;

    // A worker whose lease lapsed (e.g. a long pause) may find its run claimed by another: from
    // then on its writes match nothing and it stops; only the latest claim writes.
    const recorder = new AnalysisRecorder(analyses, this.deps.outbox, this.deps.pubsub, id, claimed.claim);
    const renew = setInterval(() => void recorder.renewLease(leaseMs).catch(() => undefined), Math.max(100, leaseMs / 3));
    renew.unref();
    const log = logger.child({ analysisId, tenantId: claimed.tenantId, incidentId: claimed.incidentId });
    try {
      await this.execute(claimed, recorder, log);
      if (recorder.writeFailure) {
        log.error({ err: recorder.writeFailure }, 'analysis run stopped: its progress could not be written; it resumes on a worker once its lease lapses');
      }
    } catch (error) {
      log.error({ err: error }, 'analysis run failed unexpectedly');
      await recorder.finish('FAILED', 'internal error while running the analysis').catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }

  private async execute(analysis: AnalysisDoc, recorder: AnalysisRecorder, log: Logger) {
    const incident = await readIncident(this.deps.callService, analysis.tenantId, analysis.incidentId);
    if (!incident) {
      await recorder.finish('FAILED', 'the incident no longer exists');
      return;
    }
    const stages = new Map(analysis.stages.map((stage) => [stage.agent, stage]));
    const results: Partial<AgentOutputs> = { ...analysis.results };

    const emailStage = stages.get('EMAIL_VERIFIER');
    if (emailStage && emailStage.status !== 'SKIPPED' && !DONE.has(emailStage.status) && !hasMailEvidence(incident, analysis.rawEmail)) {
      const skipped: AgentStageDoc = { ...emailStage, status: 'SKIPPED', error: null };
      if (!(await recorder.stageFinished('EMAIL_VERIFIER', skipped, null))) return;
      stages.set('EMAIL_VERIFIER', skipped);
    }

    const running = new Map<PipelineAgent, Promise<AgentStageDoc>>();
    for (;;) {
      const ready = PIPELINE_AGENTS.filter(
        (agent) => !DONE.has(stages.get(agent)!.status) && !running.has(agent) && STAGE_DEPENDENCIES[agent].every((dep) => DONE.has(stages.get(dep)!.status)),
      );
      for (const agent of ready) running.set(agent, this.runStage(agent, stages.get(agent)!, analysis, incident, results, recorder, log));
      if (running.size === 0) break;
      const [agent, stage] = await Promise.race([...running].map(([name, promise]) => promise.then((result) => [name, result] as const)));
      running.delete(agent);
      if (recorder.stopped) return; // cancelled, or claimed by another worker
      stages.set(agent, stage);
      if (stage.status === 'FAILED') {
        await Promise.allSettled(running.values());
        await recorder.finish('FAILED', `${agent} failed: ${stage.error}`);
        return;
      }
    }
    await recorder.settled();
    if (!recorder.stopped) await recorder.finish('COMPLETED', null);
  }

  /**
   * Runs one agent. Its start and finish are recorded through the recorder's ordered queue without
   * waiting: the model call does not wait for the database, and the next stages may start as soon
   * as this result is in memory, while subscribers still see every event in order.
   */
  private async runStage(
    agent: PipelineAgent,
    current: AgentStageDoc,
    analysis: AnalysisDoc,
    incident: IncidentContext,
    results: Partial<AgentOutputs>,
    recorder: AnalysisRecorder,
    log: Logger,
  ): Promise<AgentStageDoc> {
    const startedAt = new Date();
    void recorder.stageStarted(agent, startedAt);
    const base: AgentStageDoc = { ...current, status: 'RUNNING', startedAt, finishedAt: null, error: null };
    const prior: Partial<AgentOutputs> = {};
    for (const dep of STAGE_DEPENDENCIES[agent]) if (results[dep]) Object.assign(prior, { [dep]: results[dep] });
    const { settings, fallback } = this.deps.agentSettings(analysis.tenantId, agent);
    try {
      const result = await this.deps.ai.callAI(agent, { incident, rawEmail: analysis.rawEmail, prior }, { tenantId: analysis.tenantId, settings, fallback, bypassCache: analysis.bypassCache });
      Object.assign(results, { [agent]: result.output });
      const stage: AgentStageDoc = {
        ...base,
        status: 'COMPLETED',
        provider: result.provider,
        model: result.model,
        promptVersion: (result as { promptVersion?: string }).promptVersion ?? null,
        finishedAt: new Date(),
        durationMs: Date.now() - startedAt.getTime(),
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: result.costUsd,
        attempts: result.attempts,
        cached: result.cached,
        fallbacks: result.failures.map((failure) => `${failure.provider}: ${failure.error}`),
        error: null,
      };
      void recorder.stageFinished(agent, stage, result.output);
      return stage;
    } catch (error) {
      const failures = error instanceof AICallError ? error.failures : [];
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ agent, reason }, 'analysis stage failed');
      const stage: AgentStageDoc = {
        ...base,
        status: 'FAILED',
        finishedAt: new Date(),
        durationMs: Date.now() - startedAt.getTime(),
        attempts: failures.length,
        fallbacks: failures.map((failure) => `${failure.provider}: ${failure.error}`),
        error: reason.slice(0, 1000),
      };
      void recorder.stageFinished(agent, stage, null);
      return stage;
    }
  }
}
