/** Creates or edits a canned response, with the variables it may use and a live preview. */
import { type FormEvent, useState } from 'react';
import { cannedApi } from '../../api/endpoints.js';
import type { CannedResponse } from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { ErrorBox } from '../../ui/ErrorBox.js';
import { FormActions } from '../../ui/Field.js';
import { useSubmit } from '../../ui/useSubmit.js';
import {
  appendVariable,
  CANNED_LIMITS,
  CANNED_VARIABLES,
  cannedFormToInput,
  cannedPatch,
  cannedToForm,
  emptyCannedForm,
  type CannedForm as Form,
  previewCanned,
  validateCannedForm,
} from './canned-form.js';
import { InputField, TextAreaField } from './fields.js';
import { cannedProblemText } from './problems.js';

export type CannedSaved =
  | { readonly kind: 'created' | 'updated'; readonly canned: CannedResponse }
  | { readonly kind: 'unchanged'; readonly canned: CannedResponse };

interface Props {
  readonly canned?: CannedResponse;
  readonly onSaved: (s: CannedSaved) => void;
  readonly onCancel: () => void;
}

/** A contact id as the workspace shows them; only for the preview. */
const SAMPLE_CONTACT_ID = 'ct_0001';

export const CannedForm = ({ canned, onSaved, onCancel }: Props) => {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const [form, setForm] = useState<Form>(() => (canned ? cannedToForm(canned) : emptyCannedForm));
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useSubmit();

  const problems = tried ? validateCannedForm(form) : [];
  const errorsFor = (field: keyof Form) => problems.filter((p) => p.field === field).map((p) => cannedProblemText(p, i18n));
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const preview = previewCanned(form.body, {
    customerName: t('canned.sampleCustomer'),
    agentName: me.displayName,
    contactId: SAMPLE_CONTACT_ID,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (validateCannedForm(form).length > 0) return;
    await run(async () => {
      if (!canned) return onSaved({ kind: 'created', canned: await cannedApi.create(cannedFormToInput(form)) });
      const patch = cannedPatch(canned, form);
      if (Object.keys(patch).length === 0) return onSaved({ kind: 'unchanged', canned });
      onSaved({ kind: 'updated', canned: await cannedApi.update(canned.id, patch) });
    });
  };

  return (
    <form className="panel form-panel canned-form" onSubmit={submit} noValidate data-testid="canned-form">
      <h2 className="panel-title">{canned ? t('canned.edit.title', { shortcut: canned.shortcut }) : t('canned.new')}</h2>
      <ErrorBox error={error} testId="canned-form-error" />
      <div className="canned-form-grid">
        <div>
          <div className="canned-form-fields">
            <InputField
              label={t('canned.shortcut')}
              hint={t('canned.shortcutHint', { example: form.shortcut.trim() || 'refund' })}
              value={form.shortcut}
              onChange={(v) => set({ shortcut: v })}
              maxLength={CANNED_LIMITS.shortcut}
              errors={errorsFor('shortcut')}
              testId="canned-shortcut"
              autoFocus
            />
            <InputField
              label={t('canned.titleField')}
              value={form.title}
              onChange={(v) => set({ title: v })}
              maxLength={CANNED_LIMITS.title}
              errors={errorsFor('title')}
              testId="canned-title"
            />
          </div>
          <TextAreaField
            label={t('canned.body')}
            value={form.body}
            onChange={(v) => set({ body: v })}
            rows={6}
            maxLength={CANNED_LIMITS.body}
            errors={errorsFor('body')}
            testId="canned-body"
          />
          <div className="variable-hint" data-testid="canned-variables">
            <p className="field-hint">
              <strong>{t('canned.variables')}</strong> · {t('canned.variablesHint')}
            </p>
            <ul className="variable-list">
              {CANNED_VARIABLES.map((v) => (
                <li key={v}>
                  <button
                    type="button"
                    className="btn btn-small variable-chip"
                    onClick={() => set({ body: appendVariable(form.body, v) })}
                    data-testid={`canned-var-${v}`}
                  >
                    <code>{`{{${v}}}`}</code>
                  </button>
                  <span className="muted">{t(`canned.var.${v}`)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <section className="canned-preview" aria-labelledby="canned-preview-title">
          <h3 id="canned-preview-title" className="canned-preview-title">
            {t('canned.preview')}
          </h3>
          <p className="field-hint">{t('canned.previewHint')}</p>
          {/* Plain text on purpose: a reply is text for the customer, so markup in it is shown, never run. */}
          <div className="canned-preview-bubble" data-testid="canned-preview" aria-live="polite">
            {preview === '' ? <span className="muted">{t('canned.previewEmpty')}</span> : preview}
          </div>
        </section>
      </div>
      <FormActions>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="canned-submit">
          {busy ? t('common.saving') : canned ? t('canned.save') : t('canned.create.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid="canned-cancel">
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  );
};
