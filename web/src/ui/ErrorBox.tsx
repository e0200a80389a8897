/** An API failure shown where it happened, in the reader's language, with field-level details. */
import { type Say, useI18n } from '../i18n/context.js';
import { describeError } from '../i18n/errors.js';

export const ErrorBox = ({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) => {
  const i18n = useI18n();
  if (error === null || error === undefined) return null;
  const shown = describeError(error, i18n);
  return (
    <div className="alert alert-error" role="alert" data-testid={testId ?? 'error'}>
      <p className="alert-title">{shown.message}</p>
      {shown.details.length > 0 && (
        <ul className="alert-details">
          {shown.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {shown.requestId && <p className="alert-meta">{i18n.t('common.requestId', { id: shown.requestId })}</p>}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {i18n.t('common.retry')}
        </button>
      )}
    </div>
  );
};

/** A success message; role=status makes screen readers announce it without stealing focus. */
export const Notice = ({ say, onClose }: { say: Say | null; onClose?: () => void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const text = say ? say(i18n) : null;
  return (
    <div role="status" aria-live="polite" className={text ? 'alert alert-success' : 'visually-hidden'} data-testid="notice">
      {text}
      {text && onClose && (
        <button type="button" className="alert-close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      )}
    </div>
  );
};
