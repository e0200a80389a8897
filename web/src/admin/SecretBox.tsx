/** Shows a new key's secret exactly once, with a copy button and a plain warning that it will not come back. */
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/context.js';

const copyText = async (text: string, fallback: HTMLInputElement | null): Promise<boolean> => {
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
  readonly name: string;
  readonly secret: string;
  readonly onDone: () => void;
  /** Other secrets shown once (a chat widget's identity secret) bring their own wording and test ids. */
  readonly title?: string;
  readonly warning?: string;
  readonly testIdPrefix?: string;
}

export const SecretBox = ({ name, secret, onDone, title: ownTitle, warning, testIdPrefix = 'apikey' }: Props) => {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const title = ownTitle ?? t('keys.secret.title', { name });

  return (
    <section className="panel secret-panel" data-testid={`${testIdPrefix}-secret-box`} aria-label={title}>
      <h2 className="panel-title">{title}</h2>
      <p className="alert alert-warning">{warning ?? t('keys.secret.warning')}</p>
      <div className="secret-row">
        <input
          ref={inputRef}
          className="secret-value"
          readOnly
          value={secret}
          aria-label={t('keys.secret.label')}
          data-testid={`${testIdPrefix}-secret`}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="btn"
          data-testid={`${testIdPrefix}-secret-copy`}
          onClick={async () => setCopied(await copyText(secret, inputRef.current))}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </div>
      <button type="button" className="btn btn-primary" onClick={onDone} data-testid={`${testIdPrefix}-secret-done`}>
        {t('keys.secret.done')}
      </button>
    </section>
  );
};
