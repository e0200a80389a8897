/**
 * Form controls of the chat admin screens: the shared field layout (label, hint, error under the
 * control, wired with aria-describedby and aria-invalid), plus a multi-line text area, which the
 * shared ui/Field.tsx does not have.
 */
import { type ReactNode, useId } from 'react';
import { useI18n } from '../../i18n/context.js';

interface Common {
  readonly label: string;
  readonly hint?: string;
  /** Shown under the control in red; the control is marked invalid. */
  readonly errors?: readonly string[];
  readonly optional?: boolean;
  readonly testId?: string;
  readonly className?: string;
}

const Frame = ({ id, p, children }: { id: string; p: Common; children: ReactNode }) => {
  const { t } = useI18n();
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.optional && <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      {children}
      {p.hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {(p.errors ?? []).map((e) => (
        <p key={e} className="field-error" id={`${id}-error`}>
          {e}
        </p>
      ))}
    </div>
  );
};

const describedBy = (id: string, p: Common): string | undefined =>
  [p.hint ? `${id}-hint` : '', p.errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export const InputField = (
  p: Common & { readonly value: string; readonly onChange: (v: string) => void; readonly maxLength?: number; readonly autoFocus?: boolean },
) => {
  const id = useId();
  return (
    <Frame id={id} p={p}>
      <input
        id={id}
        type="text"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        maxLength={p.maxLength}
        autoComplete="off"
        spellCheck={false}
        // biome-ignore lint/a11y/noAutofocus: only the first field of a form the user just opened.
        autoFocus={p.autoFocus}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p)}
        data-testid={p.testId}
      />
    </Frame>
  );
};

export const TextAreaField = (
  p: Common & {
    readonly value: string;
    readonly onChange: (v: string) => void;
    readonly rows?: number;
    readonly maxLength?: number;
    readonly mono?: boolean;
  },
) => {
  const id = useId();
  return (
    <Frame id={id} p={p}>
      <textarea
        id={id}
        className={`textarea${p.mono ? ' textarea-mono' : ''}`}
        value={p.value}
        rows={p.rows ?? 4}
        maxLength={p.maxLength}
        spellCheck={false}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p)}
        data-testid={p.testId}
      />
    </Frame>
  );
};

export const SelectBox = <V extends string>(
  p: Common & {
    readonly value: V;
    readonly options: ReadonlyArray<{ readonly value: V; readonly label: string }>;
    readonly onChange: (v: V) => void;
  },
) => {
  const id = useId();
  return (
    <Frame id={id} p={p}>
      <select
        id={id}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as V)}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p)}
        data-testid={p.testId}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
};
