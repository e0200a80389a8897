/**
 * A destructive action that asks once inline instead of window.confirm(): it stays keyboard
 * reachable, is translated, and does not block the page (or automated browsers).
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly label: string;
  readonly onConfirm: () => void;
  readonly busy?: boolean;
  readonly danger?: boolean;
  readonly testId?: string;
  /** Accessible name naming the object, e.g. "Revoke CRM sync", where the visible label is just "Revoke". */
  readonly ariaLabel?: string;
}

export const ConfirmButton = ({ label, onConfirm, busy, danger = true, testId, ariaLabel }: Props) => {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => setAsking(true)}
        data-testid={testId}
        aria-label={ariaLabel}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-group">
      <button
        ref={confirmRef}
        type="button"
        className={danger ? 'btn btn-small btn-danger' : 'btn btn-small btn-primary'}
        data-testid={testId ? `${testId}-confirm` : undefined}
        aria-label={ariaLabel ? t('common.confirmAction', { action: ariaLabel }) : undefined}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('common.confirmAction', { action: label })}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
};
