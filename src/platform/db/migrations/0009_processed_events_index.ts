/**
 * Outbox retention deletes the dedupe records of the events it prunes, per tenant by event id;
 * without this index (led by tenant_id, as every index of tenant data is) that would scan them all.
 */
import type { Kysely } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.createIndex('processed_events_event_ix').on('processed_events').columns(['tenant_id', 'event_id']).execute();
};
