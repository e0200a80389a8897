/** Labelled form controls. Every input has a visible label and its hint wired via aria-describedby. */
import { type ReactNode, useId } from 'react';
import { useI18n } from '../i18n/context.js';

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly type?: 'text' | 'email' | 'password';
  readonly hint?: string;
  readonly required?: boolean;
  readonly autoComplete?: string;
  readonly testId?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly autoFocus?: boolean;
  readonly placeholder?: string;
}

export const TextField = (p: FieldProps) => {
  const id = useId();
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>
        {p.label}
        {p.required === false && <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      <input
        id={id}
        type={p.type ?? 'text'}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        required={p.required ?? true}
        autoComplete={p.autoComplete ?? 'off'}
        data-testid={p.testId}
        minLength={p.minLength}
        maxLength={p.maxLength}
        pattern={p.pattern}
        // biome-ignore lint/a11y/noAutofocus: only the first field of a form the user just opened.
        autoFocus={p.autoFocus}
        placeholder={p.placeholder}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
        spellCheck={false}
      />
      {p.hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
    </div>
  );
};

interface SelectProps<V extends string> {
  readonly label: string;
  readonly value: V;
  readonly options: ReadonlyArray<{ readonly value: V; readonly label: string }>;
  readonly onChange: (v: V) => void;
  readonly testId?: string;
}

export const SelectField = <V extends string>(p: SelectProps<V>) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={p.value} data-testid={p.testId} onChange={(e) => p.onChange(e.target.value as V)}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

export const FormActions = ({ children }: { children: ReactNode }) => <div className="form-actions">{children}</div>;

/** A dialog form's footer: the submit button, then Cancel. */
export const DialogActions = (p: {
  readonly label: string;
  readonly disabled: boolean;
  readonly testId: string;
  readonly onCancel: () => void;
}) => {
  const { t } = useI18n();
  return (
    <FormActions>
      <button type="submit" className="btn btn-primary" disabled={p.disabled} data-testid={p.testId}>
        {p.label}
      </button>
      <button type="button" className="btn btn-ghost" onClick={p.onCancel}>
        {t('common.cancel')}
      </button>
    </FormActions>
  );
};
