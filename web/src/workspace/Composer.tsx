/**
 * The reply box: Enter sends, Shift+Enter breaks the line, "/" opens the canned responses (their
 * variables filled in), and the note toggle turns the next message into an internal note that the
 * customer never sees. A file can be attached: it uploads at once and goes with the next message
 * (into the note when it is one). The draft survives switching chats and reloading the page.
 */
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Attachment, CannedResponse } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { AttachmentChip } from './AttachmentChip.js';
import { ACCEPT, bodyWithFile } from './attachments.js';
import { type CannedVars, expandCanned, matchCanned, slashQuery } from './canned.js';
import { loadDraft, saveDraft } from './drafts.js';
import { Icon } from './Icon.js';
import { Popover } from './Popover.js';
import { composerKey } from './shortcuts.js';
import { useComposerFile } from './useComposerFile.js';

interface Props {
  readonly contactId: string;
  readonly userId: string;
  readonly canned: readonly CannedResponse[];
  readonly vars: CannedVars;
  readonly note: boolean;
  readonly onToggleNote: () => void;
  readonly onSend: (body: string, visibility: 'public' | 'internal', attachment: Attachment | null) => void;
  readonly onTyping: (on: boolean) => void;
  readonly inputRef: RefObject<HTMLTextAreaElement | null>;
}

const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

const keyInput = (e: KeyboardEvent) => ({
  key: e.key,
  code: e.code,
  altKey: e.altKey,
  ctrlKey: e.ctrlKey,
  metaKey: e.metaKey,
  shiftKey: e.shiftKey,
  inField: true,
});

export const Composer = ({ contactId, userId, canned, vars, note, onToggleNote, onSend, onTyping, inputRef }: Props) => {
  const { t } = useI18n();
  const [text, setText] = useState(() => loadDraft(localStorage, userId, contactId));
  const [pickerIndex, setPickerIndex] = useState(0);
  const [pickerDismissed, setPickerDismissed] = useState(false);
  const [browseOpen, setBrowseOpen] = useState(false);
  const typingSent = useRef(0);
  const idle = useRef<number | null>(null);
  const listId = useId();
  const files = useComposerFile(contactId);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploading = files.current?.phase === 'uploading';
  const canSend = !uploading && (text.trim() !== '' || files.current?.phase === 'ready');

  // Another chat: its own draft, and the customer of the previous one no longer sees us typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of conversation resets the box.
  useEffect(() => {
    setText(loadDraft(localStorage, userId, contactId));
    setPickerDismissed(false);
    return () => {
      if (typingSent.current > 0) onTyping(false);
      typingSent.current = 0;
      if (idle.current !== null) window.clearTimeout(idle.current);
    };
  }, [contactId, userId]);

  const stopTyping = useCallback(() => {
    if (idle.current !== null) window.clearTimeout(idle.current);
    idle.current = null;
    if (typingSent.current > 0) onTyping(false);
    typingSent.current = 0;
  }, [onTyping]);

  const signalTyping = () => {
    if (note) return;
    const now = Date.now();
    if (now - typingSent.current > TYPING_REPEAT_MS) {
      onTyping(true);
      typingSent.current = now;
    }
    if (idle.current !== null) window.clearTimeout(idle.current);
    idle.current = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const change = (v: string) => {
    setText(v);
    saveDraft(localStorage, userId, contactId, v);
    setPickerIndex(0);
    if (!v.startsWith('/')) setPickerDismissed(false);
    if (v.trim()) signalTyping();
    else stopTyping();
  };

  const query = slashQuery(text);
  const matches = query === null ? [] : matchCanned(canned, query);
  const pickerOpen = query !== null && !pickerDismissed && matches.length > 0;

  const insert = (c: CannedResponse) => {
    const body = expandCanned(c.body, vars);
    const next = slashQuery(text) !== null ? body : text ? `${text}${text.endsWith(' ') ? '' : ' '}${body}` : body;
    setText(next);
    saveDraft(localStorage, userId, contactId, next);
    setBrowseOpen(false);
    inputRef.current?.focus();
  };

  const send = () => {
    // A file still uploading holds the message back: sent without it, the words would lose it.
    if (!canSend) return;
    const attachment = files.take();
    const body = attachment ? bodyWithFile(text, attachment.fileName) : text.trim();
    onSend(body, note ? 'internal' : 'public', attachment);
    setText('');
    saveDraft(localStorage, userId, contactId, '');
    stopTyping();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const k = composerKey(keyInput(e), pickerOpen, e.nativeEvent.isComposing);
    if (k === null) return;
    e.preventDefault();
    if (k === 'send') send();
    else if (k === 'pickerDown') setPickerIndex((i) => (i + 1) % matches.length);
    else if (k === 'pickerUp') setPickerIndex((i) => (i - 1 + matches.length) % matches.length);
    else if (k === 'pickerClose') setPickerDismissed(true);
    else if (k === 'pickerPick') {
      const c = matches[pickerIndex] ?? matches[0];
      if (c) insert(c);
    }
  };

  const closeBrowse = useCallback(() => setBrowseOpen(false), []);
  const activeId = pickerOpen ? `${listId}-${pickerIndex}` : undefined;

  return (
    <div className={`composer${note ? ' is-note' : ''}`}>
      {pickerOpen && (
        <div className="canned-picker" id={listId} role="listbox" aria-label={t('ws.canned.title')} data-testid="canned-picker">
          {matches.map((c, i) => (
            // Options are chosen through aria-activedescendant; focus stays in the textarea (combobox pattern).
            <div
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === pickerIndex}
              className={`canned-option${i === pickerIndex ? ' is-active' : ''}`}
              data-testid={`canned-item-${c.shortcut}`}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(c);
              }}
            >
              <span className="canned-shortcut">/{c.shortcut}</span>
              <span className="canned-title">{c.title}</span>
              <span className="canned-body">{expandCanned(c.body, vars)}</span>
            </div>
          ))}
        </div>
      )}
      {note && (
        <p className="composer-note-banner">
          <Icon name="lock" /> {t('ws.composer.noteBanner')}
        </p>
      )}
      {files.current && <AttachmentChip file={files.current} onRemove={files.remove} />}
      <textarea
        ref={inputRef}
        className="composer-input"
        value={text}
        rows={3}
        maxLength={10_000}
        placeholder={note ? t('ws.composer.notePlaceholder') : t('ws.composer.placeholder')}
        aria-label={note ? t('ws.composer.noteLabel') : t('ws.composer.label')}
        aria-autocomplete="list"
        aria-controls={pickerOpen ? listId : undefined}
        aria-activedescendant={activeId}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        data-testid="composer-input"
      />
      <div className="composer-bar">
        <div className="composer-tools">
          <button
            type="button"
            className={`btn btn-small composer-toggle${note ? ' is-on' : ''}`}
            aria-pressed={note}
            onClick={onToggleNote}
            data-testid="composer-note-toggle"
            aria-keyshortcuts="Alt+N"
            title="Alt+N"
          >
            <Icon name="lock" /> {t('ws.composer.note')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => fileInput.current?.click()}
            disabled={uploading}
            aria-label={t('ws.attach.aria')}
            title={t('ws.attach.aria')}
            data-testid="composer-attach"
          >
            <Icon name="clip" /> {t('ws.attach.button')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            hidden
            tabIndex={-1}
            data-testid="composer-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              // Cleared so the same file can be picked again after removing it.
              e.target.value = '';
              if (f) files.pick(f);
              inputRef.current?.focus();
            }}
          />
          <div className="popover-anchor">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-haspopup="menu"
              aria-expanded={browseOpen}
              onClick={() => setBrowseOpen((o) => !o)}
              data-testid="canned-open"
            >
              <Icon name="bolt" /> {t('ws.canned.title')}
            </button>
            <Popover open={browseOpen} onClose={closeBrowse} label={t('ws.canned.title')} className="canned-menu" testId="canned-menu">
              {canned.length === 0 && <p className="menu-empty muted">{t('ws.canned.none')}</p>}
              {canned.map((c) => (
                <button key={c.id} type="button" role="menuitem" className="menu-item canned-menu-item" onClick={() => insert(c)}>
                  <span className="canned-shortcut">/{c.shortcut}</span>
                  <span className="canned-title">{c.title}</span>
                </button>
              ))}
            </Popover>
          </div>
          <span className="composer-hint muted">{t('ws.composer.hint')}</span>
        </div>
        <button type="button" className="btn btn-primary" onClick={send} disabled={!canSend} data-testid="composer-send">
          {note ? t('ws.composer.addNote') : t('ws.composer.send')}
        </button>
      </div>
    </div>
  );
};
