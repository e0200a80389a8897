/**
 * The transactional outbox: events are inserted in the same transaction as the state change that
 * caused them, so either both commit or neither does.
 */
import { sql, type Transaction } from 'kysely';
import type { DeliveredEvent, DomainEvent } from '../../kernel/index.js';
import { beforeCommit, type Dialect, type Flusher, insertRowsReturning, onCommit } from '../db/database.js';
import type { DB, OutboxTable } from '../db/schema.js';
import { deliveredEvent } from './committed.js';

// On PostgreSQL concurrent writers could commit out of id order and a reader at `id > cursor`
// would skip the late one. Serialising outbox writers with a transaction-scoped advisory lock keeps
// commit order equal to id order (ADR 0003). SQLite has a single writer already.
const OUTBOX_LOCK_KEY = 7_331_001;

/** Payloads (JSON characters) above this are not handed over after commit. */
const HAND_OVER_MAX_PAYLOAD = 16 * 1024;

export interface Outbox {
  append(trx: Transaction<DB>, tenantId: string, events: readonly DomainEvent[], now: number): Promise<void>;
}

type OutboxRow = Omit<OutboxTable, 'id'>;

/** Told, after a commit, the events it wrote, in id order (the dispatcher: see `committed` there). */
export type OnCommitted = (events: readonly DeliveredEvent[]) => void;

/**
 * Rows are deferred to just before commit (nothing reads the outbox inside the writing
 * transaction), so a transaction that appends many times, or a group commit of many requests,
 * writes one multi-row insert; on PostgreSQL the ordering lock is then held only from there to
 * commit. The insert answers the stored rows, so after commit the events go to `onCommitted`
 * exactly as they will read back, and the dispatcher need not read them.
 */
export const makeOutbox = (dialect: Dialect, onCommitted: OnCommitted = () => undefined): Outbox => {
  const flush: Flusher<OutboxRow> = async (trx, rows) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${OUTBOX_LOCK_KEY})`.execute(trx);
    // Each event from its own stored row (RETURNING order is unspecified), then in id order.
    const stored = await insertRowsReturning(trx, 'outbox', rows);
    // Large events are left for the dispatcher to read: what it keeps in memory stays small.
    const events = stored
      .filter((r) => r.payload.length <= HAND_OVER_MAX_PAYLOAD)
      .map(deliveredEvent)
      .sort((a, b) => a.id - b.id);
    onCommit(trx, () => onCommitted(events));
  };
  return {
    async append(trx, tenantId, events, now) {
      if (events.length === 0) return;
      beforeCommit(
        trx,
        flush,
        events.map((e) => ({
          tenant_id: tenantId,
          aggregate_type: e.aggregateType,
          aggregate_id: e.aggregateId,
          type: e.type,
          payload: JSON.stringify(e.payload),
          occurred_at: now,
        })),
      );
    },
  };
};
