/**
 * The staff WebSocket (/ws/staff): one connection per screen, authenticated by the session cookie
 * at upgrade. It reconnects with exponential back-off and jitter, and on every (re)connection sends
 * each registered subscription again; a conversation resumes from the `afterSeq` its owner reports
 * at that moment, so messages that arrived while offline are replayed once and nothing is lost.
 * The socket, clock and timers are injected, so tests drive it without a browser or a server.
 */
import { type ClientFrame, parseServerFrame, type ServerFrame } from './staff-frames.js';

/** The part of the browser WebSocket this module uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/**
 * Delay before reconnection attempt `attempt` (0 = first retry): doubling from baseMs up to maxMs,
 * with "equal jitter" (half fixed, half random) so a server restart is not hit by every tab at once.
 */
export const backoffDelay = (attempt: number, random: number, o: BackoffOptions = DEFAULT_BACKOFF): number => {
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
};

const OPEN = 1;

export interface StaffSocketOptions {
  readonly url: string;
  readonly create: SocketFactory;
  readonly scheduler: Scheduler;
  readonly backoff?: BackoffOptions;
  /** How often the client sends `ping`; a connection silent for three of these is dropped and redialled. */
  readonly heartbeatMs?: number;
  /** How long a connection must stay up before the back-off starts from the beginning again. */
  readonly stableMs?: number;
}

type Listener<T> = (v: T) => void;

export class StaffSocket {
  private socket: SocketLike | null = null;
  private status: ConnectionStatus = 'stopped';
  private attempt = 0;
  private retryTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private stableTimer: unknown = null;
  private lastHeard = 0;
  private readonly subs = new Map<string, () => ClientFrame>();
  private readonly frameListeners = new Set<Listener<ServerFrame>>();
  private readonly statusListeners = new Set<Listener<ConnectionStatus>>();
  private readonly openListeners = new Set<() => void>();

  constructor(private readonly o: StaffSocketOptions) {}

  get connection(): ConnectionStatus {
    return this.status;
  }

  start(): void {
    if (this.status !== 'stopped') return;
    this.dial('connecting');
  }

  stop(): void {
    this.setStatus('stopped');
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      s.onopen = null;
      s.close(1000, 'bye');
    }
  }

  /** Redial now (the browser came back online): skips the remaining back-off wait. */
  nudge(): void {
    if (this.status !== 'reconnecting') return;
    if (this.retryTimer !== null) this.o.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.dial('reconnecting');
  }

  onFrame(fn: Listener<ServerFrame>): () => void {
    this.frameListeners.add(fn);
    return () => this.frameListeners.delete(fn);
  }

  onStatus(fn: Listener<ConnectionStatus>): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** Called after each (re)connection, once the subscriptions went out: the place to resend what was not acknowledged. */
  onOpen(fn: () => void): () => void {
    this.openListeners.add(fn);
    return () => this.openListeners.delete(fn);
  }

  /** Keeps a subscription for the life of the socket; `frame` is evaluated at every (re)connection. */
  subscribe(key: string, frame: () => ClientFrame): void {
    this.subs.set(key, frame);
    this.send(frame());
  }

  unsubscribe(key: string, frame: ClientFrame): void {
    if (!this.subs.delete(key)) return;
    this.send(frame);
  }

  hasSubscription(key: string): boolean {
    return this.subs.has(key);
  }

  /** Sends when connected; answers false (and drops the frame) otherwise. */
  send(frame: ClientFrame): boolean {
    const s = this.socket;
    if (!s || this.status !== 'open' || s.readyState !== OPEN) return false;
    s.send(JSON.stringify(frame));
    return true;
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const fn of this.statusListeners) fn(s);
  }

  private clearTimers(): void {
    const sch = this.o.scheduler;
    for (const h of [this.retryTimer, this.heartbeatTimer, this.stableTimer]) if (h !== null) sch.clearTimeout(h);
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.stableTimer = null;
  }

  private dial(status: 'connecting' | 'reconnecting'): void {
    this.setStatus(status);
    let s: SocketLike;
    try {
      s = this.o.create(this.o.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = s;
    s.onopen = () => this.opened(s);
    s.onmessage = (ev) => this.received(s, ev.data);
    s.onclose = () => this.closed(s);
    s.onerror = () => {
      // A failed upgrade (for instance 401) reports an error and then a close; the close decides.
    };
  }

  private opened(s: SocketLike): void {
    if (s !== this.socket) return;
    this.lastHeard = this.o.scheduler.now();
    this.setStatus('open');
    for (const frame of this.subs.values()) this.send(frame());
    for (const fn of this.openListeners) fn();
    this.stableTimer = this.o.scheduler.setTimeout(() => {
      this.stableTimer = null;
      this.attempt = 0;
    }, this.o.stableMs ?? 5_000);
    this.armHeartbeat();
  }

  private armHeartbeat(): void {
    const every = this.o.heartbeatMs ?? 20_000;
    this.heartbeatTimer = this.o.scheduler.setTimeout(() => {
      this.heartbeatTimer = null;
      if (this.status !== 'open' || !this.socket) return;
      if (this.o.scheduler.now() - this.lastHeard > every * 3) {
        // Nothing heard for three beats: the connection is dead even if the browser has not noticed.
        this.socket.close(4000, 'silent');
        this.closed(this.socket);
        return;
      }
      this.send({ t: 'ping' });
      this.armHeartbeat();
    }, every);
  }

  private received(s: SocketLike, data: unknown): void {
    if (s !== this.socket) return;
    this.lastHeard = this.o.scheduler.now();
    if (typeof data !== 'string') return;
    const frame = parseServerFrame(data);
    if (!frame) return;
    for (const fn of this.frameListeners) fn(frame);
  }

  private closed(s: SocketLike): void {
    if (s !== this.socket) return;
    s.onopen = null;
    s.onmessage = null;
    s.onclose = null;
    s.onerror = null;
    this.socket = null;
    this.clearTimers();
    if (this.status === 'stopped') return;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt, this.o.scheduler.random(), this.o.backoff);
    this.attempt += 1;
    this.retryTimer = this.o.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.dial('reconnecting');
    }, delay);
  }

  /** Failed attempts since the last stable connection (the UI may check the session after a few). */
  get failures(): number {
    return this.attempt;
  }
}

/** The browser wiring: same origin as the page, ws or wss to match it. */
export const browserStaffSocket = (): StaffSocket =>
  new StaffSocket({
    url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws/staff`,
    create: (url) => new WebSocket(url) as unknown as SocketLike,
    scheduler: {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
      now: () => Date.now(),
      random: () => Math.random(),
    },
  });
