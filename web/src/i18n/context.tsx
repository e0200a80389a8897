/** The language context: current language, a translate function and locale-aware date formatting. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MessageKey } from './en.js';
import { initialLang, isMessageKey, type Lang, storeLang, translate, type Vars } from './languages.js';

export interface I18n {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly t: (key: MessageKey, vars?: Vars) => string;
  /** Translates a key built at run time, or returns the fallback when no such key exists. */
  readonly tMaybe: (key: string, fallback: string, vars?: Vars) => string;
  readonly formatDateTime: (epochMs: number) => string;
  readonly formatDate: (epochMs: number) => string;
}

/** A message composed later, so it re-renders in the new language if the reader switches. */
export type Say = (i18n: I18n) => string;

const I18nContext = createContext<I18n | null>(null);

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    // Screen readers and the browser's own UI (spell-check, fonts) follow <html lang>.
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTimeFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      tMaybe: (key, fallback, vars) => (isMessageKey(key) ? translate(lang, key, vars) : fallback),
      formatDateTime: (ms) => dateTimeFmt.format(new Date(ms)),
      formatDate: (ms) => dateFmt.format(new Date(ms)),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
};
