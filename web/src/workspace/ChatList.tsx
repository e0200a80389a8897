/** The agent's conversations: who, the last message, unread count, typing and wrap-up at a glance. */
import type { CustomerSummary } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { isPeerTyping } from './conversation.js';
import { formatDuration, initialsOf } from './format.js';
import { type Chat, unreadOf } from './state.js';

interface Props {
  readonly chats: readonly Chat[];
  readonly selectedId: string | null;
  readonly customerOf: (c: Chat) => CustomerSummary | null;
  readonly now: number;
  readonly onSelect: (id: string) => void;
}

const preview = (c: Chat, t: ReturnType<typeof useI18n>['t']): string => {
  const m = c.lastMessage;
  if (!m) return c.contact.subject ?? '';
  if (m.visibility === 'internal') return `${t('ws.msg.noteShort')}: ${m.body}`;
  if (m.visibility === 'whisper') return `${t('ws.msg.whisperShort')}: ${m.body}`;
  return m.authorKind === 'customer' ? m.body : `${t('ws.msg.youShort')}: ${m.body}`;
};

export const ChatList = ({ chats, selectedId, customerOf, now, onSelect }: Props) => {
  const { t } = useI18n();
  if (chats.length === 0) {
    return (
      <div className="chat-list-empty" data-testid="chat-list-empty">
        <p className="chat-list-empty-title">{t('ws.chats.emptyTitle')}</p>
        <p className="muted">{t('ws.chats.emptyBody')}</p>
      </div>
    );
  }
  return (
    <ul className="chat-list" data-testid="chat-list">
      {chats.map((c, i) => {
        const id = c.contact.id;
        const unread = unreadOf(c);
        const name = customerOf(c)?.displayName || t('ws.visitor');
        const typing = isPeerTyping(c.conv, now);
        const selected = id === selectedId;
        const since = c.lastMessage?.at ?? c.contact.answeredAt ?? c.contact.stateChangedAt;
        return (
          <li key={id}>
            <button
              type="button"
              className={`chat-item${selected ? ' is-selected' : ''}${unread > 0 ? ' has-unread' : ''}`}
              aria-current={selected ? 'true' : undefined}
              onClick={() => onSelect(id)}
              data-testid={`chat-item-${id}`}
              data-state={c.contact.state}
              aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
            >
              <span className="avatar avatar-small" aria-hidden="true">
                {initialsOf(name)}
              </span>
              <span className="chat-item-main">
                <span className="chat-item-top">
                  <span className="chat-item-name">{name}</span>
                  <span className="chat-item-time">{formatDuration(now - since)}</span>
                </span>
                <span className="chat-item-bottom">
                  {typing ? (
                    <span className="chat-item-typing">{t('ws.typing')}</span>
                  ) : (
                    <span className="chat-item-preview">{preview(c, t)}</span>
                  )}
                  {c.contact.state === 'wrap_up' && <span className="badge badge-amber">{t('ws.state.wrap_up')}</span>}
                  {unread > 0 && (
                    <>
                      <span className="unread-badge" data-testid={`chat-unread-${id}`} aria-hidden="true">
                        {unread > 99 ? '99+' : unread}
                      </span>
                      <span className="visually-hidden">{t('ws.chats.unread', { n: String(unread) })}</span>
                    </>
                  )}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
};
