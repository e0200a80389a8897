/** Contacts (one conversation on one channel), their transition log and their messages. */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

export const up = async (db: Kysely<unknown>, ctx: MigrationContext): Promise<void> => {
  await db.schema
    .createTable('contacts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('queue_id', 'text')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('state_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('enqueued_at', 'bigint')
    .addColumn('first_queued_at', 'bigint')
    .addColumn('offered_at', 'bigint')
    .addColumn('offer_expires_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('wrap_up_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('disposition', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transition_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('contacts_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('contacts_state_ix').on('contacts').columns(['tenant_id', 'state']).execute();
  await db.schema.createIndex('contacts_customer_ix').on('contacts').columns(['tenant_id', 'customer_id', 'created_at']).execute();

  await db.schema
    .createTable('contact_transitions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('queue_id', 'text')
    .addColumn('agent_id', 'text')
    .addPrimaryKeyConstraint('contact_transitions_pk', ['tenant_id', 'contact_id', 'seq'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('client_message_id', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pk', ['tenant_id', 'contact_id', 'seq'])
    .addUniqueConstraint('messages_client_id_uq', ['tenant_id', 'contact_id', 'client_message_id'])
    .execute();

  if (ctx.dialect === 'postgres') {
    for (const table of ['contacts', 'contact_transitions', 'messages']) await ctx.enableTenantRls(db, table);
  }
};
