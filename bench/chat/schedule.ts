/**
 * The simulated senders' clock, shared by the chat benchmark's clients and its bare-relay floor so
 * both offer the same traffic: each sender on a fixed schedule, started at a random point of its
 * period, skipping rather than bursting what a stall made it miss.
 */
import { performance } from 'node:perf_hooks';

export interface Schedule {
  next: number;
  readonly every: number;
  readonly send: () => void;
}

/** A sender `rate` times a second, starting at a random point of its first period. */
export const everyPerSecond = (rate: number, send: () => void): Schedule => {
  const every = 1000 / rate;
  return { next: performance.now() + Math.random() * every, every, send };
};

/**
 * Runs the schedules for `durationMs`; returns the elapsed window. Messages still in flight arrive
 * (and are timed) for two more seconds before `measuring(false)`, but rates are over the window.
 */
export const runSchedules = async (schedules: Schedule[], durationMs: number, measuring: (on: boolean) => void): Promise<number> => {
  const started = performance.now();
  measuring(true);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - started >= durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (const s of schedules) {
        if (now < s.next) continue;
        s.send();
        s.next = Math.max(s.next + s.every, now);
      }
    }, 5);
  });
  const elapsed = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2_000));
  measuring(false);
  return elapsed;
};
