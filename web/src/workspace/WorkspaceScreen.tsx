/**
 * The agent workspace: state switch and offers on top, then three panes — conversations, the open
 * conversation, the customer. The open chat is in the address (?c=), drafts in local storage and
 * everything else on the server, so a reload comes back to the same place.
 */
import '../styles/workspace.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cannedApi, routingApi, workspaceApi } from '../api/endpoints.js';
import type { Me } from '../api/types.js';
import { navigate, useLocation } from '../app/router.js';
import { can, useMe } from '../app/session.js';
import { useI18n } from '../i18n/context.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { useLoad } from '../ui/useLoad.js';
import { ChatList } from './ChatList.js';
import { ConnectionPill } from './ConnectionPill.js';
import { ConversationPane } from './ConversationPane.js';
import { CustomerPanel } from './CustomerPanel.js';
import { Icon } from './Icon.js';
import { OfferCard } from './OfferCard.js';
import { PresenceSwitch } from './PresenceSwitch.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { commandFor } from './shortcuts.js';
import { customerOf, neighbourChat, openOffers, unreadOf } from './state.js';
import { type AgentChoice, TransferDialog } from './TransferDialog.js';
import { useNow } from './useNow.js';
import { useWorkspace } from './useWorkspace.js';
import { WrapUpDialog } from './WrapUpDialog.js';

type Open = 'transfer' | 'wrapup' | 'help' | null;

/** Who a transfer can go to: every routable colleague with their state (GET /api/v1/chat/agents). */
const loadAgentChoices = async (me: Me): Promise<AgentChoice[] | null> => {
  if (!can(me, 'contacts.write')) return null;
  return (await workspaceApi.colleagues()).items.map((a) => ({ id: a.id, name: a.name, state: a.state }));
};

const isField = (el: Element | null): boolean =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

export const WorkspaceScreen = () => {
  const me = useMe();
  const { t } = useI18n();
  const ws = useWorkspace(me);
  const now = useNow(1000);
  const { query } = useLocation();
  const { state } = ws;
  const queues = useLoad(() => routingApi.queues().then((r) => [...r.items]), []);
  const canned = useLoad(
    () =>
      cannedApi
        .list()
        .then((r) => [...r.items])
        .catch(() => []),
    [],
  );
  const [open, setOpen] = useState<Open>(null);
  const [agents, setAgents] = useState<AgentChoice[] | null>(null);
  const [notes, setNotes] = useState<Readonly<Record<string, boolean>>>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const wanted = query.get('c');
  const selected = state.chats.find((c) => c.contact.id === wanted) ?? null;
  const selectedId = selected?.contact.id ?? null;
  const offers = openOffers(state, now);
  const totalUnread = state.chats.reduce((n, c) => n + unreadOf(c), 0);

  const select = useCallback(
    (id: string | null) => navigate(id ? `/workspace?c=${encodeURIComponent(id)}` : '/workspace', { replace: true }),
    [],
  );

  // No chat chosen, or the chosen one ended: show the first remaining one.
  useEffect(() => {
    if (!state.ready || selected) return;
    select(state.chats[0]?.contact.id ?? null);
  }, [state.ready, selected, state.chats, select]);

  useEffect(() => {
    titleRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    const prefix = offers.length > 0 ? `(${offers.length}!) ` : totalUnread > 0 ? `(${totalUnread}) ` : '';
    document.title = `${prefix}${t('nav.workspace')} · ${t('app.name')}`;
  }, [offers.length, totalUnread, t]);

  // The open chat is read as soon as something new shows in it (while the page is visible).
  const selectedLast = selected?.conv.messages.at(-1)?.seq ?? 0;
  const selectedUnread = selected ? unreadOf(selected) : 0;
  const { markRead } = ws;
  useEffect(() => {
    if (!selectedId || document.visibilityState !== 'visible') return;
    if (selectedUnread > 0 || selectedLast > 0) markRead(selectedId, selectedLast);
  }, [selectedId, selectedLast, selectedUnread, markRead]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && selectedId && selectedUnread > 0) markRead(selectedId, selectedLast);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [selectedId, selectedLast, selectedUnread, markRead]);

  const queueName = useCallback((id: string | null) => (id ? (queues.data?.find((q) => q.id === id)?.name ?? null) : null), [queues.data]);

  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const accept = useCallback(
    async (id: string) => {
      await ws.accept(id);
      select(id);
      window.setTimeout(() => inputRef.current?.focus(), 0);
    },
    [ws.accept, select],
  );

  const openTransfer = useCallback(() => {
    setOpen('transfer');
    loadAgentChoices(me).then(setAgents, () => setAgents(null));
  }, [me]);

  const endChat = useCallback(async () => {
    if (!selectedId) return;
    if (await run(() => ws.end(selectedId))) setOpen('wrapup');
  }, [selectedId, run, ws.end]);

  // Page-wide shortcuts. Dialogs handle their own keys (Escape closes them natively).
  const handlers = useRef({ offers, selectedId, chats: state.chats });
  handlers.current = { offers, selectedId, chats: state.chats };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const cmd = commandFor({
        key: e.key,
        code: e.code,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        inField: isField(document.activeElement),
      });
      if (!cmd) return;
      const h = handlers.current;
      const firstOffer = h.offers[0];
      e.preventDefault();
      switch (cmd.cmd) {
        case 'accept':
          if (firstOffer) void run(() => accept(firstOffer.id));
          break;
        case 'reject':
          if (firstOffer) void run(() => ws.reject(firstOffer.id));
          break;
        case 'nextChat':
        case 'prevChat':
          select(neighbourChat(h.chats, h.selectedId, cmd.cmd === 'nextChat' ? 1 : -1));
          break;
        case 'gotoChat': {
          const c = h.chats[cmd.index];
          if (c) select(c.contact.id);
          break;
        }
        case 'toggleNote':
          if (h.selectedId) {
            const id = h.selectedId;
            setNotes((n) => ({ ...n, [id]: !n[id] }));
            inputRef.current?.focus();
          }
          break;
        case 'focusComposer':
          inputRef.current?.focus();
          break;
        case 'transfer':
          if (h.selectedId) openTransfer();
          break;
        case 'wrapUp':
          if (h.selectedId) setOpen('wrapup');
          break;
        case 'help':
          setOpen('help');
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [run, accept, ws.reject, select, openTransfer]);

  const customer = selected ? customerOf(state, selected.contact) : null;
  const presence = state.presence;
  const notTakingChats = presence !== null && presence.state !== 'available' && presence.state !== 'wrap_up';
  const chatCustomer = useMemo(() => (c: (typeof state.chats)[number]) => customerOf(state, c.contact), [state]);

  return (
    <section className="page page-full ws" data-testid="screen-workspace">
      <header className="ws-bar">
        <h1 ref={titleRef} tabIndex={-1} className="ws-title">
          {t('nav.workspace')}
        </h1>
        <PresenceSwitch presence={presence} now={now} onChange={ws.setPresence} />
        <ConnectionPill status={ws.connection} />
        <span className="ws-bar-spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => setOpen('help')}
          data-testid="shortcuts-open"
          aria-keyshortcuts="?"
        >
          <Icon name="keyboard" /> {t('ws.keys.open')}
        </button>
      </header>
      <ErrorBox error={ws.loadError} onRetry={ws.reload} testId="workspace-error" />
      <ErrorBox error={actionError} testId="workspace-action-error" />
      {state.wrapUpTimedOut.map((x) => (
        <div key={x.contactId} className="ws-notice" role="status" data-testid="wrapup-timeout-notice">
          <span>
            {t('ws.wrapup.timedOut', {
              name: (x.customerId ? state.customers[x.customerId]?.displayName : null) || t('ws.visitor'),
            })}
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => ws.dismissTimedOut(x.contactId)}
            data-testid="wrapup-timeout-dismiss"
          >
            {t('common.close')}
          </button>
        </div>
      ))}
      {notTakingChats && (
        <div className="ws-notice" data-testid="not-available-notice">
          <span>{t('ws.notAvailable', { state: t(`presence.${presence.state}`) })}</span>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => void run(() => ws.setPresence('available'))}
            data-testid="go-available"
          >
            {t('ws.goAvailable')}
          </button>
        </div>
      )}
      {/* Announced once per new offer; the cards themselves tick every second and must not be read out. */}
      <p className="visually-hidden" aria-live="assertive">
        {offers[0] ? t('ws.offer.announce', { name: customerOf(state, offers[0])?.displayName || t('ws.visitor') }) : ''}
      </p>
      {offers.length > 0 && (
        <section className="ws-offers" aria-label={t('ws.offers.aria')} data-testid="offers">
          {offers.map((o, i) => (
            <OfferCard
              key={o.id}
              offer={o}
              customer={customerOf(state, o)}
              queueName={queueName(o.queueId)}
              now={now}
              first={i === 0}
              onAccept={accept}
              onReject={ws.reject}
            />
          ))}
        </section>
      )}
      <div className="ws-panes">
        <nav className="ws-list" aria-label={t('ws.chats.title')}>
          <div className="ws-list-head">
            <h2>{t('ws.chats.title')}</h2>
            <span className="muted">{state.chats.length}</span>
          </div>
          {state.ready ? (
            <ChatList chats={state.chats} selectedId={selectedId} customerOf={chatCustomer} now={now} onSelect={select} />
          ) : (
            <p className="muted ws-loading" role="status">
              {t('app.loading')}
            </p>
          )}
        </nav>
        {selected ? (
          <ConversationPane
            chat={selected}
            customer={customer}
            me={state.me}
            now={now}
            canned={canned.data ?? []}
            note={notes[selected.contact.id] === true}
            busy={busy}
            inputRef={inputRef}
            onToggleNote={() => setNotes((n) => ({ ...n, [selected.contact.id]: !n[selected.contact.id] }))}
            onSend={(body, visibility, attachment) => ws.send(selected.contact.id, body, visibility, attachment)}
            onRetry={(clientId) => ws.retry(selected.contact.id, clientId)}
            onTyping={(on) => ws.typing(selected.contact.id, on)}
            onTransfer={openTransfer}
            onEnd={() => void endChat()}
            onWrapUp={() => setOpen('wrapup')}
          />
        ) : (
          <section className="ws-conv ws-conv-empty">
            <div className="empty-state">
              <p className="empty-title">{t('ws.conv.noneTitle')}</p>
              <p className="muted">
                {state.chats.length > 0
                  ? t('ws.conv.pick')
                  : presence?.state === 'available'
                    ? t('ws.conv.waiting')
                    : t('ws.conv.noneBody')}
              </p>
            </div>
          </section>
        )}
        {selected ? (
          <CustomerPanel key={selected.contact.id} contact={selected.contact} summary={customer} queueName={queueName} />
        ) : (
          <aside className="customer-panel customer-panel-empty" aria-hidden="true" />
        )}
      </div>
      {open === 'help' && <ShortcutsHelp onClose={() => setOpen(null)} />}
      {open === 'transfer' && selected && (
        <TransferDialog
          title={t('ws.transfer.title', { name: customer?.displayName || t('ws.visitor') })}
          queues={queues.data ?? []}
          agents={agents}
          excludeAgentId={me.id}
          currentQueueId={selected.contact.queueId}
          testPrefix="transfer"
          onClose={() => setOpen(null)}
          onSubmit={async (target, note) => {
            await ws.transfer(selected.contact.id, target, note);
            setOpen(null);
          }}
        />
      )}
      {open === 'wrapup' && selected && (
        <WrapUpDialog
          customerName={customer?.displayName || t('ws.visitor')}
          endsAt={selected.contact.wrapUpExpiresAt}
          now={now}
          onClose={() => setOpen(null)}
          onSubmit={async (d) => {
            await ws.wrapUp(selected.contact.id, d);
            setOpen(null);
          }}
        />
      )}
    </section>
  );
};
