/**
 * Webhooks and their deliveries. Both are tenant data: tenant_id leads every key and index, and
 * RLS is forced on PostgreSQL.
 *
 * Finding due deliveries across tenants (ADR 0008): only the head of each webhook's line (and
 * pings, which do not queue) carries a next_attempt_at; deliveries waiting behind the head, and
 * finished ones, hold NULL. The partial index over non-NULL next_attempt_at therefore holds one
 * entry per webhook with work due, never the delivery history; the worker's one platform-scope
 * query seeks it per tenant of an active webhook (tenant_id, 'pending', next_attempt_at <= now).
 * tenant_id still leads it, so the tenant-key rule holds without exception.
 */
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './context.js';

export const up = async (db: Kysely<unknown>, ctx: MigrationContext): Promise<void> => {
  await db.schema
    .createTable('webhooks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhooks_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'bigint')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['tenant_id', 'id'])
    // The line of one webhook, in event order; also the delivery list's order.
    .addUniqueConstraint('webhook_deliveries_seq_uq', ['tenant_id', 'webhook_id', 'seq'])
    // One delivery per webhook and outbox event, whatever the consumer does (pings have no event).
    .addUniqueConstraint('webhook_deliveries_event_uq', ['tenant_id', 'webhook_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_ix')
    .on('webhook_deliveries')
    .columns(['tenant_id', 'status', 'next_attempt_at'])
    .where(sql.ref('next_attempt_at'), 'is not', null)
    .execute();

  if (ctx.dialect === 'postgres') {
    for (const table of ['webhooks', 'webhook_deliveries']) await ctx.enableTenantRls(db, table);
  }
};
