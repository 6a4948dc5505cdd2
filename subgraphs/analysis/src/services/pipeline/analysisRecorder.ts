import { type OutboxDoc, type PubSub, recordEvent, retryTransient, updateByIdIf } from '@soc/server-kit';
import type { Model, Types } from 'mongoose';
import type { PipelineAgent } from '../../agents';
import type { AgentStageDoc, AnalysisDoc } from '../../models';
import { activityChannel, analysisChannel, type AnalysisEventMessage, type AnalysisEventType } from '../analysisEvents';
import { stageIndex } from './pipelineGraph';

type ChangeUpdate = { $set: Record<string, unknown> };

/** A change waiting for its write; the changes queued behind a running write share the next one. */
interface PendingChange {
  type: AnalysisEventType;
  update: ChangeUpdate;
  agent: PipelineAgent | null;
  expectedStatus: AnalysisDoc['status'][];
  settle(doc: AnalysisDoc | null): void;
}

/** Two changes may share a write when neither sets a field the other sets or contains. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Every state change of a run goes through here: an atomic update that also advances the run's
 * `seq`, then a publish of the resulting events. Changes of one run are written one write at a
 * time, so subscribers see events in seq order even when stages run in parallel. Changes queued
 * while a write runs go out together in the next one (each keeping its own seq and event), as long
 * as they touch different fields: under load a run costs a few writes instead of one per event.
 */
export class AnalysisRecorder {
  private chain: Promise<unknown> = Promise.resolve();
  private pending: PendingChange[] = [];
  private flushing = false;
  private halted = false;
  private failure: unknown = null;

  constructor(
    private readonly analyses: Model<AnalysisDoc>,
    private readonly outbox: Model<OutboxDoc>,
    private readonly pubsub: PubSub,
    readonly analysisId: Types.ObjectId,
    /** The claim this recorder writes under; undefined for writes outside a run (cancel, timeout). */
    private readonly claim?: number,
  ) {}

  /**
   * Applies a change while the run is still RUNNING. Null when it was cancelled, finished or
   * claimed by another worker meanwhile, or when the database kept failing (`writeFailure`): this
   * worker then stops, and the run is resumed elsewhere once its lease lapses. Never rejects, so
   * stages can record without waiting.
   */
  apply(type: AnalysisEventType, update: ChangeUpdate, agent: PipelineAgent | null = null, expectedStatus: AnalysisDoc['status'][] = ['RUNNING']): Promise<AnalysisDoc | null> {
    return new Promise((resolve) => {
      this.pending.push({ type, update, agent, expectedStatus, settle: resolve });
      if (this.flushing) return; // the running flush takes it after its current write
      this.flushing = true;
      this.chain = this.chain.then(() => this.flush()).catch(() => undefined);
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.write(this.takeBatch());
    } finally {
      this.flushing = false;
    }
  }

  /** The oldest pending change and those after it, in order, that can share its write. */
  private takeBatch(): PendingChange[] {
    const [first] = this.pending;
    const status = first!.expectedStatus.join();
    const fields = Object.keys(first!.update.$set);
    let size = 1;
    for (; size < this.pending.length; size += 1) {
      const next = this.pending[size]!;
      const nextFields = Object.keys(next.update.$set);
      if (next.expectedStatus.join() !== status || nextFields.some((a) => fields.some((b) => overlaps(a, b)))) break;
      fields.push(...nextFields);
    }
    return this.pending.splice(0, size);
  }

  private async write(batch: PendingChange[]): Promise<void> {
    const [first] = batch;
    let doc: AnalysisDoc | null = null;
    if (!this.failure) {
      try {
        // A transient error (FerretDB's SQLite busy) applied nothing, so the same write is safe again.
        doc = await retryTransient(() =>
          updateByIdIf(this.analyses, this.analysisId, this.heldBy(first!.expectedStatus), {
            $set: Object.assign({}, ...batch.map((change) => change.update.$set)),
            $inc: { seq: batch.length },
          }),
        );
        if (doc) {
          // The document holds every change of the batch; each event keeps the seq of its own change.
          const firstSeq = doc.seq - batch.length + 1;
          for (const [i, change] of batch.entries()) await this.publish(change.type, doc, change.agent, firstSeq + i);
        }
      } catch (error) {
        this.failure = error;
        doc = null;
      }
    }
    if (!doc) this.halted = true;
    for (const change of batch) change.settle(doc);
  }

  /** The error that stopped this recorder's writes, if one did. */
  get writeFailure(): unknown {
    return this.failure;
  }

  /** The condition of this recorder's writes: the run is in one of `statuses`, under this recorder's claim. */
  private heldBy(statuses: AnalysisDoc['status'][]): Record<string, unknown> {
    return { status: { $in: statuses }, ...(this.claim === undefined ? {} : { claim: this.claim }) };
  }

  /** True once a write found the run no longer this worker's (cancelled, finished, or claimed by another). */
  get stopped(): boolean {
    return this.halted;
  }

  /** Resolves when every write queued so far is done. */
  async settled(): Promise<void> {
    await this.chain;
  }

  /**
   * Extends this worker's lease. It goes through the same queue as every other write of the run:
   * FerretDB applies an update as read-modify-write of the whole document, so two concurrent
   * updates of one document could lose one of them.
   */
  renewLease(leaseMs: number): Promise<boolean> {
    const next = this.chain.then(async () => {
      const renewed = await retryTransient(() => updateByIdIf(this.analyses, this.analysisId, this.heldBy(['RUNNING']), { $set: { leaseUntil: new Date(Date.now() + leaseMs) } }));
      return renewed !== null;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  stageStarted(agent: PipelineAgent, at: Date) {
    const i = stageIndex(agent);
    return this.apply('STAGE_STARTED', { $set: { [`stages.${i}.status`]: 'RUNNING', [`stages.${i}.startedAt`]: at, [`stages.${i}.error`]: null } }, agent);
  }

  stageFinished(agent: PipelineAgent, stage: AgentStageDoc, output: unknown) {
    const i = stageIndex(agent);
    const set: Record<string, unknown> = { [`stages.${i}`]: stage };
    if (stage.status === 'COMPLETED') set[`results.${agent}`] = output;
    if (stage.status === 'COMPLETED' && agent === 'VERDICT_GENERATOR') set.verdict = output;
    const type = stage.status === 'COMPLETED' ? 'STAGE_COMPLETED' : stage.status === 'SKIPPED' ? 'STAGE_SKIPPED' : 'STAGE_FAILED';
    return this.apply(type, { $set: set }, agent);
  }

  /** Ends the run and records its event in the outbox; `eventPending` covers a crash in between. */
  async finish(status: 'COMPLETED' | 'FAILED' | 'CANCELLED', error: string | null, expectedStatus: AnalysisDoc['status'][] = ['RUNNING']): Promise<AnalysisDoc | null> {
    const doc = await this.apply(
      status === 'COMPLETED' ? 'ANALYSIS_COMPLETED' : 'ANALYSIS_FAILED',
      { $set: { status, error, completedAt: new Date(), leaseUntil: null, eventPending: true } },
      null,
      expectedStatus,
    );
    if (doc) await publishOutcomeEvent(this.analyses, this.outbox, doc);
    return doc;
  }

  private async publish(type: AnalysisEventType, analysis: AnalysisDoc, agent: PipelineAgent | null, seq: number) {
    const message: AnalysisEventMessage = {
      seq,
      type,
      stage: agent ? (analysis.stages[stageIndex(agent)] ?? null) : null,
      analysis,
      occurredAt: new Date(),
    };
    await Promise.all([this.pubsub.publish(analysisChannel(analysis._id.toHexString()), message), this.pubsub.publish(activityChannel(analysis.tenantId), message)]);
  }
}

/** Writes the run's outcome event (idempotent by id) and clears the pending flag. */
export async function publishOutcomeEvent(analyses: Model<AnalysisDoc>, outbox: Model<OutboxDoc>, analysis: AnalysisDoc & { incidentTitle?: string }): Promise<void> {
  const analysisId = analysis._id.toHexString();
  if (analysis.status === 'COMPLETED' && analysis.verdict) {
    const severity = analysis.results.SEVERITY_ASSESSOR ?? null;
    await retryTransient(() => recordEvent(outbox, {
      id: `analysis.completed:${analysisId}`,
      type: 'analysis.completed',
      tenantId: analysis.tenantId,
      payload: {
        incidentId: analysis.incidentId,
        analysisId,
        incidentNumber: analysis.incidentSummary?.number ?? null,
        incidentTitle: analysis.incidentSummary?.title ?? null,
        incidentSeverity: analysis.incidentSummary?.severity ?? null,
        verdict: analysis.verdict,
        severityAssessment: severity ? { severity: severity.severity, score: severity.score, rationale: severity.rationale } : null,
        reportSummary: reportSummary(analysis),
      },
    }));
  } else {
    const failed = analysis.stages.find((stage) => stage.status === 'FAILED');
    await retryTransient(() => recordEvent(outbox, {
      id: `analysis.failed:${analysisId}`,
      type: 'analysis.failed',
      tenantId: analysis.tenantId,
      payload: { incidentId: analysis.incidentId, analysisId, stage: failed?.agent ?? null, reason: analysis.error ?? analysis.status },
    }));
  }
  await retryTransient(() => analyses.updateOne({ _id: analysis._id }, { $set: { eventPending: false } }).exec());
}

/** A short plain-text digest of the run for comments and notifications. */
export function reportSummary(analysis: AnalysisDoc): string {
  const { RCA_ANALYST: rca, THREAT_ANALYZER: threat, SEVERITY_ASSESSOR: severity } = analysis.results;
  const lines: string[] = [];
  if (analysis.verdict) lines.push(`Verdict: ${analysis.verdict.classification} (confidence ${Math.round(analysis.verdict.confidence * 100)}%). ${analysis.verdict.summary}`);
  if (rca) lines.push(`Root cause: ${rca.rootCause}`);
  if (severity) lines.push(`Assessed severity: ${severity.severity} (score ${Math.round(severity.score)}).`);
  if (threat && threat.techniques.length > 0) lines.push(`ATT&CK: ${threat.techniques.map((t) => t.id).join(', ')}.`);
  if (analysis.verdict && analysis.verdict.recommendedActions.length > 0) lines.push(`Recommended: ${analysis.verdict.recommendedActions.slice(0, 5).join('; ')}.`);
  return lines.join('\n');
}
