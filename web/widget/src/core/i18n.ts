/** The widget's two languages, how the first one is chosen, and the lookup with `{name}` slots. */
import { en, type StringKey, type Strings } from './strings-en.js';
import { zhCN } from './strings-zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type { StringKey };

const DICTIONARIES: Record<Locale, Strings> = { 'zh-CN': zhCN, en };

/** Maps any BCP 47 tag to a locale the widget speaks: zh-* is Chinese, anything else English. */
export const toLocale = (tag: string | null | undefined): Locale | null => {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === '') return null;
  return t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_') ? 'zh-CN' : 'en';
};

/** The visitor's own earlier choice wins, then the host page's data-locale, then the browser. */
export const pickLocale = (stored: string | null, attribute: string | null, browser: string | null): Locale =>
  (stored && (LOCALES as readonly string[]).includes(stored) ? (stored as Locale) : null) ??
  toLocale(attribute) ??
  toLocale(browser) ??
  'en';

export const otherLocale = (l: Locale): Locale => (l === 'en' ? 'zh-CN' : 'en');

export type Vars = Readonly<Record<string, string | number>>;

export const translate = (locale: Locale, key: StringKey, vars?: Vars): string => {
  const text = DICTIONARIES[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
};

/** A label chosen by the tenant per language ({ 'zh-CN', en }); falls back to the other language. */
export const localLabel = (label: Readonly<Partial<Record<string, string>>> | null | undefined, locale: Locale): string =>
  label?.[locale] || label?.[otherLocale(locale)] || '';
