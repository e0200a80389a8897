/**
 * The live supervisor view: `stats` frames over /ws/staff (at once on subscribing, then within a
 * second of every change), a short history of people waiting for the sparkline, the conversations
 * in progress (re-read when the figures move), and monitoring one conversation with whispers.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { authApi, contactsApi, liveApi, routingApi, type TransferTarget, workspaceApi } from '../api/endpoints.js';
import { newClientId } from '../api/staff-frames.js';
import { browserStaffSocket, type ConnectionStatus, type StaffSocket } from '../api/staff-socket.js';
import type { Contact, LiveStats, Me, SettablePresence } from '../api/types.js';
import { lastSeqOf } from '../workspace/conversation.js';
import { HISTORY, pushSample, type Sample } from './history.js';
import { totals } from './model.js';
import { initialMonitor, type MonitorState, monitorReducer } from './monitor.js';

/** States of a conversation that is still in progress, as the supervisor lists them. */
export const LIVE_STATES = ['queued', 'offered', 'assigned', 'wrap_up'] as const;
const CONTACTS_REFRESH_MS = 1_000;

export interface SupervisorApi {
  readonly stats: LiveStats | null;
  readonly history: readonly Sample[];
  readonly connection: ConnectionStatus;
  readonly error: unknown;
  readonly contacts: readonly Contact[] | null;
  readonly contactsError: unknown;
  readonly monitor: MonitorState;
  readonly openMonitor: (contactId: string) => void;
  readonly closeMonitor: () => void;
  readonly whisper: (body: string) => void;
  readonly setAgentState: (agentId: string, state: SettablePresence, reason?: string) => Promise<void>;
  readonly reassign: (contactId: string, target: TransferTarget, note: string) => Promise<void>;
  readonly reload: () => void;
}

export const useSupervisor = (me: Me): SupervisorApi => {
  const [stats, setStats] = useState<LiveStats | null>(null);
  const [history, setHistory] = useState<Sample[]>([]);
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [error, setError] = useState<unknown>(null);
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [contactsError, setContactsError] = useState<unknown>(null);
  const [monitor, dispatch] = useReducer(monitorReducer, me.displayName, initialMonitor);
  const socket = useRef<StaffSocket | null>(null);
  const monitorRef = useRef(monitor);
  monitorRef.current = monitor;
  const statsRef = useRef<LiveStats | null>(null);

  const accept = useCallback((s: LiveStats) => {
    statsRef.current = s;
    setStats(s);
    setError(null);
    setHistory((h) => pushSample(h, { at: Date.now(), value: totals(s).waiting }));
  }, []);

  // The conversation list is read over HTTP; at most once a second however often figures move.
  const lastContactsLoad = useRef(0);
  const contactsTimer = useRef<number | null>(null);
  const loadContacts = useCallback(async () => {
    lastContactsLoad.current = Date.now();
    try {
      const pages = await Promise.all(LIVE_STATES.map((state) => contactsApi.list({ state, limit: 200 })));
      setContacts(pages.flatMap((p) => p.items).sort((a, b) => (a.enqueuedAt ?? a.createdAt) - (b.enqueuedAt ?? b.createdAt)));
      setContactsError(null);
    } catch (e) {
      setContactsError(e);
    }
  }, []);
  const refreshContacts = useCallback(() => {
    if (contactsTimer.current !== null) return;
    const wait = Math.max(0, lastContactsLoad.current + CONTACTS_REFRESH_MS - Date.now());
    contactsTimer.current = window.setTimeout(() => {
      contactsTimer.current = null;
      void loadContacts();
    }, wait);
  }, [loadContacts]);

  const loadStats = useCallback(() => {
    liveApi.stats().then(accept, setError);
  }, [accept]);

  useEffect(() => {
    const ws = browserStaffSocket();
    socket.current = ws;
    const offFrame = ws.onFrame((frame) => {
      if (frame.t === 'stats') {
        accept(frame.stats);
        refreshContacts();
        return;
      }
      dispatch({ type: 'frame', frame, now: Date.now() });
    });
    const offStatus = ws.onStatus((s) => {
      setConnection(s);
      if (s === 'reconnecting' && ws.failures > 0 && ws.failures % 3 === 0) authApi.me().catch(() => undefined);
    });
    // Whispers the server has not acknowledged go again after a reconnection (same clientId: stored once).
    const offOpen = ws.onOpen(() => {
      const m = monitorRef.current;
      if (!m.contactId) return;
      for (const p of m.conv.pending)
        if (p.failed === null) ws.send({ t: 'whisper', contactId: m.contactId, clientId: p.clientId, body: p.body });
    });
    ws.subscribe('supervisor', () => ({ t: 'subscribe', topic: 'supervisor' }));
    ws.start();
    loadStats();
    void loadContacts();
    // The sparkline moves on even when nothing changes: one sample every step with the last value.
    const tick = window.setInterval(() => {
      const s = statsRef.current;
      if (s) setHistory((h) => pushSample(h, { at: Date.now(), value: totals(s).waiting }));
    }, HISTORY.stepMs);
    const online = () => ws.nudge();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(tick);
      if (contactsTimer.current !== null) window.clearTimeout(contactsTimer.current);
      contactsTimer.current = null;
      offFrame();
      offStatus();
      offOpen();
      ws.stop();
      socket.current = null;
    };
  }, [accept, loadStats, loadContacts, refreshContacts]);

  const closeMonitor = useCallback(() => {
    const id = monitorRef.current.contactId;
    if (id) socket.current?.unsubscribe(`contact:${id}`, { t: 'unsubscribe', topic: 'contact', contactId: id });
    dispatch({ type: 'close' });
  }, []);

  const openMonitor = useCallback(
    (contactId: string) => {
      if (monitorRef.current.contactId === contactId) return;
      closeMonitor();
      dispatch({ type: 'open', contactId });
      socket.current?.subscribe(`contact:${contactId}`, () => ({
        t: 'subscribe',
        topic: 'contact',
        contactId,
        afterSeq: monitorRef.current.contactId === contactId ? lastSeqOf(monitorRef.current.conv) : 0,
      }));
    },
    [closeMonitor],
  );

  const whisper = useCallback((body: string) => {
    const contactId = monitorRef.current.contactId;
    if (!contactId) return;
    const clientId = newClientId();
    dispatch({ type: 'whisper', pending: { clientId, body, visibility: 'whisper', at: Date.now(), failed: null } });
    socket.current?.send({ t: 'whisper', contactId, clientId, body });
  }, []);

  const setAgentState = useCallback(async (agentId: string, state: SettablePresence, reason?: string) => {
    await routingApi.setAgentState(agentId, state, reason);
  }, []);

  const reassign = useCallback(
    async (contactId: string, target: TransferTarget, note: string) => {
      await workspaceApi.transfer(contactId, target, note);
      void loadContacts();
    },
    [loadContacts],
  );

  const reload = useCallback(() => {
    loadStats();
    void loadContacts();
  }, [loadStats, loadContacts]);

  return {
    stats,
    history,
    connection,
    error,
    contacts,
    contactsError,
    monitor,
    openMonitor,
    closeMonitor,
    whisper,
    setAgentState,
    reassign,
    reload,
  };
};
