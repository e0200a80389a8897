import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, FRESH, isLocked, recordFailure } from './throttle.js';

describe('log-in throttle', () => {
  it('should lock the key when failures reach the maximum within the window', () => {
    let s = FRESH;
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) s = recordFailure(s, 1000 + i, ACCOUNT_POLICY);
    expect(isLocked(s, 2000)).toBe(false);
    s = recordFailure(s, 2000, ACCOUNT_POLICY);
    expect(isLocked(s, 2001)).toBe(true);
    expect(isLocked(s, 2000 + ACCOUNT_POLICY.lockMs)).toBe(false);
  });

  it('should start a new window when the last failure is older than the window', () => {
    let s = FRESH;
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) s = recordFailure(s, i, ACCOUNT_POLICY);
    s = recordFailure(s, ACCOUNT_POLICY.windowMs + 10, ACCOUNT_POLICY);
    expect(s.failures).toBe(1);
    expect(isLocked(s, ACCOUNT_POLICY.windowMs + 11)).toBe(false);
  });
});
