/** What a table shows besides rows: loading, a failed load with retry, or an empty message. */
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from './ErrorBox.js';
import type { Loaded } from './useLoad.js';

export const TableState = <T,>({ loaded, empty, emptyText }: { loaded: Loaded<T>; empty: boolean; emptyText: string }) => {
  const { t } = useI18n();
  if (loaded.error) {
    return (
      <div className="table-state">
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }
  if (loaded.loading && loaded.data === null) {
    return (
      <p className="table-state muted" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return empty ? <p className="table-state muted">{emptyText}</p> : null;
};
