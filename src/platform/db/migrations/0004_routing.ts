/** Routing: skills, queues, agents' routing profiles and presence, and the decision log. */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

export const up = async (db: Kysely<unknown>, ctx: MigrationContext): Promise<void> => {
  await db.schema
    .createTable('skills')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('skills_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('skills_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('queues')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('queues_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('queues_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('agent_profiles')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('presence', 'text', (c) => c.notNull())
    .addColumn('break_reason', 'text')
    .addColumn('presence_since', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_profiles_pk', ['tenant_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('routing_decisions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_decisions_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('routing_decisions_contact_ix').on('routing_decisions').columns(['tenant_id', 'contact_id']).execute();

  if (ctx.dialect === 'postgres') {
    for (const table of ['skills', 'queues', 'agent_profiles', 'routing_decisions']) await ctx.enableTenantRls(db, table);
  }
};
