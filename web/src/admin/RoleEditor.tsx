/**
 * Changing a role takes a deliberate Save: a role change signs the user out everywhere, and a
 * select that saved on every change would fire once per arrow key on some platforms.
 */
import { useState } from 'react';
import { TENANT_ROLES, type TenantRole, type User } from '../api/types.js';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly user: User & { readonly role: TenantRole };
  readonly busy: boolean;
  readonly onSave: (role: TenantRole) => void;
}

export const RoleEditor = ({ user, busy, onSave }: Props) => {
  const { t } = useI18n();
  const [pending, setPending] = useState<TenantRole | null>(null);
  const shown = pending ?? user.role;
  const dirty = pending !== null && pending !== user.role;

  return (
    <span className="role-editor">
      <select
        className="select-inline"
        value={shown}
        disabled={busy}
        aria-label={t('users.roleOf', { name: user.displayName })}
        data-testid={`user-role-${user.email}`}
        onChange={(e) => setPending(e.target.value as TenantRole)}
      >
        {TENANT_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      {dirty && (
        <>
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            data-testid={`user-role-save-${user.email}`}
            onClick={() => {
              setPending(null);
              onSave(shown);
            }}
          >
            {t('common.save')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setPending(null)}>
            {t('common.cancel')}
          </button>
        </>
      )}
    </span>
  );
};
