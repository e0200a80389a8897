/** One user in the table, with the changes an administrator makes in place. */
import type { UserPatch } from '../api/endpoints.js';
import { TENANT_ROLES, type TenantRole, type User } from '../api/types.js';
import { type Say, useI18n } from '../i18n/context.js';
import { Badge } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { RoleEditor } from './RoleEditor.js';

interface Props {
  readonly user: User;
  readonly isSelf: boolean;
  readonly canManage: boolean;
  readonly busy: boolean;
  /** Runs a change; the screen owns busy state, errors and the success notice. */
  readonly onChange: (user: User, patch: UserPatch, message: Say) => void;
  readonly onResetPassword: (user: User) => void;
}

const hasTenantRole = (u: User): u is User & { readonly role: TenantRole } => (TENANT_ROLES as readonly string[]).includes(u.role);

export const UserRow = ({ user, isSelf, canManage, busy, onChange, onResetPassword }: Props) => {
  const { t, tMaybe, formatDate, formatDateTime } = useI18n();
  const roleName = (r: string) => tMaybe(`role.${r}`, r);
  const name = user.displayName;

  return (
    <tr data-testid={`user-row-${user.email}`} className={user.status === 'disabled' ? 'is-dimmed' : undefined}>
      <td className="cell-name">
        <span className="cell-strong">{name}</span>
        {isSelf && <span className="tag">{t('common.you')}</span>}
        {/* Repeated under the name for narrow screens, where the email column is hidden. */}
        <span className="cell-sub cell-mono narrow-only">{user.email}</span>
      </td>
      <td className="cell-mono wide-only">{user.email}</td>
      <td>
        {canManage && hasTenantRole(user) ? (
          <RoleEditor
            user={user}
            busy={busy}
            onSave={(role) => onChange(user, { role }, (i) => i.t('users.roleChanged', { name, role: i.tMaybe(`role.${role}`, role) }))}
          />
        ) : (
          roleName(user.role)
        )}
      </td>
      <td>
        <Badge tone={user.status === 'active' ? 'green' : 'grey'}>{t(`status.${user.status}`)}</Badge>
      </td>
      <td className="cell-nowrap" title={formatDateTime(user.createdAt)}>
        {formatDate(user.createdAt)}
      </td>
      {canManage && (
        <td className="cell-actions">
          {user.status === 'active' ? (
            <ConfirmButton
              label={t('users.disable')}
              busy={busy}
              testId={`user-disable-${user.email}`}
              onConfirm={() => onChange(user, { status: 'disabled' }, (i) => i.t('users.disabledMsg', { name }))}
            />
          ) : (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              data-testid={`user-enable-${user.email}`}
              onClick={() => onChange(user, { status: 'active' }, (i) => i.t('users.enabledMsg', { name }))}
            >
              {t('users.enable')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            data-testid={`user-reset-${user.email}`}
            onClick={() => onResetPassword(user)}
          >
            {t('users.resetPassword')}
          </button>
        </td>
      )}
    </tr>
  );
};
