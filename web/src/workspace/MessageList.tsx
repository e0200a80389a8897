/**
 * A conversation's messages as bubbles: the customer on the left, staff on the right, internal
 * notes and supervisor whispers set apart so nobody mistakes them for what the customer sees.
 * Every body is rendered as text by React (never as HTML), so nothing a customer types can run.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Attachment } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { formatSize, isImageType } from './attachments.js';
import type { Conversation, Pending } from './conversation.js';
import { seenSeq } from './conversation.js';
import { Icon } from './Icon.js';

interface Props {
  readonly contactId: string;
  readonly conv: Conversation;
  readonly customerName: string;
  readonly typing: boolean;
  readonly onRetry?: (clientId: string) => void;
  readonly testId?: string;
}

const kindOf = (m: { author: { kind: string }; visibility: string }): string => {
  if (m.visibility === 'internal') return 'note';
  if (m.visibility === 'whisper') return 'whisper';
  if (m.author.kind === 'customer') return 'customer';
  if (m.author.kind === 'system') return 'system';
  return 'agent';
};

/** Staff read both sides' files through the staff route (contacts.read); the cookie authorises it. */
const hrefOf = (contactId: string, a: Attachment) =>
  `/api/v1/contacts/${encodeURIComponent(contactId)}/attachments/${encodeURIComponent(a.id)}`;

/** A file as a download link with its name and size; images also show a thumbnail that opens them. */
const AttachmentView = ({ a, contactId }: { a: Attachment; contactId: string }) => {
  const { t } = useI18n();
  const href = hrefOf(contactId, a);
  const size = formatSize(a.size);
  return (
    <>
      {isImageType(a.contentType) && (
        <a href={href} target="_blank" rel="noopener noreferrer" className="bubble-image">
          <img src={href} alt={a.fileName} loading="lazy" />
        </a>
      )}
      <a
        href={href}
        className="bubble-file"
        download={a.fileName}
        title={t('ws.attach.download', { name: a.fileName, size })}
        data-testid="message-attachment"
      >
        <Icon name="clip" /> {a.fileName} ({size})
      </a>
    </>
  );
};

/** The text, unless it only repeats the file's name (what is sent when nothing was typed). */
const Body = ({ body, a, contactId }: { body: string; a: Attachment | null | undefined; contactId: string }) => (
  <>
    {body && body !== a?.fileName && <p className="bubble-text">{body}</p>}
    {a && <AttachmentView a={a} contactId={contactId} />}
  </>
);

export const MessageList = ({ contactId, conv, customerName, typing, onRetry, testId }: Props) => {
  const { t, lang, formatDateTime } = useI18n();
  const timeFmt = useMemo(() => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }), [lang]);
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const seen = seenSeq(conv);
  const count = conv.messages.length + conv.pending.length;

  // Follow new messages only while the reader is at the bottom; scrolling up to read stays put.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `count` and `typing` are the triggers: content grew.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [count, typing]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new conversation always starts at its end.
  useEffect(() => {
    stick.current = true;
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [contactId]);

  const label = (m: { author: { kind: string; name: string | null }; visibility: string }): string => {
    const k = kindOf(m);
    if (k === 'customer') return m.author.name || customerName;
    if (k === 'note') return t('ws.msg.note', { name: m.author.name ?? t('ws.msg.you') });
    if (k === 'whisper') return t('ws.msg.whisper', { name: m.author.name ?? t('ws.msg.supervisor') });
    if (k === 'system') return t('ws.msg.system');
    return m.author.name ?? t('ws.msg.you');
  };

  const pendingView = (p: Pending) => (
    <li
      key={p.clientId}
      className={`msg msg-${kindOf({ author: { kind: 'agent' }, visibility: p.visibility })} is-pending`}
      data-testid="message-pending"
    >
      <div className="bubble">
        <Body body={p.body} a={p.attachment} contactId={contactId} />
      </div>
      <div className="msg-meta">
        {p.failed ? (
          <span className="msg-failed">
            {t('ws.msg.failed', { code: p.failed })}
            {onRetry && (
              <button type="button" className="link-button" onClick={() => onRetry(p.clientId)}>
                {t('common.retry')}
              </button>
            )}
          </span>
        ) : (
          <span>{t('ws.msg.sending')}</span>
        )}
      </div>
    </li>
  );

  return (
    <div
      className="message-scroll"
      ref={ref}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <ol className="message-list" data-testid={testId ?? 'message-list'} aria-live="polite" aria-relevant="additions">
        {conv.messages.map((m) => {
          const k = kindOf(m);
          return (
            <li key={m.seq} className={`msg msg-${k}`} data-testid="message" data-seq={m.seq} data-kind={k}>
              {k !== 'system' && (
                <div className="msg-author">
                  {k === 'note' && <Icon name="lock" size={12} />}
                  {k === 'whisper' && <Icon name="whisper" size={12} />}
                  {label(m)}
                </div>
              )}
              <div className="bubble">
                <Body body={m.body} a={m.attachment} contactId={contactId} />
              </div>
              <div className="msg-meta">
                <time dateTime={new Date(m.at).toISOString()} title={formatDateTime(m.at)}>
                  {timeFmt.format(new Date(m.at))}
                </time>
                {m.seq === seen && (
                  <span className="msg-seen" data-testid="read-receipt">
                    <Icon name="check" size={12} /> {t('ws.msg.seen')}
                  </span>
                )}
              </div>
            </li>
          );
        })}
        {conv.pending.map(pendingView)}
      </ol>
      {typing && (
        <p className="typing-indicator" data-testid="typing-indicator" role="status">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('ws.typingName', { name: customerName })}
        </p>
      )}
    </div>
  );
};
