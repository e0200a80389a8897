/** The audit table shared by the tenant's own log and the operator's view of a tenant. */
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { AuditRow } from './AuditRow.js';
import type { AuditPages } from './useAuditPages.js';

const COLUMNS = 7;

export const AuditTable = ({ pages }: { pages: AuditPages }) => {
  const { t } = useI18n();
  const { items, loading, error, hasMore } = pages;
  return (
    <>
      <div className="panel table-panel">
        <table className="table table-audit" data-testid="audit-table">
          <caption className="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="cell-toggle">
                <span className="visually-hidden">
                  {t('audit.before')}/{t('audit.after')}
                </span>
              </th>
              <th scope="col">{t('audit.col.time')}</th>
              <th scope="col">{t('audit.col.actor')}</th>
              <th scope="col">{t('audit.col.action')}</th>
              <th scope="col">{t('audit.col.target')}</th>
              <th scope="col">{t('audit.col.ip')}</th>
              <th scope="col">{t('audit.col.requestId')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <AuditRow key={e.id} entry={e} columns={COLUMNS} />
            ))}
          </tbody>
        </table>
        {!loading && !error && items.length === 0 && <p className="table-state muted">{t('audit.empty')}</p>}
        {loading && (
          <p className="table-state muted" role="status">
            {t('app.loading')}
          </p>
        )}
        {error !== null && (
          <div className="table-state">
            <ErrorBox error={error} onRetry={pages.retry} />
          </div>
        )}
      </div>
      <div className="table-foot">
        {hasMore ? (
          <button type="button" className="btn" onClick={pages.loadMore} disabled={loading} data-testid="audit-load-more">
            {t('audit.loadMore')}
          </button>
        ) : (
          items.length > 0 && <span className="muted">{t('audit.end')}</span>
        )}
      </div>
    </>
  );
};
