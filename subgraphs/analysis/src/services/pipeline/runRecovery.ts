import type { OutboxDoc, PubSub } from '@soc/server-kit';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import type { AnalysisDoc } from '../../models';
import { AnalysisRecorder, publishOutcomeEvent } from './analysisRecorder';
import type { RunQueue } from './runQueue';

/**
 * The sweep that keeps runs from hanging: a run whose worker died (lease expired) or that waits
 * in no queue (lost with a process) goes back to the queue, unless it is past its timeout, in
 * which case it fails visibly. Outcome events a crash left unrecorded are recorded.
 */
export function startRunRecovery(options: {
  analyses: Model<AnalysisDoc>;
  outbox: Model<OutboxDoc>;
  pubsub: PubSub;
  queue: RunQueue;
  runTimeoutMs: number;
  intervalMs: number;
  logger: Logger;
}) {
  const { analyses, outbox, pubsub, queue, runTimeoutMs, logger } = options;
  const sweep = async () => {
    const now = Date.now();
    const stale = await analyses
      .find({ $or: [{ status: 'QUEUED' }, { status: 'RUNNING', leaseUntil: { $lt: new Date(now) } }] })
      .select({ _id: 1, status: 1, createdAt: 1, tenantId: 1 })
      .limit(500)
      .lean<AnalysisDoc[]>()
      .exec();
    for (const run of stale) {
      if (now - run.createdAt.getTime() > runTimeoutMs) {
        logger.warn({ analysisId: run._id.toHexString() }, 'analysis run timed out; marking it failed');
        await new AnalysisRecorder(analyses, outbox, pubsub, run._id).finish('FAILED', `timed out after ${Math.round(runTimeoutMs / 1000)} s without finishing (worker lost)`, ['QUEUED', 'RUNNING']);
      } else {
        await queue.enqueue(run._id.toHexString());
      }
    }
    const pending = await analyses.find({ eventPending: true }).limit(500).lean<AnalysisDoc[]>().exec();
    for (const analysis of pending) await publishOutcomeEvent(analyses, outbox, analysis);
  };

  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= sweep()
      .catch((error: unknown) => logger.warn({ err: error }, 'analysis recovery sweep failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return {
    sweepNow: tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
