/** Creates an organisation together with its first administrator, who can sign in straight away. */
import { type FormEvent, useState } from 'react';
import { tenantsApi } from '../api/endpoints.js';
import { type CreatedTenant, PASSWORD_MIN } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { FormActions, TextField } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';

export const TenantCreateForm = ({ onCreated, onCancel }: { onCreated: (c: CreatedTenant) => void; onCancel: () => void }) => {
  const { t } = useI18n();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () =>
      onCreated(
        await tenantsApi.create({
          slug: slug.trim(),
          name: name.trim(),
          admin: { email: email.trim(), displayName: displayName.trim(), password },
        }),
      ),
    );
  };

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate data-testid="tenant-create-form">
      <h2 className="panel-title">{t('tenants.new')}</h2>
      <ErrorBox error={error} testId="tenant-create-error" />
      <div className="form-grid">
        <TextField
          label={t('tenants.slug')}
          value={slug}
          onChange={(v) => setSlug(v.toLowerCase())}
          hint={t('tenants.slugHint')}
          testId="tenant-create-slug"
          maxLength={40}
          autoFocus
        />
        <TextField label={t('tenants.name')} value={name} onChange={setName} testId="tenant-create-name" maxLength={120} />
      </div>
      <h3 className="form-section">{t('tenants.firstAdmin')}</h3>
      <div className="form-grid">
        <TextField
          label={t('common.displayName')}
          value={displayName}
          onChange={setDisplayName}
          testId="tenant-create-admin-name"
          maxLength={120}
        />
        <TextField
          label={t('common.email')}
          type="email"
          value={email}
          onChange={setEmail}
          testId="tenant-create-admin-email"
          maxLength={254}
        />
        <TextField
          label={t('common.initialPassword')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('common.passwordHint', { n: PASSWORD_MIN })}
          testId="tenant-create-admin-password"
        />
      </div>
      <FormActions>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="tenant-create-submit">
          {busy ? t('common.saving') : t('tenants.create.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  );
};
