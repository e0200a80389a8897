/** The form that mints an API key. Only permissions the admin holds can be ticked: the server refuses the rest. */
import { type FormEvent, useState } from 'react';
import { apiKeysApi } from '../api/endpoints.js';
import { API_KEY_PERMISSIONS, type ApiKeyPermission, type CreatedApiKey } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { FormActions, TextField } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';

interface Props {
  readonly held: readonly string[];
  readonly onCreated: (c: CreatedApiKey) => void;
  readonly onCancel: () => void;
}

export const ApiKeyCreateForm = ({ held, onCreated, onCancel }: Props) => {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<ReadonlySet<ApiKeyPermission>>(new Set());
  const { busy, error, run } = useSubmit();
  const [needPerm, setNeedPerm] = useState(false);

  const toggle = (p: ApiKeyPermission, on: boolean) => {
    const next = new Set(perms);
    if (on) next.add(p);
    else next.delete(p);
    setPerms(next);
    setNeedPerm(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A key without permissions can do nothing; say so before asking the server.
    if (perms.size === 0) {
      setNeedPerm(true);
      return;
    }
    // Sent in catalogue order, so the stored list reads the same way every time.
    await run(async () =>
      onCreated(
        await apiKeysApi.create(
          name.trim(),
          API_KEY_PERMISSIONS.filter((p) => perms.has(p)),
        ),
      ),
    );
  };

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate data-testid="apikey-create-form">
      <h2 className="panel-title">{t('keys.new')}</h2>
      <ErrorBox error={error} testId="apikey-create-error" />
      <div className="form-grid">
        <TextField
          label={t('keys.name')}
          value={name}
          onChange={setName}
          hint={t('keys.nameHint')}
          testId="apikey-create-name"
          maxLength={100}
          autoFocus
        />
        <fieldset className="field checkbox-group" aria-describedby={needPerm ? 'apikey-need-perm' : undefined}>
          <legend>{t('keys.permissions')}</legend>
          {API_KEY_PERMISSIONS.map((p) => (
            <label key={p} className={`checkbox${held.includes(p) ? '' : ' is-disabled'}`}>
              <input
                type="checkbox"
                checked={perms.has(p)}
                disabled={!held.includes(p)}
                onChange={(e) => toggle(p, e.target.checked)}
                data-testid={`apikey-perm-${p}`}
              />
              <span>{t(`perm.${p}`)}</span>
              <code>{p}</code>
            </label>
          ))}
          {needPerm && (
            <p className="field-error" id="apikey-need-perm" role="alert">
              {t('keys.needPermission')}
            </p>
          )}
        </fieldset>
      </div>
      <FormActions>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="apikey-create-submit">
          {busy ? t('common.saving') : t('keys.create.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  );
};
