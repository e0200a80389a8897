/**
 * The database handle: one Kysely instance over SQLite (better-sqlite3, WAL) or PostgreSQL (pg).
 * Tenant data is only touched inside `tx(scope, fn)`, which on PostgreSQL sets the tenant for
 * row-level security for the length of the transaction, so a missed WHERE cannot leak.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { GroupCommitter, type UnitOptions } from './group-commit.js';
import type { DB } from './schema.js';
import { flushDeferred, setDialect, takeAfterCommit } from './tx-hooks.js';

export { insertRows, insertRowsReturning } from './bulk-insert.js';
export type { UnitOptions } from './group-commit.js';
export { beforeCommit, type Flusher, onCommit } from './tx-hooks.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * '*' is the platform scope, for work that is not one tenant's: resolving a credential or a log-in
 * to its tenant, the operator's tenant administration, and the outbox dispatcher (ADR 0004).
 */
export type Scope = string;
export const PLATFORM_SCOPE: Scope = '*';

export interface Database {
  readonly dialect: Dialect;
  readonly kysely: Kysely<DB>;
  tx<T>(scope: Scope, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /**
   * Like `tx`, but `fn` may share its transaction with other units of the same scope that arrive
   * meanwhile (group commit, see group-commit.ts). Settles after that transaction commits; a
   * failing unit fails alone. `fn` must be safe to run again after a rollback.
   */
  group<T>(scope: Scope, fn: (trx: Transaction<DB>) => Promise<T>, opts?: UnitOptions): Promise<T>;
  /** Resolves when every unit grouped under `scope` so far has committed or failed. */
  idle(scope: Scope): Promise<void>;
  /** Checks the connection and, on PostgreSQL, that queries run as the application role. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly url: string | null;
  readonly dataDir: string;
  /** PostgreSQL only: the non-owner role every pooled connection switches to. Null keeps the login role. */
  readonly appRole: string | null;
  readonly poolSize?: number;
  /**
   * Told when an after-commit callback throws (the transaction has committed regardless); the app
   * logs it. Without one, a process warning (code KEFU_AFTER_COMMIT) is emitted.
   */
  readonly onAfterCommitError?: (e: Error) => void;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Kysely prepares every query afresh; preparing is about as costly as running a small statement.
 * The SQL text of our queries comes from a fixed set of builders, so prepared statements are
 * cached by text (bounded, least recently used first out) and reused with new parameters.
 */
const withStatementCache = (file: SQLite.Database, max = 500): SQLite.Database => {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = file.prepare.bind(file);
  const cached = ((source: string) => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const stmt = prepare(source);
    cache.set(source, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return stmt;
  }) as SQLite.Database['prepare'];
  return Object.assign(Object.create(file) as SQLite.Database, { prepare: cached });
};

const openSqlite = (dataDir: string): Kysely<DB> => {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kefu.sqlite');
  const file = new SQLite(path);
  // The database holds password hashes and customer data: readable by its owner only.
  chmodSync(path, 0o600);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
};

const openPostgres = (url: string, appRole: string | null, poolSize: number): Kysely<DB> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle pooled connection can die (server restart, admin termination). Without a listener
  // pg re-emits that as an uncaught exception and the whole server stops; the pool already drops
  // the broken client, and the next query reconnects or fails with an answer.
  pool.on('error', () => undefined);
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      // Awaited before the connection is first used: a connection that cannot switch to the
      // application role fails its first query instead of silently running as the owner.
      onCreateConnection: appRole
        ? async (conn) => {
            await conn.executeQuery(CompiledQuery.raw(`set role ${appRole}`));
          }
        : undefined,
    }),
  });
};

type AfterCommitError = (e: Error) => void;

const warnAfterCommit: AfterCommitError = (e) =>
  process.emitWarning(e, { code: 'KEFU_AFTER_COMMIT', detail: 'an after-commit callback failed' });

/**
 * The transaction has committed whatever a callback does: a throwing one must not turn the commit
 * into a failure (group commit would then run its units again, duplicating their writes).
 */
const runAfterCommit = (cb: () => void, onError: AfterCommitError): void => {
  try {
    cb();
  } catch (e) {
    onError(e instanceof Error ? e : new Error(String(e)));
  }
};

const runInTransaction = async <T>(
  kysely: Kysely<DB>,
  dialect: Dialect,
  scope: Scope,
  fn: (trx: Transaction<DB>) => Promise<T>,
  onError: AfterCommitError,
): Promise<T> => {
  let committed: Transaction<DB> | null = null;
  const result = await kysely.transaction().execute(async (trx) => {
    setDialect(trx, dialect);
    if (dialect === 'postgres') await sql`select set_config('kefu.tenant_id', ${scope}, true)`.execute(trx);
    const out = await fn(trx);
    await flushDeferred(trx);
    committed = trx;
    return out;
  });
  if (committed) for (const cb of takeAfterCommit(committed)) runAfterCommit(cb, onError);
  return result;
};

export const openDatabase = (opts: DatabaseOptions): Database => {
  const dialect: Dialect = opts.url ? 'postgres' : 'sqlite';
  const kysely = opts.url ? openPostgres(opts.url, opts.appRole, opts.poolSize ?? 10) : openSqlite(opts.dataDir);
  const onError = opts.onAfterCommitError ?? warnAfterCommit;
  const grouped = new GroupCommitter((scope, fn) => runInTransaction(kysely, dialect, scope, fn, onError));
  return {
    dialect,
    kysely,
    tx: (scope, fn) => runInTransaction(kysely, dialect, scope, fn, onError),
    group: (scope, fn, unitOpts) => grouped.run(scope, fn, unitOpts),
    idle: (scope) => grouped.idle(scope),
    ping: async () => {
      if (dialect === 'sqlite' || !opts.appRole) {
        await sql`select 1`.execute(kysely);
        return;
      }
      const r = await sql<{ me: string }>`select current_user as me`.execute(kysely);
      const me = r.rows[0]?.me;
      if (me !== opts.appRole)
        throw new Error(`queries run as ${me ?? 'nobody'}, not the application role ${opts.appRole}: row-level security would not apply`);
    },
    close: async () => {
      // Units already accepted are answered after their commit, so let them commit first.
      await grouped.idleAll();
      await kysely.destroy();
    },
  };
};

/** True when an error is a unique-key violation on either dialect (a lost race to insert). */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = (e as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};
