/** My account: who I am here, and changing my own password (the server then ends my other sessions). */
import { type FormEvent, useState } from 'react';
import { authApi } from '../api/endpoints.js';
import { PASSWORD_MIN } from '../api/types.js';
import { useMe } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { FormActions, TextField } from '../ui/Field.js';
import { PageHeader } from '../ui/PageHeader.js';
import { useSubmit } from '../ui/useSubmit.js';

export const AccountScreen = () => {
  const me = useMe();
  const { t, tMaybe } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, run, clearError } = useSubmit();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    clearError();
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    // The form stays on screen after success, so it is enabled again (settle).
    await run(
      async () => {
        await authApi.changePassword(current, next);
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone(true);
      },
      { settle: true },
    );
  };

  return (
    <section className="page" data-testid="screen-account">
      <PageHeader title={t('account.title')} />
      <div className="panel">
        <dl className="facts">
          <dt>{t('common.displayName')}</dt>
          <dd>{me.displayName}</dd>
          <dt>{t('common.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('common.role')}</dt>
          <dd>{tMaybe(`role.${me.role}`, me.role)}</dd>
          <dt>{t('account.organization')}</dt>
          <dd>
            {me.tenantName} <code>{me.tenantSlug}</code>
          </dd>
        </dl>
      </div>
      <form className="panel form-panel form-narrow" onSubmit={submit} noValidate>
        <h2 className="panel-title">{t('account.changePassword')}</h2>
        {done && (
          <p className="alert alert-success" role="status">
            {t('account.changed')}
          </p>
        )}
        {mismatch && (
          <p className="alert alert-error" role="alert">
            {t('account.mismatch')}
          </p>
        )}
        <ErrorBox error={error} />
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <TextField label={t('account.current')} type="password" value={current} onChange={setCurrent} autoComplete="current-password" />
        <TextField
          label={t('account.new')}
          type="password"
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          hint={t('account.passwordHint', { n: PASSWORD_MIN })}
        />
        <TextField label={t('account.repeat')} type="password" value={repeat} onChange={setRepeat} autoComplete="new-password" />
        <FormActions>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('account.changePassword')}
          </button>
        </FormActions>
      </form>
    </section>
  );
};
