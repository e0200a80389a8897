/**
 * Webhook signatures. Each request carries
 *
 *   kefu-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * A receiver verifies it so:
 *   1. Split the header on "," and each part on the first "="; take `t` and every `v1`.
 *   2. Refuse if `t` is more than 300 s away from its own clock (stops replays of old requests).
 *   3. Compute HMAC-SHA256 with the webhook's secret (the whole `whsec_…` string, as UTF-8) over
 *      `${t}.${body}`, where body is the raw request bytes exactly as received (not re-serialised
 *      JSON), and hex-encode it in lower case.
 *   4. Accept if it equals any `v1`, compared in constant time. Unknown keys (a future `v2`) are
 *      ignored, so the scheme can grow without breaking receivers.
 * The timestamp is inside the signed text, so it cannot be moved without breaking the signature.
 *
 * The HMAC itself comes in as a function: core code does no crypto I/O (see ../signing.ts).
 */

export const SIGNATURE_HEADER = 'kefu-signature';
export const SIGNATURE_TOLERANCE_S = 300;

/** HMAC-SHA256 of `message` keyed by `secret`, both UTF-8, as lower-case hex. */
export type Hmac = (secret: string, message: string) => string;

export const signedText = (timestampS: number, body: string): string => `${timestampS}.${body}`;

export const signatureHeader = (secret: string, body: string, nowMs: number, hmac: Hmac): string => {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmac(secret, signedText(t, body))}`;
};

export interface ParsedSignature {
  readonly t: number;
  readonly v1: readonly string[];
}

export const parseSignatureHeader = (header: string): ParsedSignature | null => {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== null) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      v1.push(value);
    }
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
};

/** Compares two strings in time that depends only on their length, not on where they differ. */
export const constantTimeEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};

export type SignatureVerdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

export const verifySignature = (
  header: string | undefined,
  body: string,
  secret: string,
  nowMs: number,
  hmac: Hmac,
  toleranceS: number = SIGNATURE_TOLERANCE_S,
): SignatureVerdict => {
  const parsed = header ? parseSignatureHeader(header) : null;
  if (!parsed) return 'malformed';
  if (Math.abs(Math.floor(nowMs / 1000) - parsed.t) > toleranceS) return 'stale';
  const expected = hmac(secret, signedText(parsed.t, body));
  // Every candidate is compared, so timing does not reveal which one matched.
  let ok = false;
  for (const candidate of parsed.v1) ok = constantTimeEqual(candidate, expected) || ok;
  return ok ? 'valid' : 'mismatch';
};
