/**
 * The unsent-upload sweep looks, across tenants, for attachments no message took that are older
 * than the grace period. Only unsent uploads are in this partial index (few at any time), so the
 * hourly sweep reads them without scanning every attachment ever sent. Led by tenant_id like
 * every index of tenant data; the sweep reads all of this small index.
 */
import { type Kysely, sql } from 'kysely';

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createIndex('chat_attachments_unsent_ix')
    .on('chat_attachments')
    .columns(['tenant_id', 'created_at'])
    .where(sql.ref('message_seq'), 'is', null)
    .execute();
};
