import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('event queue', () => {
  it('should pop events by time, equal times in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<{ at: number; n: number }>();
        times.forEach((at, n) => {
          q.push({ at, n });
        });
        const out: { at: number; n: number }[] = [];
        for (let e = q.pop(); e !== null; e = q.pop()) out.push(e);
        const expected = times.map((at, n) => ({ at, n })).sort((a, b) => a.at - b.at || a.n - b.n);
        expect(out).toEqual(expected);
      }),
    );
  });
});
