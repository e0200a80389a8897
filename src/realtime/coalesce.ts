/**
 * Runs an update per key at most once per interval, and soon after it is asked for: a burst of
 * changes becomes one recomputation (supervisor statistics at most 4 per second and within a
 * second of a change; queue wait updates).
 */
interface KeyState {
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  lastRun: number;
}

export class Coalescer {
  private readonly keys = new Map<string, KeyState>();
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly onError: (e: unknown, key: string) => void,
  ) {}

  schedule(key: string, run: () => Promise<void>): void {
    if (this.stopped) return;
    let s = this.keys.get(key);
    if (!s) {
      s = { timer: null, running: false, again: false, lastRun: -Infinity };
      this.keys.set(key, s);
    }
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    const delay = Math.max(0, s.lastRun + this.intervalMs - this.now());
    const state = s;
    state.timer = setTimeout(() => void this.fire(key, state, run), delay);
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.keys.values()) if (s.timer) clearTimeout(s.timer);
    this.keys.clear();
  }

  private async fire(key: string, s: KeyState, run: () => Promise<void>): Promise<void> {
    s.timer = null;
    s.running = true;
    s.lastRun = this.now();
    try {
      await run();
    } catch (e) {
      this.onError(e, key);
    } finally {
      s.running = false;
    }
    // The key's state stays (one small record per tenant or queue) so the interval holds across bursts.
    if (s.again) {
      s.again = false;
      this.schedule(key, run);
    }
  }
}
