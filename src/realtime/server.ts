/**
 * The WebSocket server: takes `upgrade` requests from the HTTP server for /ws/visitor and
 * /ws/staff, refuses bad ones with a plain HTTP answer before upgrading (401, 403, 404, 503),
 * runs heartbeats and the hello deadline, and closes every socket on shutdown.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { ERROR_CATALOGUE, type ErrorCode, type TenantContext } from '../kernel/index.js';
import { Coalescer } from './coalesce.js';
import { CLOSE, Connection } from './connection.js';
import type { RealtimeShared } from './context.js';
import { MAX_FRAME_BYTES } from './core/frames.js';
import { BucketMap, VISITOR_MESSAGE_LIMITS } from './core/rate-limit.js';
import { Hub } from './hub.js';
import { LiveEvents } from './live.js';
import { isOwnOrigin } from './origin.js';
import type { RealtimePorts } from './ports.js';
import { onStaffFrame } from './staff.js';
import { onVisitorFrame, recheckVisitor } from './visitor.js';

export interface RealtimeOptions {
  readonly log: Logger;
  readonly now?: () => number;
  /** Ping interval; a connection that misses two pongs in a row is dropped. */
  readonly heartbeatMs?: number;
  /** How long a visitor connection may stay without a valid hello. */
  readonly helloTimeoutMs?: number;
  /** Coalescing interval of statistics and wait updates (at most one per interval per key). */
  readonly coalesceMs?: number;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

const refuse = (socket: Duplex, code: ErrorCode): void => {
  const { status, message } = ERROR_CATALOGUE[code];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
};

const textOf = (data: RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.from(data).toString('utf8');

export class Realtime {
  readonly events: LiveEvents;
  private readonly shared: RealtimeShared;
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  /** Connections waiting for their credential re-check, and whether the drainer runs. */
  private readonly recheckQueue = new Set<Connection>();
  /** How long one credential re-check may hold up the others. */
  private readonly recheckLimitMs: number;
  private rechecking = false;
  private readonly upgrades = new WeakMap<Connection, IncomingMessage>();
  private readonly helloTimeoutMs: number;
  private closing = false;

  constructor(
    private readonly ports: RealtimePorts,
    private readonly opts: RealtimeOptions,
  ) {
    const now = opts.now ?? Date.now;
    this.shared = {
      hub: new Hub(),
      ports,
      log: opts.log,
      now,
      visitorMessages: new BucketMap(VISITOR_MESSAGE_LIMITS),
      coalescer: new Coalescer(opts.coalesceMs ?? 250, now, (e, key) => opts.log.error({ err: e, key }, 'live update failed')),
    };
    this.events = new LiveEvents(this.shared);
    this.helloTimeoutMs = opts.helloTimeoutMs ?? 5_000;
    // Frames over 16 KiB are refused by ws itself with close code 1009 before we parse anything.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    this.recheckLimitMs = Math.min(opts.heartbeatMs ?? 20_000, 5_000);
    this.heartbeat = setInterval(() => this.beat(), opts.heartbeatMs ?? 20_000);
    this.heartbeat.unref();
  }

  /** Takes the upgrade requests of an HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      void this.upgrade(req, socket, head).catch((e: unknown) => {
        this.opts.log.error({ err: e }, 'websocket upgrade failed');
        refuse(socket, 'INTERNAL');
      });
    });
  }

  /** Connections open now (for tests, metrics and the benchmark). */
  get connectionCount(): number {
    return this.shared.hub.connections().size;
  }

  /** Closes every connection (1001) and stops the timers; waits at most `graceMs` for clients. */
  async close(graceMs = 1_000): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.shared.coalescer.stop();
    const sockets = [...this.wss.clients];
    for (const ws of sockets) ws.close(CLOSE.goingAway, 'server shutting down');
    const closed = Promise.all(
      sockets.map((ws) => new Promise<void>((r) => (ws.readyState === ws.CLOSED ? r() : ws.once('close', () => r())))),
    );
    const timer = new Promise<void>((r) => setTimeout(r, graceMs).unref());
    await Promise.race([closed, timer]);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closing) return refuse(socket, 'SHUTTING_DOWN');
    const path = (req.url ?? '').split('?')[0];
    if (path === '/ws/visitor') {
      // Browsers always send Origin; the widget's allowed origins are checked at hello, once the
      // token says which widget this is.
      if (typeof req.headers.origin !== 'string') return refuse(socket, 'FORBIDDEN');
      return this.accept(req, socket, head, 'visitor', null);
    }
    if (path === '/ws/staff') {
      if (typeof req.headers.origin === 'string' && !isOwnOrigin(req)) return refuse(socket, 'FORBIDDEN');
      const ctx = await this.ports.staff.authenticate(req).catch(() => null);
      if (!ctx) return refuse(socket, 'UNAUTHENTICATED');
      if (this.closing) return refuse(socket, 'SHUTTING_DOWN');
      return this.accept(req, socket, head, 'staff', ctx);
    }
    refuse(socket, 'ROUTE_NOT_FOUND');
  }

  private accept(req: IncomingMessage, socket: Duplex, head: Buffer, kind: 'visitor' | 'staff', ctx: TenantContext | null): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, req, kind, ctx));
  }

  private connected(ws: WebSocket, req: IncomingMessage, kind: 'visitor' | 'staff', ctx: TenantContext | null): void {
    const s = this.shared;
    const conn = new Connection(ws, kind, ctx, s.now());
    // Kept to check the staff credential again on each heartbeat (a log-out, a disabled user or a
    // suspended tenant ends the socket too, not only new connections); a visitor's token is kept
    // on the connection at hello for the same reason.
    if (kind === 'staff') this.upgrades.set(conn, req);
    s.hub.register(conn);
    const hello =
      kind === 'visitor'
        ? setTimeout(() => {
            if (conn.visitor) return;
            conn.error('UNAUTHENTICATED', null, [], 'Send hello with your visitor token first.');
            conn.close(CLOSE.policy, 'hello timeout');
          }, this.helloTimeoutMs)
        : null;
    ws.on('pong', () => {
      conn.missedPongs = 0;
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        conn.error('VALIDATION_FAILED', null, [], 'Send JSON text frames.');
        return;
      }
      const text = textOf(data);
      if (kind === 'visitor') onVisitorFrame(s, conn, req, text);
      else onStaffFrame(s, conn, text);
    });
    ws.on('error', (e) => s.log.debug({ err: e }, 'websocket error'));
    ws.on('close', () => {
      if (hello) clearTimeout(hello);
      s.hub.drop(conn);
      this.upgrades.delete(conn);
    });
  }

  /** Closes a staff socket whose credential no longer authenticates (same rules as at upgrade). */
  private async recheckStaff(conn: Connection, req: IncomingMessage): Promise<void> {
    const ctx = await this.ports.staff.authenticate(req).catch(() => null);
    if (ctx || !conn.open) return;
    conn.error('UNAUTHENTICATED', null, [], 'Your session has ended; sign in again.');
    conn.close(CLOSE.policy, 'session ended');
  }

  /** Checks a connection's credential again, at most one check at a time per connection. */
  private recheck(conn: Connection): Promise<void> | null {
    if (conn.rechecking || !conn.open) return null;
    const req = this.upgrades.get(conn);
    const check = req ? this.recheckStaff(conn, req) : conn.visitor ? recheckVisitor(this.shared, conn) : null;
    if (!check) return null;
    conn.rechecking = true;
    return check.finally(() => {
      conn.rechecking = false;
    });
  }

  /**
   * Re-checks the credentials of the connections a beat queued, one at a time with a turn of the
   * event loop between them: thousands of checks at once would stall every socket for as long as
   * they all take (a second or more with 5,000 visitors), which is what message latency would show.
   */
  private async withinLimit(check: Promise<void> | null): Promise<void> {
    if (!check) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.recheckLimitMs);
      timer.unref();
    });
    await Promise.race([check, limit]);
    clearTimeout(timer);
  }

  private async drainRechecks(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const conn of this.recheckQueue) {
        this.recheckQueue.delete(conn);
        if (this.closing) break;
        // A check that hangs (a store call on a dead connection) must not stop the others: it is
        // given up after a while, and its socket is checked again at a later beat once it settles.
        await this.withinLimit(this.recheck(conn));
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.rechecking = false;
    }
  }

  private beat(): void {
    for (const conn of this.shared.hub.connections()) {
      if (conn.missedPongs >= 2) {
        conn.ws.terminate();
        continue;
      }
      conn.missedPongs += 1;
      if (conn.open) conn.ws.ping();
      this.recheckQueue.add(conn);
    }
    void this.drainRechecks();
    this.shared.visitorMessages.sweep(this.shared.now());
  }
}
