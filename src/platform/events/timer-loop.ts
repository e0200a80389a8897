/**
 * A background loop on a timer: one run at a time, each run saying how long to wait before the
 * next. Stopping waits for the run in progress. Used by the outbox dispatcher and the webhook
 * worker, which differ only in what a run does.
 */
export class TimerLoop {
  private active = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  /** `run` does one pass and returns the delay in ms before the next; it must not throw. */
  constructor(private readonly run: () => Promise<number>) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule(0);
  }

  /** Runs soon, unless a run is in progress: that run chooses when the next one comes. */
  wake(): void {
    if (this.active && this.current === null) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** Resolves when the run in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.current;
  }

  private schedule(ms: number): void {
    if (!this.active) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = this.run()
        .then((next) => this.schedule(next))
        .finally(() => {
          this.current = null;
        });
    }, ms);
    this.timer.unref();
  }
}
