/**
 * Checks a webhook's target URL when it is registered or changed. Host names are checked for
 * names that only mean something inside a network; what a public name resolves to is checked
 * again at every delivery (../sender.ts), because DNS answers can change after registration.
 */
import { classifyAddress } from './addresses.js';

export const MAX_URL_LENGTH = 2048;

export type UrlVerdict =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly code: 'VALIDATION_FAILED' | 'WEBHOOK_URL_NOT_ALLOWED'; readonly issue: string };

// Names that resolve only inside a network: localhost (RFC 6761), mDNS, home networks, and the
// "internal" suffix that cloud providers use (e.g. metadata.google.internal).
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan'];

const isInternalName = (host: string): boolean =>
  host === 'localhost' || !host.includes('.') || INTERNAL_SUFFIXES.some((s) => host.endsWith(s));

const invalid = (issue: string): UrlVerdict => ({ ok: false, code: 'VALIDATION_FAILED', issue });
const refused = (issue: string): UrlVerdict => ({ ok: false, code: 'WEBHOOK_URL_NOT_ALLOWED', issue });

export const checkWebhookUrl = (raw: string, allowPrivate: boolean): UrlVerdict => {
  if (raw.length > MAX_URL_LENGTH) return invalid(`must be at most ${MAX_URL_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return invalid('is not an absolute URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return invalid('must use http or https');
  // Credentials in a URL end up in logs and in the delivery list; the signature authenticates us.
  if (u.username !== '' || u.password !== '') return invalid('must not contain a user name or password');
  if (u.hash !== '') return invalid('must not have a #fragment (it is never sent)');
  if (u.hostname === '') return invalid('must name a host');
  if (allowPrivate) return { ok: true, url: u.href };
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  const kind = classifyAddress(host);
  if (kind === 'private') return refused('points at a private, loopback or reserved address');
  if (kind === 'not_an_ip' && isInternalName(host)) return refused('names a host that exists only inside a network');
  return { ok: true, url: u.href };
};
