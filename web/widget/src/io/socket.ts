/**
 * The /ws/visitor connection: hello with the last seq received, reconnect with exponential
 * back-off and jitter after any drop, a client ping to notice half-open connections (phones switching
 * networks), and an immediate retry when the browser comes back online or the tab becomes visible.
 * What to do with frames is the controller's business; this only keeps a socket alive.
 */
import { backoffDelay } from '../core/backoff.js';
import { type ClientFrame, parseServerFrame, type ServerFrame } from '../core/protocol.js';

export type LinkStatus = 'connecting' | 'open' | 'offline';

export interface SocketHandlers {
  /** Every parsed frame, welcome included. */
  onFrame(f: ServerFrame): void;
  onStatus(s: LinkStatus): void;
  /** The server refused the token: reconnecting cannot help. */
  onRejected(code: string): void;
}

const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const REJECTING_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN', 'SESSION_EXPIRED']);

export class VisitorSocket {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private stopped = false;
  private welcomed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly wake = () => this.reconnectNow();
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly afterSeq: () => number,
    private readonly handlers: SocketHandlers,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    window.addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  /** True when the frame went out; false while disconnected (the caller re-sends after welcome). */
  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || !this.welcomed) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  get isOpen(): boolean {
    return this.welcomed && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Closes the socket the way a network drop would; the usual reconnect follows (test hook). */
  drop(): void {
    this.ws?.close(4000, 'dropped');
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.clearTimers();
    this.ws?.close(1000, 'bye');
    this.ws = null;
  }

  private connect(): void {
    if (this.stopped) return;
    this.clearTimers();
    this.welcomed = false;
    this.handlers.onStatus(this.attempts === 0 ? 'connecting' : 'offline');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ t: 'hello', token: this.token, afterSeq: this.afterSeq() } satisfies ClientFrame));
    ws.onmessage = (ev) => {
      if (ws !== this.ws || typeof ev.data !== 'string') return;
      this.onMessage(ev.data);
    };
    ws.onclose = () => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.welcomed = false;
      this.clearTimers();
      if (!this.stopped) this.scheduleRetry();
    };
  }

  private onMessage(data: string): void {
    if (this.pongTimer) {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
    }
    const f = parseServerFrame(data);
    if (!f) return;
    if (f.t === 'error' && !this.welcomed && REJECTING_CODES.has(f.code)) {
      this.stop();
      this.handlers.onRejected(f.code);
      return;
    }
    if (f.t === 'welcome') {
      this.welcomed = true;
      this.attempts = 0;
      this.startPinging();
      this.handlers.onStatus('open');
    }
    this.handlers.onFrame(f);
  }

  private startPinging(): void {
    this.pingTimer = setInterval(() => {
      if (!this.send({ t: 'ping' }) || this.pongTimer) return;
      // Any frame counts as a sign of life; none within the window means the link is dead.
      this.pongTimer = setTimeout(() => this.drop(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  private scheduleRetry(): void {
    this.handlers.onStatus('offline');
    const delay = backoffDelay(this.attempts, this.random());
    this.attempts++;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    if (this.stopped || this.ws) return;
    this.attempts = 0;
    this.connect();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = null;
  }
}
