/**
 * Delivers outbox events to subscribers at least once, in global order (hence in order per
 * aggregate), each subscriber with its own durable cursor so delivery resumes after a restart.
 * A failing handler blocks only its own subscriber and is retried with back-off: skipping would
 * break per-aggregate order.
 */
import type { Logger } from 'pino';
import type { Clock, DeliveredEvent } from '../../kernel/index.js';
import { type Database, PLATFORM_SCOPE } from '../db/database.js';
import { deliveredEvent } from './committed.js';
import { TimerLoop } from './timer-loop.js';

export type EventHandler = (event: DeliveredEvent) => Promise<void>;

export interface DispatcherOptions {
  readonly batchSize?: number;
  readonly pollMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * A live subscriber sees events committed after the process started, once, in order, with no
 * cursor row: it is for pushes to connected clients, which resume from their own state (message
 * sequence numbers, snapshots), not from the outbox. It runs on its own loop, so a slow or failing
 * durable subscriber never delays it, and a failing live handler is logged and skipped, never retried.
 */
export type LiveHandler = (event: DeliveredEvent) => Promise<void> | void;

interface Subscriber {
  readonly name: string;
  readonly handler: EventHandler;
  failures: number;
  /** Its cursor as last read or saved; -1 until its first pass. */
  position: number;
}

/**
 * How many recently committed events are kept for subscribers to take without a read. Events every
 * subscriber has passed are dropped at once, so this bounds only a backlog (with payloads of up to
 * 16 KiB each: larger events are read from the outbox).
 */
const RECENT_MAX = 4_096;

export class OutboxDispatcher {
  private readonly subscribers: Subscriber[] = [];
  private readonly loop = new TimerLoop(() => this.tick());
  private readonly live: { readonly name: string; readonly handler: LiveHandler }[] = [];
  private readonly liveLoop = new TimerLoop(() => this.liveTick());
  /** The last outbox id live subscribers have seen; null until the live loop has read the tail. */
  private liveCursor: number | null = null;
  private liveWakeRequested = false;
  private wakeRequested = false;
  /**
   * Events this process committed, by id, as the commit handed them over (see `committed`).
   * A subscriber at cursor c takes c+1, c+2, ... from here while they are present, and reads the
   * outbox otherwise: ids are only ever used in order and without gaps, so an event committed by
   * another path, before a restart or after a rolled-back id (PostgreSQL) is always read.
   */
  private readonly recent = new Map<number, DeliveredEvent>();
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: DispatcherOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.pollMs = opts.pollMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  }

  subscribe(name: string, handler: EventHandler): void {
    if (this.subscribers.some((s) => s.name === name)) throw new Error(`subscriber ${name} already registered`);
    this.subscribers.push({ name, handler, failures: 0, position: -1 });
  }

  /** Adds a live (non-durable) subscriber; see LiveHandler. */
  subscribeLive(name: string, handler: LiveHandler): void {
    if (this.live.some((s) => s.name === name)) throw new Error(`live subscriber ${name} already registered`);
    this.live.push({ name, handler });
    if (this.loop.running) this.liveLoop.start();
  }

  start(): void {
    this.loop.start();
    if (this.live.length > 0) this.liveLoop.start();
  }

  /** The outbox calls this after a commit, with the events it wrote (in id order); wakes the loops. */
  committed(events: readonly DeliveredEvent[]): void {
    for (const e of events) this.recent.set(e.id, e);
    // Oldest first (insertion order): a subscriber that far behind reads the outbox instead.
    for (const id of this.recent.keys()) {
      if (this.recent.size <= RECENT_MAX) break;
      this.recent.delete(id);
    }
    this.wake();
  }

  /** How many committed events are held in memory for subscribers that have not passed them. */
  get kept(): number {
    return this.recent.size;
  }

  /** Drops kept events that every subscriber (durable and live) has passed. */
  private trimRecent(): void {
    if (this.recent.size === 0) return;
    let low = this.live.length > 0 ? (this.liveCursor ?? -1) : Number.POSITIVE_INFINITY;
    for (const s of this.subscribers) low = Math.min(low, s.position);
    for (const id of this.recent.keys()) {
      if (id > low) break;
      this.recent.delete(id);
    }
  }

  /** The events after `after`, in order and without a gap, that `committed` kept; at most `limit`. */
  private fromRecent(after: number, limit: number): DeliveredEvent[] {
    const out: DeliveredEvent[] = [];
    for (let id = after + 1; out.length < limit; id++) {
      const e = this.recent.get(id);
      if (e === undefined) break;
      out.push(e);
    }
    return out;
  }

  /** Events after `after`: from what this process committed when it has them, else from the outbox. */
  private async eventsAfter(after: number, limit: number): Promise<DeliveredEvent[]> {
    const kept = this.fromRecent(after, limit);
    if (kept.length > 0) return kept;
    const rows = await this.db.tx(PLATFORM_SCOPE, (trx) =>
      trx.selectFrom('outbox').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute(),
    );
    return rows.map(deliveredEvent);
  }

  /** Asks for a pass soon. */
  wake(): void {
    // A wake during a live pass must not be lost: the pass sees the flag and runs again at once.
    this.liveWakeRequested = true;
    this.liveLoop.wake();
    if (!this.loop.running) return;
    this.wakeRequested = true;
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await Promise.all([this.loop.stop(), this.liveLoop.stop()]);
  }

  /** Delivers everything committed so far to every subscriber; for tests and tools. */
  async drain(): Promise<void> {
    await this.loop.idle();
    for (;;) {
      let delivered = 0;
      for (const s of this.subscribers) delivered += await this.pass(s);
      if (delivered === 0) return;
    }
  }

  /** One pass for the live subscribers: everything committed since the last pass, in id order. */
  private async liveTick(): Promise<number> {
    this.liveWakeRequested = false;
    try {
      if (this.liveCursor === null) {
        this.liveCursor = await this.tail();
        return 0;
      }
      const events = await this.eventsAfter(this.liveCursor, 1000);
      for (const event of events) {
        this.liveCursor = event.id;
        for (const s of this.live) {
          try {
            await s.handler(event);
          } catch (e) {
            this.log.error({ err: e, subscriber: s.name, eventId: event.id }, 'live event handler failed; event skipped');
          }
        }
      }
      this.trimRecent();
      return events.length > 0 || this.liveWakeRequested ? 0 : this.pollMs;
    } catch (e) {
      this.log.error({ err: e }, 'live event pass failed; will retry');
      return this.pollMs;
    }
  }

  private async tail(): Promise<number> {
    const max = await this.db.tx(PLATFORM_SCOPE, (trx) =>
      trx
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst(),
    );
    return Number(max?.m ?? 0);
  }

  /**
   * The highest outbox id every subscriber has passed: the lowest durable cursor, and the live
   * loop's while it has started. Retention (retention.ts) deletes nothing above it.
   */
  async passedByAll(): Promise<number> {
    let low = this.liveCursor ?? Number.POSITIVE_INFINITY;
    for (const s of this.subscribers) low = Math.min(low, await this.cursor(s.name));
    return Number.isFinite(low) ? low : 0;
  }

  /** Events not yet delivered, per subscriber (for operators and tests; not yet a metric). */
  async lag(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const top = await this.tail();
    for (const s of this.subscribers) out[s.name] = top - (await this.cursor(s.name));
    return out;
  }

  /** One pass over every subscriber; returns the delay before the next pass. */
  private async tick(): Promise<number> {
    this.wakeRequested = false;
    let backoff = 0;
    let delivered = 0;
    for (const s of this.subscribers) {
      if (!this.loop.running) return this.pollMs;
      try {
        delivered += await this.pass(s);
        s.failures = 0;
      } catch (e) {
        s.failures += 1;
        backoff = Math.max(backoff, Math.min(this.maxBackoffMs, 100 * 2 ** s.failures));
        this.log.error({ err: e, subscriber: s.name, failures: s.failures }, 'event handler failed; will retry');
      }
    }
    const more = delivered > 0 || this.wakeRequested;
    return backoff > 0 ? backoff : more ? 0 : this.pollMs;
  }

  private async cursor(name: string): Promise<number> {
    const row = await this.db.tx(PLATFORM_SCOPE, (trx) =>
      trx.selectFrom('outbox_cursors').select('last_id').where('subscriber', '=', name).executeTakeFirst(),
    );
    return row ? Number(row.last_id) : 0;
  }

  private async saveCursor(name: string, lastId: number): Promise<void> {
    const now = this.clock.now();
    await this.db.tx(PLATFORM_SCOPE, (trx) =>
      trx
        .insertInto('outbox_cursors')
        .values({ subscriber: name, last_id: lastId, updated_at: now })
        .onConflict((oc) => oc.column('subscriber').doUpdateSet({ last_id: lastId, updated_at: now }))
        .execute(),
    );
  }

  /** Delivers one batch to one subscriber; returns how many events it delivered. */
  private async pass(s: Subscriber): Promise<number> {
    const after = await this.cursor(s.name);
    s.position = after;
    const events = await this.eventsAfter(after, this.batchSize);
    // The cursor moves after the handlers: a crash in between redelivers (at least once). It is
    // saved once per batch (and before a failure propagates), not per event: one write
    // transaction per event per subscriber cost more than the events' own commits under chat load.
    let done = after;
    try {
      for (const event of events) {
        await s.handler(event);
        done = event.id;
      }
    } finally {
      if (done > after) await this.saveCursor(s.name, done);
      s.position = done;
      this.trimRecent();
    }
    return events.length;
  }
}
