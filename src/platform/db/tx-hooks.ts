/**
 * Work attached to a transaction rather than done at once: callbacks after commit (waking event
 * consumers) and rows deferred until just before commit (append-only logs such as the outbox and
 * contact transitions, written as one multi-row insert per transaction instead of one per call).
 * Both are dropped with the transaction object when it rolls back.
 */
import type { Transaction } from 'kysely';
import type { DB } from './schema.js';

/** Writes the rows deferred to it, in the order they were deferred; runs once per transaction. */
export type Flusher<I> = (trx: Transaction<DB>, items: readonly I[]) => Promise<void>;

interface TxState {
  /** Set by the transaction runner: lets helpers make dialect-specific SQL without the builder. */
  dialect: 'sqlite' | 'postgres' | null;
  readonly afterCommit: (() => void)[];
  // Keyed by the flusher itself; a Map keeps first-registration order, so logs flush in that order.
  readonly deferred: Map<Flusher<never>, unknown[]>;
}

const states = new WeakMap<object, TxState>();

const stateOf = (trx: Transaction<DB>): TxState => {
  let s = states.get(trx);
  if (!s) {
    s = { dialect: null, afterCommit: [], deferred: new Map() };
    states.set(trx, s);
  }
  return s;
};

/** Records which dialect `trx` speaks (called by the transaction runner). */
export const setDialect = (trx: Transaction<DB>, dialect: 'sqlite' | 'postgres'): void => {
  stateOf(trx).dialect = dialect;
};

/** The dialect of a transaction opened by Database.tx or group; null for any other. */
export const dialectOf = (trx: Transaction<DB>): 'sqlite' | 'postgres' | null => states.get(trx)?.dialect ?? null;

/** Runs `fn` after the transaction `trx` commits; used to wake event consumers without polling. */
export const onCommit = (trx: Transaction<DB>, fn: () => void): void => {
  stateOf(trx).afterCommit.push(fn);
};

/**
 * Defers `items` to `flusher`, which writes them just before `trx` commits. Only for rows nothing
 * reads back inside the same transaction (logs, outbox): a read there would not see them yet.
 */
export const beforeCommit = <I>(trx: Transaction<DB>, flusher: Flusher<I>, items: readonly I[]): void => {
  if (items.length === 0) return;
  const deferred = stateOf(trx).deferred;
  const list = deferred.get(flusher as Flusher<never>);
  if (list) for (const i of items) list.push(i);
  else deferred.set(flusher as Flusher<never>, [...items]);
};

/** Writes everything deferred so far; called by the transaction runner before COMMIT. */
export const flushDeferred = async (trx: Transaction<DB>): Promise<void> => {
  const s = states.get(trx);
  if (!s) return;
  // A flusher may defer more (to another flusher): loop until nothing is left.
  while (s.deferred.size > 0) {
    const [flusher, items] = s.deferred.entries().next().value as [Flusher<unknown>, unknown[]];
    s.deferred.delete(flusher as Flusher<never>);
    await flusher(trx, items);
  }
};

/** The callbacks to run now that `trx` has committed. */
export const takeAfterCommit = (trx: Transaction<DB>): (() => void)[] => states.get(trx)?.afterCommit ?? [];
