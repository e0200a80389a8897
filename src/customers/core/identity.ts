/**
 * Customer identities: the handles by which a channel knows a customer (a phone number, an email,
 * a web visitor id, an app user id, a WeChat openid). Each is normalised to one canonical text so
 * that the same person arriving on two channels, or typing a number two ways, meets one profile.
 */
import { AppError, type ErrorDetail, err, ok, type Result } from '../../kernel/index.js';

export const IDENTITY_KINDS = ['phone', 'email', 'web_visitor', 'app_user', 'wechat_openid'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface Identity {
  readonly kind: IdentityKind;
  readonly value: string;
}

/** What callers send: the kind is checked here too, because not every caller comes through HTTP. */
export interface IdentityInput {
  readonly kind: string;
  readonly value: string;
}

/** At most this many identities in one request (create, resolve). */
export const MAX_IDENTITIES_PER_REQUEST = 10;
/** Longest raw value accepted for any kind (an email may be 254 characters). */
export const IDENTITY_VALUE_MAX = 254;

export const isIdentityKind = (s: string): s is IdentityKind => (IDENTITY_KINDS as readonly string[]).includes(s);

export const identityKey = (i: Identity): string => `${i.kind}:${i.value}`;

// Separators people and gateways put into phone numbers; none of them carries meaning.
const PHONE_SEPARATORS = /[\s\u00a0\-().\u2010-\u2015]/g;
const E164 = /^\+[1-9]\d{5,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const OPAQUE = /^[\x21-\x7e]{1,128}$/;
const WECHAT_OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * A phone number in international form: '+', a country code, 6 to 15 digits in all. A leading
 * '00' is the international prefix; digits without '+' are taken as already international (what SMS
 * gateways send). A leading 0 is a national trunk prefix: without the country it cannot be resolved.
 */
const normalisePhone = (raw: string): Result<string, string> => {
  let s = raw.trim().replace(PHONE_SEPARATORS, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  else if (!s.startsWith('+')) s = `+${s}`;
  if (s.startsWith('+0')) return err('must include the country code (a national number starting with 0 is ambiguous)');
  return E164.test(s) ? ok(s) : err("must be a phone number in international form: '+', country code and number, 6 to 15 digits");
};

const normaliseEmail = (raw: string): Result<string, string> => {
  const s = raw.trim().toLowerCase();
  return s.length <= 254 && EMAIL.test(s) ? ok(s) : err('must be an email address');
};

const normaliseOpaque = (raw: string, pattern: RegExp, issue: string): Result<string, string> => {
  const s = raw.trim();
  return pattern.test(s) ? ok(s) : err(issue);
};

/** The canonical form of one identity, or the reason it is not one. */
export const normaliseIdentity = (kind: string, raw: string): Result<Identity, string> => {
  if (!isIdentityKind(kind)) return err(`kind must be one of ${IDENTITY_KINDS.join(', ')}`);
  if (raw.length > IDENTITY_VALUE_MAX) return err(`must be at most ${IDENTITY_VALUE_MAX} characters`);
  const value = ((): Result<string, string> => {
    switch (kind) {
      case 'phone':
        return normalisePhone(raw);
      case 'email':
        return normaliseEmail(raw);
      case 'wechat_openid':
        return normaliseOpaque(raw, WECHAT_OPENID, 'must be a WeChat openid: 6 to 64 letters, digits, _ or -');
      case 'web_visitor':
      case 'app_user':
        return normaliseOpaque(raw, OPAQUE, 'must be 1 to 128 visible ASCII characters without spaces');
    }
  })();
  return value.ok ? ok({ kind, value: value.value }) : value;
};

/**
 * Normalises a list, naming each bad entry by its position under `field` (e.g. body.identities).
 * Entries that normalise to the same identity collapse into one, keeping the first position.
 */
export const normaliseIdentities = (inputs: readonly IdentityInput[], field: string, min = 0): Result<Identity[], AppError> => {
  if (inputs.length < min || inputs.length > MAX_IDENTITIES_PER_REQUEST) {
    return err(
      new AppError('VALIDATION_FAILED', undefined, [{ field, issue: `must hold ${min} to ${MAX_IDENTITIES_PER_REQUEST} identities` }]),
    );
  }
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const out: Identity[] = [];
  inputs.forEach((input, i) => {
    const r = normaliseIdentity(input.kind, input.value);
    if (!r.ok) {
      details.push({ field: `${field}.${i}.${isIdentityKind(input.kind) ? 'value' : 'kind'}`, issue: r.error });
      return;
    }
    if (seen.has(identityKey(r.value))) return;
    seen.add(identityKey(r.value));
    out.push(r.value);
  });
  return details.length > 0 ? err(new AppError('VALIDATION_FAILED', undefined, details)) : ok(out);
};

/** One identity or a VALIDATION_FAILED naming `field`. */
export const normaliseOneIdentity = (input: IdentityInput, field: string): Result<Identity, AppError> => {
  const r = normaliseIdentity(input.kind, input.value);
  if (r.ok) return r;
  const where = isIdentityKind(input.kind) ? `${field}.value` : `${field}.kind`;
  return err(new AppError('VALIDATION_FAILED', undefined, [{ field: where, issue: r.error }]));
};

/**
 * The prefixes a free-text search should try against identity values: the text as typed, its
 * lower-case form (emails are stored lower-case) and, when it looks like a phone number, the
 * canonical phone prefix (so "138 0013" finds "+861380013...": the caller may omit the '+').
 */
export const identitySearchPrefixes = (query: string): string[] => {
  const q = query.trim();
  if (q === '') return [];
  const out = new Set<string>([q, q.toLowerCase()]);
  const digits = q.replace(PHONE_SEPARATORS, '');
  if (/^(\+|00)?\d{3,15}$/.test(digits)) {
    const bare = digits.replace(/^(\+|00)/, '');
    out.add(`+${bare}`);
  }
  return [...out];
};
