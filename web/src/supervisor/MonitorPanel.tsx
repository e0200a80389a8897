/**
 * Monitoring one conversation: the messages read-only (notes included) and a whisper box. Whispers
 * reach the handling agent only, never the customer.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Contact } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { isPeerTyping } from '../workspace/conversation.js';
import { Icon } from '../workspace/Icon.js';
import { MessageList } from '../workspace/MessageList.js';
import type { MonitorState } from './monitor.js';

interface Props {
  readonly monitor: MonitorState;
  readonly contact: Contact | null;
  readonly customerName: string;
  readonly agentName: string;
  readonly now: number;
  readonly onWhisper: (body: string) => void;
  readonly onClose: () => void;
}

export const MonitorPanel = ({ monitor, contact, customerName, agentName, now, onWhisper, onClose }: Props) => {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const id = monitor.contactId;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    if (id) inputRef.current?.focus();
  }, [id]);

  if (!id) return null;
  const canWhisper = contact?.agentId !== null && contact?.agentId !== undefined;

  const send = (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    onWhisper(body);
    setText('');
  };

  return (
    <aside className="monitor-panel" data-testid="monitor-panel" aria-label={t('sv.monitor.title', { name: customerName })}>
      <header className="monitor-head">
        <div>
          <h2>
            <Icon name="eye" size={16} /> {t('sv.monitor.title', { name: customerName })}
          </h2>
          <p className="muted">{contact?.agentId ? t('sv.monitor.handledBy', { name: agentName }) : t('sv.monitor.unassigned')}</p>
        </div>
        <button type="button" className="btn-icon" onClick={onClose} aria-label={t('common.close')} data-testid="monitor-close">
          ×
        </button>
      </header>
      <p className="monitor-readonly">{t('sv.monitor.readOnly')}</p>
      <MessageList
        contactId={id}
        conv={monitor.conv}
        customerName={customerName}
        typing={isPeerTyping(monitor.conv, now)}
        testId="monitor-messages"
      />
      <form className="whisper-form" onSubmit={send}>
        <label htmlFor="whisper-input" className="visually-hidden">
          {t('sv.monitor.whisperLabel')}
        </label>
        <input
          id="whisper-input"
          ref={inputRef}
          value={text}
          maxLength={10_000}
          onChange={(e) => setText(e.target.value)}
          placeholder={canWhisper ? t('sv.monitor.whisperPlaceholder', { name: agentName }) : t('sv.monitor.noAgent')}
          disabled={!canWhisper}
          data-testid="whisper-input"
          autoComplete="off"
        />
        <button type="submit" className="btn btn-primary" disabled={!canWhisper || !text.trim()} data-testid="whisper-send">
          {t('sv.monitor.whisper')}
        </button>
      </form>
    </aside>
  );
};
