import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { type Database, migrateToLatest, openDatabase, PLATFORM_TABLES, TENANT_TABLES } from '../../src/platform/db/index.js';
import { describeStorage } from '../helpers/storage.js';

/** The leading column of every index (primary keys and unique constraints included) of a table. */
const leadingColumns = async (db: Database, table: string): Promise<string[]> => {
  if (db.dialect === 'sqlite') {
    const indexes = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(db.kysely);
    const out: string[] = [];
    for (const ix of indexes.rows) {
      const cols = await sql<{ name: string; seqno: number }>`select name, seqno from pragma_index_info(${ix.name}) order by seqno`.execute(
        db.kysely,
      );
      out.push(cols.rows[0]?.name ?? '?');
    }
    return out;
  }
  const rows = await sql<{
    indexdef: string;
  }>`select indexdef from pg_indexes where schemaname = 'public' and tablename = ${table}`.execute(db.kysely);
  return rows.rows.map((r) => /\(([^,)\s]+)/.exec(r.indexdef)?.[1] ?? '?');
};

describeStorage('migrations and keys', (target) => {
  let drop: (() => Promise<void>) | null = null;
  let db: Database | null = null;
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  const open = async () => {
    const store = await target.fresh();
    drop = store.drop;
    db = openDatabase({ url: store.config.databaseUrl, dataDir: store.config.dataDir, appRole: null });
    return db;
  };

  it('should apply every migration on an empty store and nothing on a second run', async () => {
    const d = await open();
    const first = await migrateToLatest(d, 'kefu_app');
    expect(first.applied).toContain('0001_foundation');
    const second = await migrateToLatest(d, 'kefu_app');
    expect(second.applied).toEqual([]);
  });

  it('should lead every key and index of tenant data with tenant_id when migrated', async () => {
    const d = await open();
    await migrateToLatest(d, 'kefu_app');
    for (const table of TENANT_TABLES) {
      const leads = await leadingColumns(d, table);
      expect(leads.length, `${table} has a key`).toBeGreaterThan(0);
      for (const col of leads) expect(col, `an index of ${table}`).toBe('tenant_id');
    }
  });

  it('should know every table either as tenant data or as a declared platform table', async () => {
    const d = await open();
    await migrateToLatest(d, 'kefu_app');
    const tables =
      d.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(d.kysely))
            .rows
        : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(d.kysely)).rows;
    const known = new Set<string>([...TENANT_TABLES, ...PLATFORM_TABLES, 'kysely_migration', 'kysely_migration_lock']);
    for (const t of tables) expect(known.has(t.name), `table ${t.name} must be classified`).toBe(true);
  });
});
