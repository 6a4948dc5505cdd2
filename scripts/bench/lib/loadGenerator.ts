/**
 * Closed-loop load: `concurrency` workers, each sending its next request as soon as the previous
 * one answered. Both targets get exactly this loop, so their figures compare.
 *
 * The loop runs continuously through a warm-up and the measured window; only answers that arrive
 * inside the window count (as wrk and autocannon do), so the window's length is exact. Requests
 * still in flight at the end are awaited, so the next run starts on an idle stack, but not counted.
 */

/** One request; resolves on success and throws (with a reason) on any failure. */
export type SendRequest = () => Promise<void>;

export interface LoadPlan {
  concurrency: number;
  /** Least warm-up; it goes on until every worker has had an answer (see below). */
  warmupMs: number;
  /** Longest warm-up, for a stack that never answers some workers. */
  maxWarmupMs: number;
  /** Least length of the measured window. */
  durationMs: number;
  /** The window also lasts until this many answers arrived (or `maxDurationMs` passed). */
  minAnswers: number;
  maxDurationMs: number;
  stop?: AbortSignal;
}

export interface LoadResult {
  /** Answers (successes and failures) that arrived inside the measured window. */
  requests: number;
  errors: number;
  /** The first failure of the run, warm-up included, to explain an error count. */
  firstError: string | null;
  /** Length of the measured window, as it turned out. */
  elapsedMs: number;
  /** How long the warm-up really took. */
  warmupMs: number;
  /** Latency of every successful request answered inside the window. */
  latenciesMs: number[];
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Two rules decide the window, both for slow stacks where one request under full load takes longer
 * than the whole window. The warm-up lasts until every worker has been answered, so the window does
 * not open inside the first wave of simultaneous requests; and the window lasts until it holds
 * `minAnswers` answers, so it never falls between two waves and counts nothing. On a fast stack
 * neither rule changes anything.
 */
export async function runClosedLoop(send: SendRequest, plan: LoadPlan): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, firstError: null, elapsedMs: 0, warmupMs: 0, latenciesMs: [] };
  const started = nowMs();
  let answeredWorkers = 0;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;

  function maybeOpenWindow(now: number): void {
    if (windowStart !== Number.POSITIVE_INFINITY || now < started + plan.warmupMs) return;
    if (answeredWorkers < plan.concurrency && now < started + plan.maxWarmupMs) return;
    windowStart = now;
    result.warmupMs = now - started;
  }

  function maybeCloseWindow(now: number): void {
    if (windowEnd !== Number.POSITIVE_INFINITY || windowStart === Number.POSITIVE_INFINITY) return;
    const length = now - windowStart;
    if (length < plan.durationMs || (result.requests < plan.minAnswers && length < plan.maxDurationMs)) return;
    windowEnd = now;
    result.elapsedMs = length;
  }

  async function worker(): Promise<void> {
    let answered = false;
    while (nowMs() < windowEnd && !plan.stop?.aborted) {
      const sent = nowMs();
      let failed = false;
      try {
        await send();
      } catch (error) {
        failed = true;
        result.firstError ??= error instanceof Error ? error.message : String(error);
      }
      const now = nowMs();
      if (!answered) {
        answered = true;
        answeredWorkers++;
      }
      maybeOpenWindow(now);
      maybeCloseWindow(now);
      if (now <= windowStart || now > windowEnd) continue;
      result.requests++;
      if (failed) result.errors++;
      else result.latenciesMs.push(now - sent);
    }
  }

  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return result;
}
