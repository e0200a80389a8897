/**
 * A housekeeping job on a timer (retention, sweeps): one pass at a time, a failed pass logged and
 * tried again at the next interval, an optional delay before the first pass (start-up traffic goes
 * first), and a `stopping` flag a long pass checks between chunks so stop() need not wait for all
 * of it.
 */
import type { Logger } from 'pino';
import { TimerLoop } from './timer-loop.js';

/** How long an hourly job's first pass waits after start: start-up traffic goes first. */
export const AFTER_START_UP_MS = 60_000;

export interface PeriodicOptions {
  readonly everyMs: number;
  /** Wait before the first pass; 0 runs it at start. */
  readonly firstDelayMs: number;
  /** What failed, for the log line: "<what> failed; will retry". */
  readonly what: string;
}

export class PeriodicJob {
  private readonly loop: TimerLoop;
  private waited = false;
  private stopRequested = false;

  constructor(log: Logger, pass: () => Promise<unknown>, o: PeriodicOptions) {
    this.loop = new TimerLoop(async () => {
      if (!this.waited) {
        this.waited = true;
        if (o.firstDelayMs > 0) return o.firstDelayMs;
      }
      try {
        await pass();
      } catch (e) {
        log.error({ err: e }, `${o.what} failed; will retry`);
      }
      return o.everyMs;
    });
  }

  /** True once stop() was called: a pass under way ends after its current chunk. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    this.loop.start();
  }

  /** Waits for a pass under way. */
  stop(): Promise<void> {
    this.stopRequested = true;
    return this.loop.stop();
  }
}

/** Lets waiting writers in between two chunks of a long pass. */
export const betweenChunks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
