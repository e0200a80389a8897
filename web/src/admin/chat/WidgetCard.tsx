/** One widget: what it is set to, the tag to embed it, how to sign a visitor's identity, and its actions. */
import type { ChatWidget, Queue } from '../../api/types.js';
import { useI18n } from '../../i18n/context.js';
import { Badge } from '../../ui/Badge.js';
import { ConfirmButton } from '../../ui/ConfirmButton.js';
import { CopyBlock } from './CopyBlock.js';
import { embedSnippet, signingExample } from './snippet.js';

interface Props {
  readonly widget: ChatWidget;
  readonly queues: readonly Queue[];
  /** The origin kefu is served from, which is where /widget.js lives. */
  readonly origin: string;
  readonly busy: boolean;
  readonly onEdit: (w: ChatWidget) => void;
  readonly onRotate: (w: ChatWidget) => void;
}

export const WidgetCard = ({ widget: w, queues, origin, busy, onEdit, onRotate }: Props) => {
  const { t, lang, formatDateTime } = useI18n();
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  return (
    <article className="panel widget-card" data-testid={`widget-card-${w.name}`} aria-labelledby={`widget-${w.id}-title`}>
      <header className="widget-card-head">
        <div>
          <h2 className="widget-card-title" id={`widget-${w.id}-title`}>
            {w.name}
          </h2>
          <p className="muted widget-card-meta">{t('widgets.updated', { at: formatDateTime(w.updatedAt) })}</p>
        </div>
        <div className="widget-card-actions">
          <button type="button" className="btn btn-small" onClick={() => onEdit(w)} data-testid={`widget-edit-${w.name}`}>
            {t('widgets.edit')}
          </button>
          <ConfirmButton
            label={t('widgets.rotate')}
            ariaLabel={t('widgets.rotateAria', { name: w.name })}
            busy={busy}
            testId={`widget-rotate-${w.name}`}
            onConfirm={() => onRotate(w)}
          />
        </div>
      </header>

      <dl className="facts widget-facts">
        <dt>{t('widgets.publicKey')}</dt>
        <dd>
          <code data-testid={`widget-key-${w.name}`}>{w.publicKey}</code>
        </dd>
        <dt>{t('widgets.origins')}</dt>
        <dd>
          {w.allowedOrigins.length === 0 ? (
            <span className="muted">{t('widgets.anySiteNone')}</span>
          ) : (
            <ul className="chip-list">
              {w.allowedOrigins.map((o) => (
                <li key={o} className="chip chip-mono">
                  {o}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('widgets.prechat')}</dt>
        <dd>
          <ul className="chip-list">
            {(['name', 'email', 'phone'] as const).map((f) => (
              <li key={f} className={`chip${w.prechat.fields[f] === 'hidden' ? ' chip-off' : ''}`}>
                {t('widgets.fieldRule', { field: t(`widgets.prechat.${f}`), rule: t(`widgets.rule.${w.prechat.fields[f]}`) })}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('widgets.topics')}</dt>
        <dd>
          <ul className="topic-summary" data-testid={`widget-topics-${w.name}`}>
            {w.prechat.topics.map((tp) => (
              <li key={tp.id}>
                <span className="cell-strong">{lang === 'zh-CN' ? tp.label['zh-CN'] : tp.label.en}</span>
                <span className="muted"> → {queueName(tp.queueId)}</span>
                {tp.product && <span className="chip topic-product">{tp.product}</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('widgets.identity')}</dt>
        <dd>
          {w.identityRequired ? (
            <Badge tone="amber">{t('widgets.identity.required')}</Badge>
          ) : (
            <Badge tone="grey">{t('widgets.identity.optional')}</Badge>
          )}
        </dd>
      </dl>

      <CopyBlock
        label={t('widgets.snippet')}
        hint={t('widgets.snippetHint')}
        text={embedSnippet(origin, w.publicKey, 'zh-CN')}
        testId={`widget-snippet-${w.name}`}
      />

      <details className="identity-help" data-testid={`widget-identity-help-${w.name}`}>
        <summary>{t('widgets.identityTitle')}</summary>
        <p>{t('widgets.identityText')}</p>
        <pre className="code-sample">{signingExample()}</pre>
      </details>
    </article>
  );
};
