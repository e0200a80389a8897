import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicJob } from './periodic.js';

describe('PeriodicJob', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should wait the first delay, then run every interval, and keep running after a failed pass', async () => {
    const errors: unknown[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    let passes = 0;
    const job = new PeriodicJob(
      log,
      async () => {
        passes++;
        if (passes === 1) throw new Error('first pass failed');
      },
      { everyMs: 1_000, firstDelayMs: 5_000, what: 'the test job' },
    );
    job.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    expect(errors).toEqual([expect.objectContaining({ msg: 'the test job failed; will retry' })]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(passes).toBe(3);
    expect(job.stopping).toBe(false);
    await job.stop();
    expect(job.stopping).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(passes).toBe(3);
  });

  it('should run the first pass at start without a first delay', async () => {
    let passes = 0;
    const job = new PeriodicJob(pino({ level: 'silent' }), async () => void passes++, { everyMs: 1_000, firstDelayMs: 0, what: 'x' });
    job.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await job.stop();
  });
});
