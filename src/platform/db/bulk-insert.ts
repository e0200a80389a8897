/**
 * Multi-row inserts of log-like rows (outbox, transitions, decisions, new contacts) without the
 * query builder's per-value parse and compile, which costs more than SQLite's own work for wide
 * batches. The SQL text is made once per dialect, table, column list and row count and reused;
 * rows are split into power-of-two chunks, so a table has at most a handful of texts (and of
 * prepared statements, ADR 0012). Values are bound as parameters, never spliced into the text;
 * table and column names come from the typed schema, not from input.
 */
import { CompiledQuery, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { dialectOf } from './tx-hooks.js';

/** Largest chunk: 256 rows of the widest table (contacts, 23 columns) stay far below both dialects' parameter limits. */
const MAX_CHUNK = 256;
const MAX_TEMPLATES = 1_000;
const templates = new Map<string, string>();

const template = (dialect: 'sqlite' | 'postgres', table: string, cols: readonly string[], n: number, returning: boolean): string => {
  const key = `${dialect}|${table}|${cols.join(',')}|${n}|${returning}`;
  let text = templates.get(key);
  if (text) return text;
  const tuples: string[] = [];
  let p = 0;
  for (let r = 0; r < n; r++) tuples.push(`(${cols.map(() => (dialect === 'postgres' ? `$${++p}` : '?')).join(', ')})`);
  text = `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}${returning ? ' returning *' : ''}`;
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(key, text);
  return text;
};

/** The row values in column order, or null if a row has other keys or an undefined value. */
const flatten = (rows: readonly object[], cols: readonly string[]): unknown[] | null => {
  const out: unknown[] = [];
  for (const row of rows) {
    const rec = row as Record<string, unknown>;
    if (Object.keys(rec).length !== cols.length) return null;
    for (const c of cols) {
      const v = rec[c];
      if (v === undefined) return null;
      out.push(v);
    }
  }
  return out;
};

/** Inserts `rows` into `table` in as few statements as the chunking allows. */
export const insertRows = async <T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> => {
  await inChunks(rows, (chunk) => insertChunk(trx, table, chunk, false));
};

/**
 * Like insertRows, and answers the stored rows (generated columns included), each as the database
 * returned it. Neither dialect promises RETURNING rows in VALUES order, so callers must not pair
 * them with their input by position.
 */
export const insertRowsReturning = async <T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<Selectable<DB[T]>[]> => {
  const out: Selectable<DB[T]>[] = [];
  await inChunks(rows, async (chunk) => {
    for (const r of await insertChunk(trx, table, chunk, true)) out.push(r as Selectable<DB[T]>);
  });
  return out;
};

const inChunks = async <R>(rows: readonly R[], each: (chunk: readonly R[]) => Promise<unknown>): Promise<void> => {
  let at = 0;
  while (at < rows.length) {
    // Largest power of two that fits what is left: 37 rows go as 32 + 4 + 1.
    let n = MAX_CHUNK;
    while (n > rows.length - at) n >>= 1;
    await each(rows.slice(at, at + n));
    at += n;
  }
};

const insertChunk = async <T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  returning: boolean,
): Promise<readonly object[]> => {
  const dialect = dialectOf(trx);
  const cols = Object.keys(rows[0] as object);
  const params = dialect ? flatten(rows as readonly object[], cols) : null;
  if (!dialect || !params) {
    // Rows of uneven shape (or a transaction not opened by Database.tx): the builder handles them.
    const q = trx.insertInto(table).values(rows as never);
    if (!returning) {
      await q.execute();
      return [];
    }
    return (await q.returningAll().execute()) as object[];
  }
  const r = await trx.executeQuery<object>(CompiledQuery.raw(template(dialect, table, cols, rows.length, returning), params));
  return r.rows;
};
