/**
 * One WebSocket connection: who it is, its rate limit, its heartbeat state, its subscriptions and
 * a queue that handles its frames one at a time (so `hello` completes before the next frame and
 * acks follow the order frames were sent).
 */
import type { WebSocket } from 'ws';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type ErrorDetail, type TenantContext } from '../kernel/index.js';
import type { DeliveryGate } from './core/delivery.js';
import { CONNECTION_LIMITS, MAX_REFUSALS, TokenBucket } from './core/rate-limit.js';
import type { ContactAccess } from './core/subscriptions.js';
import type { VisitorSession } from './ports.js';

/** A frame ready to send: its seq (for ordering) and its JSON text, shared by every recipient. */
export interface OutFrame {
  readonly seq: number | null;
  readonly data: string;
}

export const frame = (value: Record<string, unknown>, seq: number | null = null): OutFrame => ({ seq, data: JSON.stringify(value) });

/** Close codes: 1008 policy (auth, origin, floods), 1001 going away (shutdown), 1013 too slow. */
export const CLOSE = { policy: 1008, goingAway: 1001, tryAgainLater: 1013 } as const;

// A client that stops reading while we keep writing would grow our memory without bound.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const MAX_OWN_SENDS = 256;

/** The socket under a ws WebSocket (not in its typings); corked to coalesce writes. */
interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed: boolean;
}
const socketOf = (ws: WebSocket): Corkable | null => (ws as unknown as { _socket?: Corkable })._socket ?? null;

/**
 * Frames sent to one socket within one turn of the event loop (an ack and a message, a burst of
 * live messages) leave in one write instead of one system call each: the socket is corked at the
 * first and uncorked once, after the turn.
 */
const corked = new Set<Corkable>();
const uncorkAll = (): void => {
  for (const s of corked) if (!s.destroyed) s.uncork();
  corked.clear();
};
const corkForTurn = (ws: WebSocket): void => {
  const socket = socketOf(ws);
  if (!socket || corked.has(socket) || socket.destroyed) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  socket.cork();
  corked.add(socket);
};

export interface ContactSubscription {
  readonly gate: DeliveryGate<OutFrame>;
  access: ContactAccess;
}

export class Connection {
  missedPongs = 0;
  refusals = 0;
  readonly topics = new Set<string>();
  /** Contact subscriptions by contact id (a visitor has at most one, its own conversation). */
  readonly contacts = new Map<string, ContactSubscription>();
  visitor: VisitorSession | null = null;
  /** The token the visitor said hello with, checked again on every heartbeat. */
  visitorToken: string | null = null;
  /** A heartbeat's credential check is under way (a slow store must not pile them up). */
  rechecking = false;
  /** The last `wait` sent, so a recomputation that changes nothing sends nothing. */
  lastWait: string | null = null;
  private readonly bucket: TokenBucket;
  /** `contactId|clientId` of messages this connection sent whose live echo has not come yet. */
  private readonly ownSends = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    readonly kind: 'visitor' | 'staff',
    readonly staff: TenantContext | null,
    now: number,
  ) {
    this.bucket = new TokenBucket(CONNECTION_LIMITS, now);
  }

  get tenantId(): string | null {
    return this.staff?.tenantId ?? this.visitor?.tenantId ?? null;
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(f: OutFrame): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // Nothing is lost: the client resumes from its last seq when it reconnects.
      this.ws.close(CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    corkForTurn(this.ws);
    this.ws.send(f.data);
  }

  /**
   * Sends a live frame of a contact through that subscription's ordering gate. A message this
   * connection sent itself (`clientId` posted through postOwn) only moves the gate on: its ack already
   * carried the seq, so the echo would be a second frame and write for nothing.
   */
  sendToContact(contactId: string, f: OutFrame, clientId?: string): void {
    const sub = this.contacts.get(contactId);
    if (!sub) return;
    const own = clientId !== undefined && this.ownSends.delete(`${contactId}|${clientId}`);
    for (const out of sub.gate.live(f)) if (!own || out !== f) this.send(out);
  }

  /**
   * Posts a message this connection sends (see sendToContact). It is recorded before the post:
   * the live push runs from the commit's after-commit hand-over, which can come before the post's
   * own continuation (on PostgreSQL it does), so recording it at the ack would echo it.
   */
  async postOwn<T>(contactId: string, clientId: string, post: () => Promise<T>): Promise<T> {
    const key = `${contactId}|${clientId}`;
    this.ownSends.add(key);
    // Bounded: a repeated client id (answered from the store, no live push) must not grow this forever.
    if (this.ownSends.size > MAX_OWN_SENDS) this.ownSends.delete(this.ownSends.values().next().value as string);
    try {
      return await post();
    } catch (e) {
      this.ownSends.delete(key);
      throw e;
    }
  }

  error(code: ErrorCode, ref: string | null = null, details: readonly ErrorDetail[] = [], message?: string): void {
    this.send(
      frame({
        t: 'error',
        code,
        message: message ?? ERROR_CATALOGUE[code].message,
        ...(details.length > 0 ? { details } : {}),
        ...(ref !== null ? { ref } : {}),
      }),
    );
  }

  appError(e: AppError, ref: string | null): void {
    this.error(e.code, ref, e.details, e.message);
  }

  /** Admits a frame under the connection's rate limit; refused ones count towards closing it. */
  admit(now: number): boolean {
    if (this.bucket.take(now)) return true;
    this.refuse();
    return false;
  }

  /** Refuses a frame as RATE_LIMITED; after too many refusals the connection is closed. */
  refuse(ref: string | null = null): void {
    this.refusals += 1;
    this.error('RATE_LIMITED', ref);
    if (this.refusals >= MAX_REFUSALS) this.close(CLOSE.policy, 'rate limit exceeded');
  }

  /** Runs frame handlers one after another. */
  enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work, work);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.CONNECTING || this.open) this.ws.close(code, reason);
  }
}

export const toAppError = (e: unknown): AppError | null => (e instanceof AppError ? e : null);
