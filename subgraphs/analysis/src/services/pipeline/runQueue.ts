/** Where analysis runs wait for a worker: in this process by default, BullMQ on Redis when configured. */
export interface RunQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Idempotent: a run already waiting or running is not added twice. */
  enqueue(analysisId: string): Promise<void>;
  stop(): Promise<void>;
}

export type RunHandler = (analysisId: string) => Promise<void>;
