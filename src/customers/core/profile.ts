/**
 * Rules of a customer profile's own fields: the display name, tags (a small set of labels),
 * attributes (a bounded object of scalar values an integration may keep on the profile) and consent
 * (which channels the customer agreed to be contacted on, and when that last changed).
 */
import { AppError, type ErrorDetail, err, ok, type Result } from '../../kernel/index.js';
import type { Identity } from './identity.js';

export const DISPLAY_NAME_MAX = 120;
export const MAX_TAGS = 50;
export const TAG_MAX = 40;
export const MAX_ATTRIBUTES = 50;
export const ATTRIBUTE_KEY_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]{0,63}$';
export const ATTRIBUTE_STRING_MAX = 500;
/** The JSON text of all attributes together; keeps one profile row small. */
export const ATTRIBUTES_MAX_BYTES = 8192;

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;
/** A patch: a value sets the key, null removes it, an absent key is left alone. */
export type AttributesPatch = Readonly<Record<string, AttributeValue | null>>;

export const CONSENT_CHANNELS = ['marketing', 'sms', 'email', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type Consent = Readonly<Record<ConsentChannel, boolean>> & { readonly updatedAt: number | null };
export type ConsentPatch = Readonly<Partial<Record<ConsentChannel, boolean>>>;

/** Nobody has agreed to anything until they say so. */
export const NO_CONSENT: Consent = { marketing: false, sms: false, email: false, phone: false, updatedAt: null };

const ATTRIBUTE_KEY = new RegExp(ATTRIBUTE_KEY_PATTERN);
const CONTROL = /\p{Cc}/u;

const invalid = (details: ErrorDetail[]) => err(new AppError('VALIDATION_FAILED', undefined, details));

export const normaliseDisplayName = (raw: string, field: string): Result<string, AppError> => {
  const s = raw.trim();
  if (s.length === 0 || s.length > DISPLAY_NAME_MAX || CONTROL.test(s))
    return invalid([{ field, issue: `must be 1 to ${DISPLAY_NAME_MAX} characters without control characters` }]);
  return ok(s);
};

/** The lower-case form a name is searched by. */
export const searchNameOf = (displayName: string): string => displayName.trim().toLowerCase();

/** A name for a customer first met through an identity, until someone gives a better one. */
export const defaultDisplayName = (identities: readonly Identity[]): string => {
  const first = identities.find((i) => i.kind === 'phone' || i.kind === 'email') ?? identities[0];
  if (!first) return 'Customer';
  if (first.kind === 'phone' || first.kind === 'email') return first.value;
  return `Customer ${first.value.slice(-6)}`;
};

/** Tags are a set: trimmed, lower-cased, unique, sorted, so two spellings never make two tags. */
export const normaliseTags = (raw: readonly string[], field: string): Result<string[], AppError> => {
  const details: ErrorDetail[] = [];
  const set = new Set<string>();
  raw.forEach((t, i) => {
    const s = t.trim().toLowerCase();
    if (s.length === 0 || s.length > TAG_MAX || CONTROL.test(s)) {
      details.push({ field: `${field}.${i}`, issue: `must be 1 to ${TAG_MAX} characters without control characters` });
      return;
    }
    set.add(s);
  });
  if (set.size > MAX_TAGS) details.push({ field, issue: `must hold at most ${MAX_TAGS} tags` });
  return details.length > 0 ? invalid(details) : ok([...set].sort());
};

const attributeIssue = (key: string, value: AttributeValue | null): string | null => {
  if (!ATTRIBUTE_KEY.test(key)) return `name must match ${ATTRIBUTE_KEY_PATTERN}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  if (typeof value === 'string' && value.length > ATTRIBUTE_STRING_MAX) return `must be at most ${ATTRIBUTE_STRING_MAX} characters`;
  return null;
};

/** Checks the bounds of a whole attribute object (count and size), naming `field`. */
export const checkAttributeBounds = (attrs: Attributes, field: string): Result<Attributes, AppError> => {
  if (Object.keys(attrs).length > MAX_ATTRIBUTES) return invalid([{ field, issue: `must hold at most ${MAX_ATTRIBUTES} attributes` }]);
  if (new TextEncoder().encode(JSON.stringify(attrs)).length > ATTRIBUTES_MAX_BYTES)
    return invalid([{ field, issue: `must be at most ${ATTRIBUTES_MAX_BYTES} bytes as JSON` }]);
  return ok(attrs);
};

/** Applies a patch (null removes a key) and checks every key, value and the bounds of the result. */
export const applyAttributesPatch = (current: Attributes, patch: AttributesPatch, field: string): Result<Attributes, AppError> => {
  const details: ErrorDetail[] = [];
  const next = new Map<string, AttributeValue>(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    const issue = attributeIssue(key, value);
    if (issue) details.push({ field: `${field}.${key}`, issue });
    else if (value === null) next.delete(key);
    else next.set(key, value);
  }
  if (details.length > 0) return invalid(details);
  return checkAttributeBounds(Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), field);
};

/** Applies a consent patch; the time moves only when a flag really changes. */
export const applyConsent = (current: Consent, patch: ConsentPatch, now: number): Consent => {
  const changed = CONSENT_CHANNELS.some((c) => patch[c] !== undefined && patch[c] !== current[c]);
  if (!changed) return current;
  const next = { ...current, updatedAt: now };
  for (const c of CONSENT_CHANNELS) {
    const v = patch[c];
    if (v !== undefined) next[c] = v;
  }
  return next;
};

export const sameAttributes = (a: Attributes, b: Attributes): boolean => JSON.stringify(a) === JSON.stringify(b);
export const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);
