/**
 * An agent's contacts by state (its workspace: offers, assigned, wrap-up) without reading every
 * contact of the tenant in that state.
 */
import type { Kysely } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.createIndex('contacts_agent_ix').on('contacts').columns(['tenant_id', 'agent_id', 'state']).execute();
};
