/** The abort signal of one provider request: fires on the caller's cancel or on our timeout. */
export interface AttemptTimer {
  signal: AbortSignal;
  /** True once our timeout (not the caller) aborted the request. */
  readonly timedOut: boolean;
  /** Streams: data arrived, restart the clock (timeoutMs bounds silence, not a long answer). */
  touch(): void;
  dispose(): void;
}

export function startAttemptTimer(timeoutMs: number, callerSignal?: AbortSignal): AttemptTimer {
  const controller = new AbortController();
  let timedOut = false;
  const onTimeout = () => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${timeoutMs} ms`));
  };
  let timer = setTimeout(onTimeout, timeoutMs);
  return {
    signal: callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
    get timedOut() {
      return timedOut;
    },
    touch() {
      if (timedOut) return;
      clearTimeout(timer);
      timer = setTimeout(onTimeout, timeoutMs);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
