/**
 * Idempotent consumption: a consumer's effect and the record that it saw the event commit in one
 * transaction, so a redelivered event is recognised and skipped.
 */
import type { Transaction } from 'kysely';
import type { DeliveredEvent } from '../../kernel/index.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';

export const consumeOnce = async (
  db: Database,
  subscriber: string,
  event: DeliveredEvent,
  now: number,
  effect: (trx: Transaction<DB>) => Promise<void>,
): Promise<boolean> =>
  db.tx(event.tenantId, async (trx) => {
    const res = await trx
      .insertInto('processed_events')
      .values({ tenant_id: event.tenantId, subscriber, event_id: event.id, processed_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'subscriber', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await effect(trx);
    return true;
  });
