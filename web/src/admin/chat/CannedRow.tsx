/** One canned response in the table. */
import type { CannedResponse } from '../../api/types.js';
import { useI18n } from '../../i18n/context.js';
import { ConfirmButton } from '../../ui/ConfirmButton.js';

interface Props {
  readonly canned: CannedResponse;
  readonly canManage: boolean;
  readonly busy: boolean;
  readonly onEdit: (c: CannedResponse) => void;
  readonly onDelete: (c: CannedResponse) => void;
}

export const CannedRow = ({ canned: c, canManage, busy, onEdit, onDelete }: Props) => {
  const { t, formatDateTime } = useI18n();
  return (
    <tr data-testid={`canned-row-${c.shortcut}`}>
      <td className="cell-nowrap">
        <code className="canned-shortcut">/{c.shortcut}</code>
      </td>
      <td className="cell-strong cell-name">{c.title}</td>
      <td>
        <p className="canned-body-cell">{c.body}</p>
      </td>
      <td className="cell-nowrap">{c.updatedAt ? formatDateTime(c.updatedAt) : ''}</td>
      {canManage && (
        <td className="cell-actions">
          <span className="row-actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={() => onEdit(c)}
              aria-label={`${t('canned.edit')} /${c.shortcut}`}
              data-testid={`canned-edit-${c.shortcut}`}
            >
              {t('canned.edit')}
            </button>
            <ConfirmButton
              label={t('canned.delete')}
              ariaLabel={`${t('canned.delete')} /${c.shortcut}`}
              busy={busy}
              testId={`canned-delete-${c.shortcut}`}
              onConfirm={() => onDelete(c)}
            />
          </span>
        </td>
      )}
    </tr>
  );
};
