/** When a session stops being valid: absolute expiry, idle timeout, or explicit revocation. */
export interface SessionTimes {
  readonly expiresAt: number;
  readonly lastSeenAt: number;
  readonly revokedAt: number | null;
}

export type SessionVerdict = 'valid' | 'expired' | 'idle' | 'revoked';

export const judgeSession = (s: SessionTimes, now: number, idleMs: number): SessionVerdict => {
  if (s.revokedAt !== null) return 'revoked';
  if (now >= s.expiresAt) return 'expired';
  if (now - s.lastSeenAt >= idleMs) return 'idle';
  return 'valid';
};

/** Touching last_seen on every request would write on every read; once a minute is enough. */
export const shouldTouch = (lastSeenAt: number, now: number): boolean => now - lastSeenAt >= 60_000;
