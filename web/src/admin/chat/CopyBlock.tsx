/** A block of code to paste elsewhere (the embed tag), with a copy button. */
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/context.js';

const copyText = async (text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The Clipboard API needs a secure context; plain-HTTP installs fall back to selecting the text.
    fallback?.select();
    return document.execCommand('copy');
  }
};

interface Props {
  readonly label: string;
  readonly hint?: string;
  readonly text: string;
  readonly testId: string;
}

export const CopyBlock = ({ label, hint, text, testId }: Props) => {
  const { t } = useI18n();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-block">
      <div className="copy-block-head">
        <span className="copy-block-label">{label}</span>
        <button
          type="button"
          className="btn btn-small"
          data-testid={`${testId}-copy`}
          aria-label={`${t('common.copy')}: ${label}`}
          onClick={async () => setCopied(await copyText(text, ref.current))}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </div>
      {/* A read-only text area, so the text is also selectable by hand and never parsed as markup. */}
      <textarea
        ref={ref}
        className="copy-block-code"
        readOnly
        rows={2}
        value={text}
        aria-label={label}
        data-testid={testId}
        onFocus={(e) => e.target.select()}
      />
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
};
