import { describe, expect, it } from 'vitest';
import { pushSample, type Sample } from './history.js';

const o = { stepMs: 5, windowMs: 20 };

describe('waiting history', () => {
  it('should keep one sample per step with the newest value, and drop what left the window', () => {
    let h: Sample[] = [];
    h = pushSample(h, { at: 0, value: 1 }, o);
    h = pushSample(h, { at: 3, value: 2 }, o);
    expect(h).toEqual([{ at: 0, value: 2 }]);
    h = pushSample(h, { at: 5, value: 4 }, o);
    h = pushSample(h, { at: 12, value: 0 }, o);
    expect(h.map((s) => s.at)).toEqual([0, 5, 12]);
    h = pushSample(h, { at: 24, value: 7 }, o);
    expect(h.map((s) => s.at)).toEqual([5, 12, 24]);
  });

  it('should ignore a sample older than the last one', () => {
    const h = pushSample([{ at: 10, value: 1 }], { at: 4, value: 9 }, o);
    expect(h).toEqual([{ at: 10, value: 1 }]);
  });
});
