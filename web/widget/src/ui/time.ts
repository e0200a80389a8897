/** Message timestamps in the visitor's language: the time today, the date too on older days. */
import type { Locale } from '../core/i18n.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

const fmt = (locale: Locale, withDate: boolean): Intl.DateTimeFormat => {
  const k = `${locale}|${withDate}`;
  let f = formatters.get(k);
  if (!f) {
    // 'numeric' hours read "9:52 PM" in English and "21:52" in Chinese.
    const time = { hour: 'numeric', minute: '2-digit' } as const;
    f = new Intl.DateTimeFormat(locale, withDate ? { month: 'short', day: 'numeric', ...time } : time);
    formatters.set(k, f);
  }
  return f;
};

export const formatTime = (at: number, locale: Locale, now: number = Date.now()): string => {
  if (!at) return '';
  const d = new Date(at);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return fmt(locale, !sameDay).format(d);
};

export const isoTime = (at: number): string => (at ? new Date(at).toISOString() : '');
