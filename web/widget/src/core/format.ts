/** Human figures for the widget: wait estimates and file sizes, in the visitor's language. */
import { type Locale, translate } from './i18n.js';

/** Waits are rounded up to whole minutes: promising less than the estimate disappoints. */
export const formatWait = (ms: number, locale: Locale): string => {
  if (ms < 60_000) return translate(locale, 'wait.soon');
  return translate(locale, 'wait.minutes', { n: Math.ceil(ms / 60_000) });
};

export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
};

/** Initials for an avatar: the first letter of up to two words, or the first character of a Chinese name. */
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]/;

export const initials = (name: string | null): string => {
  const n = (name ?? '').trim();
  if (n === '') return '';
  // A Chinese name is shown by its first character (usually the family name), as in 李 for 李伟 Li Wei.
  if (CJK.test(n)) return n[0] ?? '';
  const words = n.split(/\s+/).filter(Boolean);
  if (words.length > 1) return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase();
  return Array.from(n)[0]?.toUpperCase() ?? '';
};
