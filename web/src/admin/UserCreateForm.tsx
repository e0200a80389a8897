/** The "New user" form. It keeps what was typed when the server refuses, so only the error needs fixing. */
import { type FormEvent, useState } from 'react';
import { usersApi } from '../api/endpoints.js';
import { PASSWORD_MIN, TENANT_ROLES, type TenantRole, type User } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { FormActions, SelectField, TextField } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';

interface Props {
  readonly onCreated: (u: User) => void;
  readonly onCancel: () => void;
}

export const UserCreateForm = ({ onCreated, onCancel }: Props) => {
  const { t } = useI18n();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TenantRole>('agent');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => onCreated(await usersApi.create({ displayName: displayName.trim(), email: email.trim(), role, password })));
  };

  return (
    <form className="panel form-panel" onSubmit={submit} data-testid="user-create-form" noValidate>
      <h2 className="panel-title">{t('users.new')}</h2>
      <ErrorBox error={error} testId="user-create-error" />
      <div className="form-grid">
        <TextField
          label={t('common.displayName')}
          value={displayName}
          onChange={setDisplayName}
          testId="user-create-displayname"
          maxLength={120}
          autoFocus
        />
        <TextField label={t('common.email')} type="email" value={email} onChange={setEmail} testId="user-create-email" maxLength={254} />
        <SelectField
          label={t('common.role')}
          value={role}
          onChange={setRole}
          testId="user-create-role"
          options={TENANT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <TextField
          label={t('common.initialPassword')}
          type="password"
          value={password}
          onChange={setPassword}
          testId="user-create-password"
          autoComplete="new-password"
          hint={t('common.passwordHint', { n: PASSWORD_MIN })}
        />
      </div>
      <FormActions>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="user-create-submit">
          {busy ? t('common.saving') : t('users.create.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  );
};
