/**
 * The transactional outbox: events are inserted in the same transaction as the state change that
 * caused them, so either both commit or neither does.
 */
import { sql, type Transaction } from 'kysely';
import type { DomainEvent } from '../../kernel/index.js';
import { type Dialect, onCommit } from '../db/database.js';
import type { DB } from '../db/schema.js';

// On PostgreSQL concurrent writers could commit out of id order and a reader at `id > cursor`
// would skip the late one. Serialising outbox writers with a transaction-scoped advisory lock keeps
// commit order equal to id order (ADR 0003). SQLite has a single writer already.
const OUTBOX_LOCK_KEY = 7_331_001;

export interface Outbox {
  append(trx: Transaction<DB>, tenantId: string, events: readonly DomainEvent[], now: number): Promise<void>;
}

export const makeOutbox = (dialect: Dialect, onAppend: () => void = () => undefined): Outbox => ({
  async append(trx, tenantId, events, now) {
    if (events.length === 0) return;
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${OUTBOX_LOCK_KEY})`.execute(trx);
    await trx
      .insertInto('outbox')
      .values(
        events.map((e) => ({
          tenant_id: tenantId,
          aggregate_type: e.aggregateType,
          aggregate_id: e.aggregateId,
          type: e.type,
          payload: JSON.stringify(e.payload),
          occurred_at: now,
        })),
      )
      .execute();
    onCommit(trx, onAppend);
  },
});
