import { describe, expect, it } from 'vitest';
import { TimerLoop } from './timer-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('timer loop', () => {
  it('should run at once when started and again after the delay each run returns', async () => {
    let runs = 0;
    const loop = new TimerLoop(async () => {
      runs++;
      return runs < 3 ? 0 : 60_000;
    });
    loop.start();
    await sleep(50);
    expect(runs).toBe(3);
    await loop.stop();
  });

  it('should run again when woken between runs and not at all once stopped', async () => {
    let runs = 0;
    const loop = new TimerLoop(async () => {
      runs++;
      return 60_000;
    });
    loop.start();
    await sleep(20);
    loop.wake();
    await sleep(20);
    expect(runs).toBe(2);
    await loop.stop();
    loop.wake();
    await sleep(20);
    expect(runs).toBe(2);
    expect(loop.running).toBe(false);
  });

  it('should wait for the run in progress when stopped', async () => {
    let finished = false;
    const loop = new TimerLoop(async () => {
      await sleep(30);
      finished = true;
      return 60_000;
    });
    loop.start();
    await sleep(5);
    await loop.stop();
    expect(finished).toBe(true);
  });
});
