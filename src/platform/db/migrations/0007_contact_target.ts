/**
 * A contact transferred to a named agent waits for that agent for a while (routing's targeted
 * offers); the target and when it was set are stored so a restart restores the wait.
 */
import type { Kysely } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('contacts').addColumn('target_agent_id', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('targeted_at', 'bigint').execute();
};
