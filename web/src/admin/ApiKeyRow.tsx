/** One API key in the table. Revoked keys stay listed (dimmed) so their past use can still be traced. */
import type { ApiKey } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Badge } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';

interface Props {
  readonly apiKey: ApiKey;
  readonly canManage: boolean;
  readonly busy: boolean;
  readonly onRevoke: (k: ApiKey) => void;
}

export const ApiKeyRow = ({ apiKey: k, canManage, busy, onRevoke }: Props) => {
  const { t, tMaybe, formatDateTime } = useI18n();
  return (
    <tr data-testid={`apikey-row-${k.name}`} className={k.revokedAt !== null ? 'is-dimmed' : undefined}>
      <td className="cell-strong">{k.name}</td>
      <td>
        <ul className="chip-list">
          {k.permissions.map((p) => (
            <li key={p} className="chip" title={p}>
              {tMaybe(`perm.${p}`, p)}
            </li>
          ))}
        </ul>
      </td>
      <td className="cell-nowrap">{formatDateTime(k.createdAt)}</td>
      <td className="cell-nowrap">
        {k.lastUsedAt === null ? <span className="muted">{t('common.never')}</span> : formatDateTime(k.lastUsedAt)}
      </td>
      <td className="cell-nowrap">{k.revokedAt === null ? <Badge tone="green">{t('keys.active')}</Badge> : formatDateTime(k.revokedAt)}</td>
      {canManage && (
        <td className="cell-actions">
          {k.revokedAt === null && (
            <ConfirmButton
              label={t('keys.revoke')}
              ariaLabel={`${t('keys.revoke')} ${k.name}`}
              busy={busy}
              testId={`apikey-revoke-${k.name}`}
              onConfirm={() => onRevoke(k)}
            />
          )}
        </td>
      )}
    </tr>
  );
};
