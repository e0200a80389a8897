/**
 * The database handle: one Kysely instance over SQLite (better-sqlite3, WAL) or PostgreSQL (pg).
 * Tenant data is only touched inside `tx(scope, fn)`, which on PostgreSQL sets the tenant for
 * row-level security for the length of the transaction, so a missed WHERE cannot leak.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** '*' is the platform scope: only auth look-ups, operator reads and the dispatcher use it. */
export type Scope = string;
export const PLATFORM_SCOPE: Scope = '*';

export interface Database {
  readonly dialect: Dialect;
  readonly kysely: Kysely<DB>;
  tx<T>(scope: Scope, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly url: string | null;
  readonly dataDir: string;
  /** PostgreSQL only: the non-owner role every pooled connection switches to. Null keeps the login role. */
  readonly appRole: string | null;
  readonly poolSize?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const openSqlite = (dataDir: string): Kysely<DB> => {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(join(dataDir, 'kefu.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: file }) });
};

const openPostgres = (url: string, appRole: string | null, poolSize: number): Kysely<DB> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle pooled connection can die (server restart, admin termination). Without a listener
  // pg re-emits that as an uncaught exception and the whole server stops; the pool already drops
  // the broken client, and the next query reconnects or fails with an answer.
  pool.on('error', () => undefined);
  if (appRole) {
    pool.on('connect', (client) => {
      client.query(`SET ROLE ${appRole}`).catch(() => {
        // A failed SET ROLE leaves the client on the login role; the first query then fails
        // loudly in readiness, which is what we want rather than silently skipping RLS.
      });
    });
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
};

export const openDatabase = (opts: DatabaseOptions): Database => {
  const dialect: Dialect = opts.url ? 'postgres' : 'sqlite';
  const kysely = opts.url ? openPostgres(opts.url, opts.appRole, opts.poolSize ?? 10) : openSqlite(opts.dataDir);
  return {
    dialect,
    kysely,
    tx: (scope, fn) =>
      kysely.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`select set_config('kefu.tenant_id', ${scope}, true)`.execute(trx);
        return fn(trx);
      }),
    ping: async () => {
      await sql`select 1`.execute(kysely);
    },
    close: () => kysely.destroy(),
  };
};
