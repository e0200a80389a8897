import { describe, expect, it } from 'vitest';
import { judgeSession, shouldTouch } from './session-rules.js';

describe('session validity', () => {
  const base = { expiresAt: 10_000, lastSeenAt: 1_000, revokedAt: null };
  it.each([
    ['valid before expiry and idle limit', base, 2_000, 'valid'],
    ['expired at the absolute expiry', base, 10_000, 'expired'],
    ['idle past the idle limit', base, 1_000 + 5_000, 'idle'],
    ['revoked whatever the time', { ...base, revokedAt: 1_500 }, 1_600, 'revoked'],
  ] as const)('should judge a session %s', (_n, s, now, verdict) => {
    expect(judgeSession(s, now, 5_000)).toBe(verdict);
  });

  it('should touch last-seen at most once a minute', () => {
    expect(shouldTouch(0, 59_999)).toBe(false);
    expect(shouldTouch(0, 60_000)).toBe(true);
  });
});
