/** A modal built on the native <dialog>: the browser traps focus, handles Escape and restores focus. */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
}

export const Dialog = ({ title, onClose, children, testId }: Props) => {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useI18n();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Escape closes through our state, so React stays the single owner of "open".
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn-icon" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
};
