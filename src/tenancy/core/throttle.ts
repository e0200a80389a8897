/**
 * Log-in throttling as a pure state machine: failures within a window lock the key for a while.
 * Two keys are checked per attempt: the account (slow guessing of one password) and the address
 * (spraying many accounts from one place).
 */
export interface ThrottleState {
  readonly failures: number;
  readonly windowStart: number;
  readonly lockedUntil: number;
}

export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const FRESH: ThrottleState = { failures: 0, windowStart: 0, lockedUntil: 0 };

export const isLocked = (s: ThrottleState, now: number): boolean => now < s.lockedUntil;

export const recordFailure = (s: ThrottleState, now: number, p: ThrottlePolicy): ThrottleState => {
  const inWindow = now - s.windowStart < p.windowMs;
  const failures = inWindow ? s.failures + 1 : 1;
  const windowStart = inWindow ? s.windowStart : now;
  const lockedUntil = failures >= p.maxFailures ? now + p.lockMs : s.lockedUntil;
  return { failures, windowStart, lockedUntil };
};

export const accountKey = (tenantSlug: string, email: string): string => `acct:${tenantSlug}:${email}`;
export const addressKey = (ip: string): string => `addr:${ip}`;
