/**
 * Origins a widget may be embedded on. An origin is scheme, host and port only (what a browser
 * sends in the Origin header), compared exactly after lower-casing.
 */
const ORIGIN =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;

/** The canonical form of an origin, or null when the text is not one (a path, a query, a wildcard). */
export const normaliseOrigin = (raw: string): string | null => {
  const v = raw.trim().toLowerCase().replace(/\/$/, '');
  return ORIGIN.test(v) ? v : null;
};

/** An absent Origin (same-origin navigation, server-side callers) is not a cross-site request. */
export const originAllowed = (origin: string | null, own: string, allowed: readonly string[]): boolean => {
  if (origin === null) return true;
  const o = origin.toLowerCase();
  return o === own.toLowerCase() || allowed.includes(o);
};
