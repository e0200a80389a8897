import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay', () => {
  it('should double the ceiling with each attempt when the random draw is at its top', () => {
    const top = 0.999999;
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, top))).toEqual([499, 999, 1999, 3999]);
  });

  it('should never exceed the cap however many attempts failed', () => {
    expect(backoffDelay(50, 0.999999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(1e9, 1)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('should spread delays below the ceiling with the random draw and keep a floor', () => {
    expect(backoffDelay(5, 0.5)).toBe(8_000);
    expect(backoffDelay(6, 0)).toBe(DEFAULT_BACKOFF.minMs);
    expect(backoffDelay(-3, 2)).toBe(500);
  });
});
