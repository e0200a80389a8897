/**
 * Web chat: widgets, visitor sessions, attachments, CSAT answers and canned responses; messages
 * gain a visibility (internal notes and whispers never reach a visitor) and an attachment.
 *
 * A widget's public key must be unique across all tenants, because the widget finds its tenant by
 * it. A unique index on public_key alone would break the rule that tenant_id leads every index of
 * tenant data, so the global key lives in a platform table, chat_public_keys (public_key primary
 * key, with the owning tenant and widget), looked up in the platform scope '*'. RLS is forced on
 * it too (keyed by its tenant_id like the outbox), so tenant-scoped writes cannot touch another
 * tenant's keys. chat_widgets keeps the key as well, unique per tenant.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

const TENANT_TABLES = ['chat_widgets', 'chat_sessions', 'chat_attachments', 'csat_responses', 'canned_responses'] as const;

const widgets = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('chat_widgets')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull())
    .addColumn('prechat', 'text', (c) => c.notNull())
    .addColumn('identity_secret', 'text', (c) => c.notNull())
    .addColumn('identity_required', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_widgets_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('chat_widgets_key_uq', ['tenant_id', 'public_key'])
    .execute();
  await db.schema
    .createTable('chat_public_keys')
    .addColumn('public_key', 'text', (c) => c.notNull().primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('widget_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
};

const conversations = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('chat_sessions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('widget_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('customer_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_sessions_pk', ['tenant_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('chat_attachments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('message_seq', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_attachments_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('chat_attachments_contact_ix').on('chat_attachments').columns(['tenant_id', 'contact_id']).execute();

  await db.schema
    .createTable('csat_responses')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One answer per contact: the key itself refuses a second one, also when two race.
    .addPrimaryKeyConstraint('csat_responses_pk', ['tenant_id', 'contact_id'])
    .execute();
};

const canned = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('canned_responses')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('canned_responses_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('canned_responses_shortcut_uq', ['tenant_id', 'shortcut'])
    .execute();
};

export const up = async (db: Kysely<unknown>, ctx: MigrationContext): Promise<void> => {
  await widgets(db);
  await conversations(db);
  await canned(db);
  await db.schema
    .alterTable('messages')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .execute();
  await db.schema.alterTable('messages').addColumn('attachment_id', 'text').execute();
  if (ctx.dialect === 'postgres') {
    for (const table of [...TENANT_TABLES, 'chat_public_keys']) await ctx.enableTenantRls(db, table);
  }
};
