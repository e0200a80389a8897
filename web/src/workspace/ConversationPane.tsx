/** The open conversation: who and how long, the actions (transfer, end, wrap up), the messages and the composer. */
import type { RefObject } from 'react';
import type { Attachment, CannedResponse, CustomerSummary } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { Composer } from './Composer.js';
import { isPeerTyping } from './conversation.js';
import { formatDuration } from './format.js';
import { Icon } from './Icon.js';
import { MessageList } from './MessageList.js';
import type { Chat } from './state.js';

interface Props {
  readonly chat: Chat;
  readonly customer: CustomerSummary | null;
  readonly me: { readonly id: string; readonly name: string };
  readonly now: number;
  readonly canned: readonly CannedResponse[];
  readonly note: boolean;
  readonly busy: boolean;
  readonly inputRef: RefObject<HTMLTextAreaElement | null>;
  readonly onToggleNote: () => void;
  readonly onSend: (body: string, visibility: 'public' | 'internal', attachment: Attachment | null) => void;
  readonly onRetry: (clientId: string) => void;
  readonly onTyping: (on: boolean) => void;
  readonly onTransfer: () => void;
  readonly onEnd: () => void;
  readonly onWrapUp: () => void;
}

export const ConversationPane = (p: Props) => {
  const { t, tMaybe } = useI18n();
  const { contact, conv } = p.chat;
  const name = p.customer?.displayName || t('ws.visitor');
  const inWrapUp = contact.state === 'wrap_up';
  const started = contact.answeredAt ?? contact.stateChangedAt;
  return (
    <section className="ws-conv" aria-label={t('ws.conv.aria', { name })} data-testid="conversation" data-contact-id={contact.id}>
      <header className="conv-head">
        <div className="conv-who">
          <h2 className="conv-name">{name}</h2>
          <p className="conv-meta">
            <span className={`tier-chip tier-${contact.tier}`}>{tMaybe(`tier.${contact.tier}`, contact.tier)}</span>
            <span>{tMaybe(`channel.${contact.channel}`, contact.channel)}</span>
            <span title={t('ws.conv.handleTime')}>
              <Icon name="clock" size={12} /> {formatDuration(p.now - started)}
            </span>
            {inWrapUp && (
              <span className="badge badge-amber" data-testid="conv-wrapup-badge">
                {t('ws.state.wrap_up')}
              </span>
            )}
            {inWrapUp && contact.wrapUpExpiresAt !== null && (
              <span data-testid="conv-wrapup-left" title={t('ws.conv.wrapUpLeftHint')}>
                {t('ws.conv.wrapUpLeft', { time: formatDuration(Math.max(0, contact.wrapUpExpiresAt - p.now)) })}
              </span>
            )}
          </p>
        </div>
        <div className="conv-actions">
          {!inWrapUp && (
            <button
              type="button"
              className="btn btn-small"
              onClick={p.onTransfer}
              disabled={p.busy}
              data-testid="transfer-open"
              aria-keyshortcuts="Alt+T"
              title="Alt+T"
            >
              <Icon name="swap" /> {t('ws.conv.transfer')}
            </button>
          )}
          {!inWrapUp && (
            <button type="button" className="btn btn-small" onClick={p.onEnd} disabled={p.busy} data-testid="chat-close">
              <Icon name="power" /> {t('ws.conv.end')}
            </button>
          )}
          <button
            type="button"
            className={`btn btn-small${inWrapUp ? ' btn-primary' : ''}`}
            onClick={p.onWrapUp}
            disabled={p.busy}
            data-testid="wrapup-open"
            aria-keyshortcuts="Alt+W"
            title="Alt+W"
          >
            <Icon name="check" /> {t('ws.conv.wrapUp')}
          </button>
        </div>
      </header>
      {inWrapUp && (
        <p className="conv-banner" role="status">
          {t('ws.conv.wrapUpBanner')}
        </p>
      )}
      <MessageList contactId={contact.id} conv={conv} customerName={name} typing={isPeerTyping(conv, p.now)} onRetry={p.onRetry} />
      <Composer
        contactId={contact.id}
        userId={p.me.id}
        canned={p.canned}
        vars={{ customerName: p.customer?.displayName ?? '', agentName: p.me.name, contactId: contact.id }}
        note={p.note}
        onToggleNote={p.onToggleNote}
        onSend={p.onSend}
        onTyping={p.onTyping}
        inputRef={p.inputRef}
      />
    </section>
  );
};
