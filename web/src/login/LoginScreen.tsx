/** The log-in screen: organisation (empty for platform operators), email and password. */
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Me } from '../api/types.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { BrandMark } from '../shell/BrandMark.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { useSubmit } from '../ui/useSubmit.js';

const LAST_ORG_KEY = 'kefu.lastOrganization';

// Remembering the organisation saves typing it on every log-in; it is not a secret.
const readLastOrg = (): string => {
  try {
    return window.localStorage.getItem(LAST_ORG_KEY) ?? '';
  } catch {
    return '';
  }
};

const rememberOrg = (org: string): void => {
  try {
    window.localStorage.setItem(LAST_ORG_KEY, org);
  } catch {
    // Nothing lost but convenience.
  }
};

export const LoginScreen = ({ sessionEnded, onSignedIn }: { sessionEnded: boolean; onSignedIn: (me: Me) => void }) => {
  const { t } = useI18n();
  const { login } = useSession();
  const [organization, setOrganization] = useState(readLastOrg);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const ids = { org: useId(), email: useId(), password: useId() };

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(async () => {
      const me = await login({ organization, email, password });
      rememberOrg(organization.trim());
      onSignedIn(me);
    });
    // A failed attempt clears the password so the next try starts from a clean field.
    if (!ok) setPassword('');
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <BrandMark size={40} />
          <div>
            <p className="login-product">{t('app.name')}</p>
            <p className="login-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1 className="login-title">{t('login.title')}</h1>
        {sessionEnded && !error && (
          <div className="alert alert-info" role="status">
            {t('login.sessionEnded')}
          </div>
        )}
        <ErrorBox error={error} testId="login-error" />
        <form onSubmit={submit} className="login-form" noValidate>
          <div className="field">
            <label htmlFor={ids.org}>
              {t('login.organization')} <span className="field-optional">({t('common.optional')})</span>
            </label>
            <input
              id={ids.org}
              data-testid="login-organization"
              value={organization}
              onChange={(e) => setOrganization(e.target.value)}
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              aria-describedby={`${ids.org}-hint`}
            />
            <p className="field-hint" id={`${ids.org}-hint`}>
              {t('login.organizationHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={ids.email}>{t('login.email')}</label>
            <input
              id={ids.email}
              data-testid="login-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="username"
              required
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('login.password')}</label>
            <input
              id={ids.password}
              data-testid="login-password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </div>
          <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
      <footer className="login-footer">{t('app.footer')}</footer>
    </div>
  );
};
