/**
 * Wrap-up time: an agent's limit on how long a contact in wrap-up holds its capacity, and on each
 * contact in a timed wrap-up the moment it runs out (so a restart keeps the same deadline, and the
 * workspace can count down to it).
 */
import type { Kysely } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('agent_profiles').addColumn('wrap_up_seconds', 'integer').execute();
  await db.schema.alterTable('contacts').addColumn('wrap_up_expires_at', 'bigint').execute();
};
