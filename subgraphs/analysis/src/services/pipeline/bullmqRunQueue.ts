import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { RunHandler, RunQueue } from './runQueue';

const QUEUE = 'soc-analysis-runs';

/**
 * Runs as BullMQ jobs: any replica's worker takes any run. A worker that dies stops renewing its
 * job lock; BullMQ hands the job to another worker, and the run lease in MongoDB lets that worker
 * claim it and resume.
 */
export async function createBullmqRunQueue(redisUrl: string, handler: RunHandler, options: { concurrency: number; lockMs: number; prefix: string; work: boolean; logger: Logger }): Promise<RunQueue> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE, { connection, prefix: options.prefix });
  const worker = options.work
    ? new Worker(QUEUE, async (job) => handler(String(job.data.analysisId)), {
        connection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration: options.lockMs,
        stalledInterval: options.lockMs,
        maxStalledCount: 2,
      })
    : null;
  worker?.on('failed', (job, error) => options.logger.warn({ analysisId: job?.data.analysisId, err: error }, 'analysis job failed'));
  await (worker ?? queue).waitUntilReady();
  return {
    kind: 'bullmq',
    async enqueue(analysisId) {
      // The job id makes it idempotent while the job exists; the run's own status guards the rest.
      await queue.add('run', { analysisId }, { jobId: analysisId, removeOnComplete: true, removeOnFail: 1000 });
    },
    async stop() {
      await worker?.close();
      await queue.close();
    },
  };
}
