/**
 * Closed-loop load: `concurrency` workers, each sending its next request as soon as the previous
 * one answered, until the time is up. Both targets get exactly this loop, so their figures compare.
 */

/** One request; resolves on success and throws (with a reason) on any failure. */
export type SendRequest = () => Promise<void>;

export interface LoadResult {
  /** Requests started before the deadline (all of them are awaited and counted). */
  requests: number;
  errors: number;
  firstError: string | null;
  /** From the first request to the last answer. */
  elapsedMs: number;
  /** Latency of every successful request. */
  latenciesMs: number[];
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function runClosedLoop(send: SendRequest, concurrency: number, durationMs: number, stop?: AbortSignal): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, firstError: null, elapsedMs: 0, latenciesMs: [] };
  const started = nowMs();
  const deadline = started + durationMs;

  async function worker(): Promise<void> {
    while (nowMs() < deadline && !stop?.aborted) {
      const sent = nowMs();
      result.requests++;
      try {
        await send();
        result.latenciesMs.push(nowMs() - sent);
      } catch (error) {
        result.errors++;
        result.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  // Requests in flight at the deadline are counted, so the clock runs until the last answer.
  result.elapsedMs = nowMs() - started;
  return result;
}
