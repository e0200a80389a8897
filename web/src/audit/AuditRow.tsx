/** One audit entry; the before/after snapshots open underneath on demand, since most readers scan first. */
import { Fragment, useState } from 'react';
import type { AuditEntry } from '../api/types.js';
import { useI18n } from '../i18n/context.js';

const Snapshot = ({ label, value }: { label: string; value: Record<string, unknown> | null }) => (
  <div className="snapshot">
    <h3>{label}</h3>
    <pre>{value === null ? '—' : JSON.stringify(value, null, 2)}</pre>
  </div>
);

export const AuditRow = ({ entry: e, columns }: { entry: AuditEntry; columns: number }) => {
  const { t, tMaybe, formatDateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const action = tMaybe(`audit.action.${e.action}`, e.action);
  const hasDetail = e.before !== null || e.after !== null;
  const detailId = `audit-detail-${e.id}`;

  return (
    <Fragment>
      <tr data-testid={`audit-row-${e.id}`} className={open ? 'is-open' : undefined}>
        <td className="cell-toggle">
          {hasDetail && (
            <button
              type="button"
              className="btn-icon toggle"
              aria-expanded={open}
              aria-controls={detailId}
              aria-label={t('audit.showDetails', { action })}
              onClick={() => setOpen(!open)}
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          )}
        </td>
        <td className="cell-nowrap">{formatDateTime(e.at)}</td>
        <td>
          <span className="cell-strong">{e.actor.name}</span>
          <span className="cell-sub">{tMaybe(`audit.actor.${e.actor.kind}`, e.actor.kind)}</span>
        </td>
        <td>
          <span>{action}</span>
          <code className="cell-sub">{e.action}</code>
        </td>
        <td>
          <span>{tMaybe(`audit.target.${e.targetType}`, e.targetType)}</span>
          <code className="cell-sub">{e.targetId}</code>
        </td>
        <td className="cell-mono">{e.ip ?? '—'}</td>
        <td className="cell-mono cell-clip" title={e.requestId ?? undefined}>
          {e.requestId ?? '—'}
        </td>
      </tr>
      {open && (
        <tr className="detail-row" id={detailId}>
          <td colSpan={columns}>
            <div className="snapshots">
              <Snapshot label={t('audit.before')} value={e.before} />
              <Snapshot label={t('audit.after')} value={e.after} />
            </div>
          </td>
        </tr>
      )}
    </Fragment>
  );
};
