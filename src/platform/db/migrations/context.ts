/** What a migration may know about where it runs. */
import { type Kysely, sql } from 'kysely';

export interface MigrationContext {
  readonly dialect: 'sqlite' | 'postgres';
  /** PostgreSQL: turn on forced row-level security keyed by kefu.tenant_id for a table. */
  enableTenantRls(db: Kysely<unknown>, table: string): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export const enableTenantRls = async (db: Kysely<unknown>, table: string): Promise<void> => {
  if (!IDENT.test(table)) throw new Error(`bad table name ${table}`);
  const t = sql.raw(table);
  await sql`alter table ${t} enable row level security`.execute(db);
  await sql`alter table ${t} force row level security`.execute(db);
  await sql`create policy tenant_isolation on ${t} using (tenant_id = current_setting('kefu.tenant_id', true) or current_setting('kefu.tenant_id', true) = '*') with check (tenant_id = current_setting('kefu.tenant_id', true) or current_setting('kefu.tenant_id', true) = '*')`.execute(
    db,
  );
};
