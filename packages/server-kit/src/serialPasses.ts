/**
 * A background job run every interval and on demand, one pass at a time: a pass asked for while
 * another runs starts after it. A failed pass is reported and the next one runs as planned.
 */
export class SerialPasses {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly runPass: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  /** Stops the schedule and resolves once the pass under way, if any, is over. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  runOnce(): Promise<void> {
    this.pass = this.pass.then(() => this.runPass()).catch(this.onError);
    return this.pass;
  }
}
