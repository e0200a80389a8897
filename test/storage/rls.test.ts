/**
 * Row-level security, PostgreSQL's second guard behind the tenant key in every query. These tests
 * deliberately write queries that forget the tenant and show the database still refuses to leak.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateToLatest, openDatabase, TENANT_TABLES } from '../../src/platform/db/index.js';
import { PG_SKIP_REASON, PG_URL, STORAGE_TARGETS } from '../helpers/storage.js';

const A = 'tn_0000000000000000000a';
const B = 'tn_0000000000000000000b';

const user = (tenant: string, id: string) => ({
  tenant_id: tenant,
  id,
  email: `${id}@x.test`,
  display_name: id,
  role: 'agent',
  password_hash: 'x',
  status: 'active' as const,
  created_at: 0,
  updated_at: 0,
  password_changed_at: 0,
});

const suite = () => {
  let app: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = STORAGE_TARGETS.find((t) => t.dialect === 'postgres');
    if (!target) throw new Error('no postgres target');
    const store = await target.fresh();
    drop = store.drop;
    const owner = openDatabase({ url: store.config.databaseUrl, dataDir: store.config.dataDir, appRole: null });
    await migrateToLatest(owner, 'kefu_app');
    await owner.close();
    app = openDatabase({ url: store.config.databaseUrl, dataDir: store.config.dataDir, appRole: 'kefu_app' });
    await app.tx('*', async (trx) => {
      for (const t of [A, B])
        await trx
          .insertInto('tenants')
          .values({ id: t, slug: t.slice(-1), name: t, status: 'active', created_at: 0, updated_at: 0 })
          .execute();
      await trx
        .insertInto('users')
        .values([user(A, 'usr_a1'), user(A, 'usr_a2'), user(B, 'usr_b1')])
        .execute();
    });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('should run the application as a role that owns nothing and is not a superuser', async () => {
    const r = await sql<{
      super: boolean;
      owner: string;
    }>`select (select rolsuper from pg_roles where rolname = current_user) as super, (select tableowner from pg_tables where tablename = 'users') as owner, current_user as me`.execute(
      app.kysely,
    );
    const row = r.rows[0] as { super: boolean; owner: string; me: string };
    expect(row.super).toBe(false);
    expect(row.owner).not.toBe(row.me);
  });

  it('should force row-level security on every tenant table', async () => {
    for (const table of TENANT_TABLES) {
      const r = await sql<{ f: boolean }>`select relforcerowsecurity as f from pg_class where relname = ${table}`.execute(app.kysely);
      expect(r.rows[0]?.f, table).toBe(true);
    }
  });

  it('should return no rows when a query runs without a tenant scope', async () => {
    const rows = await app.kysely.selectFrom('users').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('should return only the scoped tenant rows when a query forgets its WHERE', async () => {
    const rows = await app.tx(A, (trx) => trx.selectFrom('users').select(['tenant_id', 'id']).execute());
    expect(rows.map((r) => r.id).sort()).toEqual(['usr_a1', 'usr_a2']);
    const tenants = await app.tx(A, (trx) => trx.selectFrom('tenants').select('id').execute());
    expect(tenants.map((t) => t.id)).toEqual([A]);
  });

  it('should refuse a write of another tenant rows when scoped to one tenant', async () => {
    await expect(app.tx(A, (trx) => trx.insertInto('users').values(user(B, 'usr_b2')).execute())).rejects.toThrow(/row-level security/);
    const updated = await app.tx(A, (trx) =>
      trx.updateTable('users').set({ display_name: 'pwned' }).where('id', '=', 'usr_b1').executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const b = await app.tx(B, (trx) => trx.selectFrom('users').select('display_name').where('id', '=', 'usr_b1').executeTakeFirst());
    expect(b?.display_name).toBe('usr_b1');
  });
};

if (PG_URL) describe('row-level security [postgres]', suite);
else describe.skip(`row-level security [postgres] (skipped: ${PG_SKIP_REASON})`, suite);
