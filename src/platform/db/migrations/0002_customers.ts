/** Customers: profiles, their identities (unique per tenant), tags, and each tenant's tier list. */
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './context.js';

const TABLES = ['customers', 'customer_identities', 'customer_tags', 'customer_tiers'] as const;

/**
 * A (tenant_id, column) index for prefix search. PostgreSQL needs the pattern operator class for
 * LIKE 'abc%' to use the index under a non-C collation; SQLite compares bytes and uses it as is.
 */
const prefixIndex = async (db: Kysely<unknown>, ctx: MigrationContext, name: string, table: string, column: string): Promise<void> => {
  if (ctx.dialect === 'postgres') {
    await sql`create index ${sql.raw(name)} on ${sql.raw(table)} (tenant_id, ${sql.raw(column)} text_pattern_ops)`.execute(db);
    return;
  }
  await db.schema.createIndex(name).on(table).columns(['tenant_id', column]).execute();
};

export const up = async (db: Kysely<unknown>, ctx: MigrationContext): Promise<void> => {
  await db.schema
    .createTable('customers')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customers_pk', ['tenant_id', 'id'])
    .execute();
  await prefixIndex(db, ctx, 'customers_name_ix', 'customers', 'search_name');
  await db.schema.createIndex('customers_tier_ix').on('customers').columns(['tenant_id', 'tier']).execute();

  await db.schema
    .createTable('customer_identities')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One identity, one customer, per tenant: the key is what makes "resolve" well defined.
    .addPrimaryKeyConstraint('customer_identities_pk', ['tenant_id', 'kind', 'value'])
    .addForeignKeyConstraint('customer_identities_customer_fk', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('customer_identities_customer_ix').on('customer_identities').columns(['tenant_id', 'customer_id']).execute();
  await prefixIndex(db, ctx, 'customer_identities_value_ix', 'customer_identities', 'value');

  await db.schema
    .createTable('customer_tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['tenant_id', 'customer_id', 'tag'])
    .addForeignKeyConstraint('customer_tags_customer_fk', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('customer_tags_tag_ix').on('customer_tags').columns(['tenant_id', 'tag', 'customer_id']).execute();

  await db.schema
    .createTable('customer_tiers')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tiers_pk', ['tenant_id', 'id'])
    .execute();

  if (ctx.dialect === 'postgres') {
    for (const table of TABLES) await ctx.enableTenantRls(db, table);
  }
};
