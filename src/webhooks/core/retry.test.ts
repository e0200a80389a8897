import { describe, expect, it } from 'vitest';
import { afterFailure, isDelivered, MAX_ATTEMPTS, MAX_RETRY_MS, retryDelayMs } from './retry.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [7, 640_000],
    [12, 3_600_000],
    [40, 3_600_000],
  ])('should wait %i failed attempts -> %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it('should never shrink as attempts grow and never pass the cap', () => {
    for (let a = 1; a < 60; a++) {
      expect(retryDelayMs(a + 1)).toBeGreaterThanOrEqual(retryDelayMs(a));
      expect(retryDelayMs(a)).toBeLessThanOrEqual(MAX_RETRY_MS);
    }
  });
});

describe('afterFailure', () => {
  it('should reschedule with back-off when attempts remain', () => {
    expect(afterFailure(1, 5_000)).toEqual({ status: 'pending', nextAttemptAt: 15_000 });
    expect(afterFailure(MAX_ATTEMPTS - 1, 0)).toEqual({ status: 'pending', nextAttemptAt: retryDelayMs(MAX_ATTEMPTS - 1) });
  });

  it('should give up as failed when the last attempt failed', () => {
    expect(afterFailure(MAX_ATTEMPTS, 0)).toEqual({ status: 'failed' });
    expect(afterFailure(MAX_ATTEMPTS + 3, 0)).toEqual({ status: 'failed' });
  });

  it('should give up within about 21 minutes of the first attempt', () => {
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a);
    expect(total).toBe(1_270_000);
  });
});

describe('isDelivered', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [301, false],
    [302, false],
    [400, false],
    [410, false],
    [500, false],
  ])('should count HTTP %i as delivered: %s', (code, expected) => {
    expect(isDelivered(code)).toBe(expected);
  });
});
