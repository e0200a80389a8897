/**
 * The language switcher: a native select whose accessible name is the same in every language
 * ("语言 / Language"), so people and tests can find it whichever language is showing.
 */
import { useI18n } from '../i18n/context.js';
import { LANGUAGE_NAMES, LANGUAGES, type Lang } from '../i18n/languages.js';

export const LANG_SWITCH_NAME = '语言 / Language';

export const LanguageSwitch = ({ className }: { className?: string }) => {
  const { lang, setLang } = useI18n();
  return (
    <label className={`lang-switch ${className ?? ''}`}>
      <span className="lang-switch-icon" aria-hidden="true">
        文A
      </span>
      <select value={lang} aria-label={LANG_SWITCH_NAME} data-testid="lang-switch" onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
};
