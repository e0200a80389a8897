/**
 * Visitor identity verification. The tenant's site signs its own user id: signature = hex
 * HMAC-SHA256(identity secret, `${userId}.${timestamp}`). Only a signature that matches and is at
 * most ten minutes old (and not from the future beyond a small clock skew) links a visitor to a
 * customer profile. The HMAC itself comes in as a function, so this rule stays free of I/O.
 */
import { err, ok, type Result } from '../../kernel/index.js';

export interface SignedIdentity {
  readonly userId: string;
  /** Unix time in seconds or milliseconds when the site signed the id. */
  readonly timestamp: number;
  readonly signature: string;
}

export interface IdentityCrypto {
  /** Hex HMAC-SHA256 of `data` under `secret`. */
  hmacHex(secret: string, data: string): string;
  /** Constant-time equality of two strings of hex. */
  equal(a: string, b: string): boolean;
}

export const IDENTITY_MAX_AGE_MS = 10 * 60_000;
/** How far ahead of our clock a site's clock may run. */
export const IDENTITY_MAX_SKEW_MS = 60_000;

export type IdentityProblem = 'bad_signature' | 'expired' | 'from_the_future' | 'malformed';

/** Seconds and milliseconds are both common; anything below 10^11 is read as seconds. */
export const timestampMs = (t: number): number => (t < 1e11 ? t * 1000 : t);

export const signedPayload = (userId: string, timestamp: number): string => `${userId}.${timestamp}`;

export const verifyIdentity = (
  id: SignedIdentity,
  secret: string,
  now: number,
  crypto: IdentityCrypto,
): Result<string, IdentityProblem> => {
  if (!/^[0-9a-f]{64}$/i.test(id.signature) || id.userId.length === 0 || !Number.isFinite(id.timestamp)) return err('malformed');
  // The signature is checked before the age, so a forger learns nothing from which answer comes.
  const expected = crypto.hmacHex(secret, signedPayload(id.userId, id.timestamp));
  if (!crypto.equal(expected, id.signature.toLowerCase())) return err('bad_signature');
  const at = timestampMs(id.timestamp);
  if (at > now + IDENTITY_MAX_SKEW_MS) return err('from_the_future');
  if (now - at > IDENTITY_MAX_AGE_MS) return err('expired');
  return ok(id.userId);
};
