import type { RunHandler, RunQueue } from './runQueue';

/** A bounded-concurrency queue in this process; runs lost with the process are recovered by the sweep. */
export function createInProcessRunQueue(handler: RunHandler, concurrency: number): RunQueue {
  const waiting: string[] = [];
  const known = new Set<string>();
  const active = new Set<Promise<void>>();
  let stopped = false;

  const pump = () => {
    while (!stopped && active.size < concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      const run: Promise<void> = handler(id)
        .catch(() => undefined)
        .finally(() => {
          active.delete(run);
          known.delete(id);
          pump();
        });
      active.add(run);
    }
  };

  return {
    kind: 'in-process',
    async enqueue(analysisId) {
      if (stopped || known.has(analysisId)) return;
      known.add(analysisId);
      waiting.push(analysisId);
      pump();
    },
    async stop() {
      stopped = true;
      waiting.length = 0;
      await Promise.allSettled([...active]);
    },
  };
}
