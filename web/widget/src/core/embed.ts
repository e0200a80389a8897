/**
 * What the host page tells the widget: the kefu origin (taken from the script's own src, so one tag
 * works on any site), the widget's public key, an optional locale, and an optional signed identity
 * set before the script as `window.kefuSettings = { user: { id, timestamp, signature } }`.
 */
import type { Identity } from './prechat.js';

export interface Embed {
  readonly origin: string;
  readonly key: string;
  readonly locale: string | null;
  readonly identity: Identity | null;
  /** Shown pre-filled in the form when the host page knows the visitor. */
  readonly prefill: { readonly name: string; readonly email: string };
}

const KEY = /^[A-Za-z0-9_.-]{4,128}$/;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

export const readIdentity = (settings: unknown): Identity | null => {
  if (!isRec(settings) || !isRec(settings.user)) return null;
  const u = settings.user;
  const userId = text(u.id);
  const signature = text(u.signature);
  // Seconds or milliseconds since 1970, as a whole number (the server refuses anything else).
  const raw = text(u.timestamp);
  const timestamp = /^\d{1,14}$/.test(raw) ? Number(raw) : null;
  return userId && signature && timestamp !== null ? { userId, timestamp, signature } : null;
};

/** Null when the tag is unusable (no key, the demo placeholder left in, or a src we cannot parse). */
export const readEmbed = (
  scriptSrc: string | null,
  pageHref: string,
  key: string | null,
  locale: string | null,
  settings: unknown,
): Embed | null => {
  if (!key || !KEY.test(key)) return null;
  let origin: string;
  try {
    origin = new URL(scriptSrc || pageHref, pageHref).origin;
  } catch {
    return null;
  }
  if (origin === 'null') return null;
  const user = isRec(settings) && isRec(settings.user) ? settings.user : {};
  return {
    origin,
    key,
    locale: locale || null,
    identity: readIdentity(settings),
    prefill: { name: text(user.name).slice(0, 80), email: text(user.email).slice(0, 254) },
  };
};

/** ws: or wss: to the same host as the http(s) origin. */
export const socketUrl = (origin: string, path: string): string => `${origin.replace(/^http/, 'ws')}${path}`;
