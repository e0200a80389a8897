/**
 * Wrap-up: the disposition every conversation must end with (class, reason, product, resolved),
 * then the contact closes. Reasons and products are short codes; common ones are suggested. With
 * a wrap-up time, the time left is shown: when it runs out the contact closes without this form.
 */
import { type FormEvent, useId, useState } from 'react';
import type { DispositionInput } from '../api/endpoints.js';
import { CONTACT_CLASSES, type ContactClass } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Dialog } from '../ui/Dialog.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { DialogActions } from '../ui/Field.js';
import { useSubmit } from '../ui/useSubmit.js';
import { formatDuration } from './format.js';

const REASONS = ['order_status', 'refund', 'delivery', 'billing', 'account', 'technical', 'product_info', 'other'] as const;

interface Props {
  readonly customerName: string;
  /** When the agent's wrap-up time runs out; null when untimed or not started yet. */
  readonly endsAt: number | null;
  readonly now: number;
  readonly onSubmit: (d: DispositionInput) => Promise<void>;
  readonly onClose: () => void;
}

export const WrapUpDialog = ({ customerName, endsAt, now, onSubmit, onClose }: Props) => {
  const { t } = useI18n();
  const id = useId();
  const [contactClass, setClass] = useState<ContactClass | ''>('');
  const [reason, setReason] = useState('');
  const [product, setProduct] = useState('');
  const [resolved, setResolved] = useState(true);
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const go = (e: FormEvent) => {
    e.preventDefault();
    if (!contactClass) return;
    void submit.run(() => onSubmit({ contactClass, reason, product, resolved, note }));
  };

  return (
    <Dialog title={t('ws.wrapup.title', { name: customerName })} onClose={onClose} testId="wrapup-dialog">
      <form onSubmit={go}>
        <p className="muted">{t('ws.wrapup.intro')}</p>
        {endsAt !== null && (
          <p className="alert alert-warning" data-testid="wrapup-time-left">
            {t('ws.wrapup.timeLeft', { time: formatDuration(Math.max(0, endsAt - now)) })}
          </p>
        )}
        <fieldset className="field">
          <legend>{t('ws.wrapup.class')}</legend>
          <div className="segmented" data-testid="wrapup-class">
            {CONTACT_CLASSES.map((c) => (
              <label key={c} className={contactClass === c ? 'is-on' : ''}>
                <input
                  type="radio"
                  name={`${id}-class`}
                  value={c}
                  required
                  checked={contactClass === c}
                  onChange={() => setClass(c)}
                  data-testid={`wrapup-class-${c}`}
                />
                {t(`class.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid form-grid-2">
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('ws.wrapup.reason')}</label>
            <input
              id={`${id}-reason`}
              list={`${id}-reasons`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={80}
              autoComplete="off"
              data-testid="wrapup-reason"
            />
            <datalist id={`${id}-reasons`}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor={`${id}-product`}>{t('ws.wrapup.product')}</label>
            <input
              id={`${id}-product`}
              value={product}
              onChange={(e) => setProduct(e.target.value)}
              required
              maxLength={80}
              autoComplete="off"
              data-testid="wrapup-product"
            />
          </div>
        </div>
        <label className="checkbox-line">
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.target.checked)} data-testid="wrapup-resolved" />
          {t('ws.wrapup.resolved')}
        </label>
        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t('ws.wrapup.note')} <span className="field-optional">({t('common.optional')})</span>
          </label>
          <textarea
            id={`${id}-note`}
            className="textarea"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="wrapup-note"
          />
        </div>
        <ErrorBox error={submit.error} testId="wrapup-error" />
        <DialogActions label={t('ws.wrapup.submit')} disabled={submit.busy} testId="wrapup-submit" onCancel={onClose} />
      </form>
    </Dialog>
  );
};
