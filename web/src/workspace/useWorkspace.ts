/**
 * The live agent workspace: loads the read model (GET /api/v1/workspace), keeps one /ws/staff
 * connection, subscribes to the agent topic and to every handled conversation (resuming each from
 * the last seq held), and turns the agent's actions into frames and HTTP calls. After every
 * reconnection it reloads the read model and resends what the server has not acknowledged.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { authApi, customersApi, type DispositionInput, type TransferTarget, workspaceApi } from '../api/endpoints.js';
import { newClientId, type ServerFrame } from '../api/staff-frames.js';
import { browserStaffSocket, type ConnectionStatus, type StaffSocket } from '../api/staff-socket.js';
import type { Attachment, Me, SettablePresence } from '../api/types.js';
import { lastSeqOf, sendFrame } from './conversation.js';
import { initialWorkspace, type WorkspaceState, workspaceReducer } from './state.js';

export interface WorkspaceApi {
  readonly state: WorkspaceState;
  readonly connection: ConnectionStatus;
  readonly loadError: unknown;
  readonly reload: () => void;
  readonly send: (contactId: string, body: string, visibility: 'public' | 'internal', attachment?: Attachment | null) => void;
  readonly retry: (contactId: string, clientId: string) => void;
  readonly typing: (contactId: string, on: boolean) => void;
  readonly markRead: (contactId: string, seq: number) => void;
  readonly setPresence: (state: SettablePresence, reason?: string) => Promise<void>;
  readonly accept: (contactId: string) => Promise<void>;
  readonly reject: (contactId: string) => Promise<void>;
  readonly end: (contactId: string) => Promise<void>;
  readonly wrapUp: (contactId: string, d: DispositionInput) => Promise<void>;
  readonly transfer: (contactId: string, target: TransferTarget, note: string) => Promise<void>;
  readonly dismissTimedOut: (contactId: string) => void;
}

const contactKey = (id: string) => `contact:${id}`;

export const useWorkspace = (me: Me): WorkspaceApi => {
  const [state, dispatch] = useReducer(workspaceReducer, { id: me.id, name: me.displayName }, initialWorkspace);
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [loadError, setLoadError] = useState<unknown>(null);
  const socket = useRef<StaffSocket | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  // Frames that arrive while the read model is loading wait for it, so an older snapshot never
  // overwrites a newer frame; they are idempotent, so replaying them after it is safe.
  const loading = useRef(0);
  const held = useRef<ServerFrame[]>([]);

  const load = useCallback(async () => {
    loading.current += 1;
    try {
      const snapshot = await workspaceApi.get();
      dispatch({ type: 'snapshot', snapshot, now: Date.now() });
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    } finally {
      loading.current -= 1;
      if (loading.current === 0) {
        const frames = held.current;
        held.current = [];
        const now = Date.now();
        for (const frame of frames) dispatch({ type: 'frame', frame, now });
      }
    }
  }, []);

  const resendPending = useCallback(() => {
    const ws = socket.current;
    if (!ws) return;
    for (const chat of stateRef.current.chats) {
      for (const p of chat.conv.pending) {
        // The same clientId again: the server stores it once and acknowledges with the stored seq.
        if (p.failed === null && p.visibility !== 'whisper') ws.send(sendFrame(chat.contact.id, p, p.visibility));
      }
    }
  }, []);

  useEffect(() => {
    const ws = browserStaffSocket();
    socket.current = ws;
    const offFrame = ws.onFrame((frame) => {
      if (loading.current > 0) held.current.push(frame);
      else dispatch({ type: 'frame', frame, now: Date.now() });
    });
    const offStatus = ws.onStatus((s) => {
      setConnection(s);
      // A socket that keeps failing may mean the session ended: asking the API lets the app
      // notice (any 401 returns to the log-in screen).
      if (s === 'reconnecting' && ws.failures > 0 && ws.failures % 3 === 0) authApi.me().catch(() => undefined);
    });
    let first = true;
    const offOpen = ws.onOpen(() => {
      if (!first) void load();
      first = false;
      resendPending();
    });
    ws.subscribe('agent', () => ({ t: 'subscribe', topic: 'agent' }));
    ws.start();
    void load();
    const online = () => ws.nudge();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      offFrame();
      offStatus();
      offOpen();
      ws.stop();
      socket.current = null;
    };
  }, [load, resendPending]);

  // One contact subscription per handled conversation, resuming after the last message held.
  const subscribed = useRef<Set<string>>(new Set());
  const chatIds = state.chats.map((c) => c.contact.id).join(' ');
  useEffect(() => {
    const ws = socket.current;
    if (!ws) return;
    const wanted = new Set(chatIds ? chatIds.split(' ') : []);
    for (const id of wanted) {
      if (ws.hasSubscription(contactKey(id))) continue;
      ws.subscribe(contactKey(id), () => {
        const chat = stateRef.current.chats.find((c) => c.contact.id === id);
        return { t: 'subscribe', topic: 'contact', contactId: id, afterSeq: chat ? lastSeqOf(chat.conv) : 0 };
      });
    }
    for (const id of subscribed.current) {
      if (!wanted.has(id)) ws.unsubscribe(contactKey(id), { t: 'unsubscribe', topic: 'contact', contactId: id });
    }
    subscribed.current = wanted;
  }, [chatIds]);

  // Customer names for chats and offers the read model did not describe (new offers, transfers).
  const asked = useRef<Set<string>>(new Set());
  const missingCustomers = [...state.chats.map((c) => c.contact), ...state.offers]
    .map((c) => c.customerId)
    .filter((id): id is string => id !== null && !state.customers[id])
    .join(' ');
  useEffect(() => {
    for (const id of missingCustomers ? missingCustomers.split(' ') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      customersApi.get(id).then(
        (c) => dispatch({ type: 'customer', customer: { id: c.id, displayName: c.displayName, tier: c.tier, tags: c.tags } }),
        () => undefined,
      );
    }
  }, [missingCustomers]);

  const send = useCallback((contactId: string, body: string, visibility: 'public' | 'internal', attachment: Attachment | null = null) => {
    const pending = { clientId: newClientId(), body, visibility, at: Date.now(), failed: null, attachment };
    dispatch({ type: 'sending', contactId, pending });
    socket.current?.send(sendFrame(contactId, pending, visibility));
  }, []);

  const retry = useCallback((contactId: string, clientId: string) => {
    const chat = stateRef.current.chats.find((c) => c.contact.id === contactId);
    const p = chat?.conv.pending.find((x) => x.clientId === clientId);
    if (!p || p.visibility === 'whisper') return;
    dispatch({ type: 'retry', contactId, clientId });
    socket.current?.send(sendFrame(contactId, p, p.visibility));
  }, []);

  const typing = useCallback((contactId: string, on: boolean) => {
    socket.current?.send({ t: 'typing', contactId, on });
  }, []);

  // Each seq is reported read once per connection; the reducer clears the unread count at once.
  const readSent = useRef(new Map<string, number>());
  const markRead = useCallback((contactId: string, seq: number) => {
    dispatch({ type: 'markRead', contactId, seq });
    if ((readSent.current.get(contactId) ?? -1) >= seq) return;
    if (socket.current?.send({ t: 'read', contactId, seq })) readSent.current.set(contactId, seq);
  }, []);

  const actions = useMemo(
    () => ({
      setPresence: async (s: SettablePresence, reason?: string) => {
        await workspaceApi.setMyState(s, reason);
        dispatch({
          type: 'presence',
          presence: { state: s, since: Date.now(), reason: s === 'break' || s === 'not_ready' ? (reason ?? null) : null },
        });
      },
      accept: async (id: string) => dispatch({ type: 'contact', contact: await workspaceApi.accept(id) }),
      reject: async (id: string) => dispatch({ type: 'contact', contact: await workspaceApi.reject(id) }),
      end: async (id: string) => dispatch({ type: 'contact', contact: await workspaceApi.end(id) }),
      wrapUp: async (id: string, d: DispositionInput) => {
        // Wrap-up from an open chat ends it first (assigned → wrap_up → closed).
        const current = stateRef.current.chats.find((c) => c.contact.id === id)?.contact;
        if (current?.state === 'assigned') dispatch({ type: 'contact', contact: await workspaceApi.end(id) });
        dispatch({ type: 'contact', contact: await workspaceApi.wrapUp(id, d) });
      },
      transfer: async (id: string, target: TransferTarget, note: string) =>
        dispatch({ type: 'contact', contact: await workspaceApi.transfer(id, target, note) }),
      dismissTimedOut: (id: string) => dispatch({ type: 'dismissTimedOut', contactId: id }),
    }),
    [],
  );

  return { state, connection, loadError, reload: () => void load(), send, retry, typing, markRead, ...actions };
};
