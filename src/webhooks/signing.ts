/** Node's crypto behind the pure signature rules: the HMAC, new secrets, and a receiver's check. */
import { createHmac, randomBytes } from 'node:crypto';
import { type Hmac, type SignatureVerdict, verifySignature } from './core/index.js';

export const hmacSha256Hex: Hmac = (secret, message) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

/** A new signing secret: 32 random bytes; the prefix makes a leaked one recognisable in scans. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * What a receiver written in Node runs on each request (see core/signature.ts for the recipe):
 * `verifyKefuSignature(req.headers['kefu-signature'], rawBody, secret)` must be 'valid'.
 */
export const verifyKefuSignature = (
  header: string | undefined,
  rawBody: string,
  secret: string,
  nowMs: number = Date.now(),
): SignatureVerdict => verifySignature(header, rawBody, secret, nowMs, hmacSha256Hex);
