/** The languages the app speaks, how the first one is chosen, and where the choice is kept. */
import { en, type MessageKey, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language names itself in its own script, so a reader of either can find theirs. */
export const LANGUAGE_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

export const DICTIONARIES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export const STORAGE_KEY = 'kefu.lang';

const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

const readStored = (): Lang | null => {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    // Storage can be disabled (private mode, policies); the browser language still works.
    return null;
  }
};

export const storeLang = (lang: Lang): void => {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable: the choice still holds for this page.
  }
};

export const initialLang = (): Lang => readStored() ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

export type Vars = Readonly<Record<string, string | number>>;

export const translate = (lang: Lang, key: MessageKey, vars?: Vars): string => {
  const text = DICTIONARIES[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
};

/** Keys built at run time (role names, audit actions) are checked here instead of trusted. */
export const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(en, k);
