/**
 * Group commit: units of work of one scope (tenant) that arrive while that scope's previous
 * transaction is being written are committed together in one transaction, so a burst of N
 * requests costs one BEGIN/COMMIT (and one outbox insert) instead of N.
 *
 * - Order: units of a scope run in the order they were submitted, one after another, inside the
 *   shared transaction; batches of a scope never overlap. Scopes are independent (on PostgreSQL
 *   each batch sets its own tenant for row-level security, so one batch is one tenant).
 * - Isolation: optimistic. If anything in the shared transaction fails (a unit throws, the
 *   deferred inserts, COMMIT), it is rolled back and every unit of the batch runs again, in order,
 *   in a transaction of its own: a bad unit then fails alone and cannot fail or lose the others.
 *   Units must therefore be safe to run again after a rollback (they compute their writes from
 *   what they captured and read, never from what an earlier attempt left in memory). Failures are
 *   rare, so the common path pays no savepoint per unit.
 * - Durability: a unit's promise settles only after the transaction holding it has committed
 *   (or finally failed), so a caller that answers after awaiting it answers after commit.
 * - Batching costs no timer: the first unit schedules its batch with setImmediate, after the
 *   requests that the same event-loop turn delivered have submitted theirs.
 */
import type { Transaction } from 'kysely';
import type { DB } from './schema.js';

export type TxRunner = <T>(scope: string, fn: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

export interface UnitOptions {
  /**
   * Called at once when the unit has finally failed, before any later unit of its scope runs.
   * Lets a caller whose later units depend on this one (routing's engine) react in time.
   */
  readonly onError?: (e: unknown) => void;
}

interface Unit {
  readonly fn: (trx: Transaction<DB>) => Promise<unknown>;
  readonly opts: UnitOptions;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

interface Lane {
  queue: Unit[];
  running: boolean;
  /** Settles when the last unit submitted so far has settled. */
  last: Promise<void>;
}

/** Upper bound of units per transaction: keeps one batch's latency and memory bounded. */
const MAX_BATCH = 256;

export class GroupCommitter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly runTx: TxRunner) {}

  run<T>(scope: string, fn: (trx: Transaction<DB>) => Promise<T>, opts: UnitOptions = {}): Promise<T> {
    let lane = this.lanes.get(scope);
    if (!lane) {
      lane = { queue: [], running: false, last: Promise.resolve() };
      this.lanes.set(scope, lane);
    }
    const p = new Promise<T>((resolve, reject) => {
      (lane as Lane).queue.push({ fn, opts, resolve: resolve as (v: unknown) => void, reject });
    });
    lane.last = p.then(
      () => undefined,
      () => undefined,
    );
    if (!lane.running && lane.queue.length === 1) this.schedule(scope, lane);
    return p;
  }

  /** Resolves when every unit submitted to `scope` so far has settled. */
  idle(scope: string): Promise<void> {
    return this.lanes.get(scope)?.last ?? Promise.resolve();
  }

  /** Resolves when every unit submitted so far, of any scope, has settled (before closing). */
  async idleAll(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((l) => l.last));
  }

  private schedule(scope: string, lane: Lane): void {
    lane.running = true;
    setImmediate(() => void this.drain(scope, lane));
  }

  private async drain(scope: string, lane: Lane): Promise<void> {
    const batch = lane.queue.splice(0, MAX_BATCH);
    await this.commit(scope, batch);
    if (lane.queue.length > 0) {
      // Yield to the event loop first: requests read meanwhile join the next batch.
      setImmediate(() => void this.drain(scope, lane));
      return;
    }
    lane.running = false;
    if (this.lanes.get(scope) === lane) this.lanes.delete(scope);
  }

  private async commit(scope: string, batch: Unit[]): Promise<void> {
    if (batch.length === 1) return this.alone(scope, batch[0] as Unit);
    const values: unknown[] = [];
    try {
      await this.runTx(scope, async (trx) => {
        for (const u of batch) values.push(await u.fn(trx));
      });
    } catch {
      // Which unit failed, and whether it fails without the others, only running alone can tell.
      for (const u of batch) await this.alone(scope, u);
      return;
    }
    for (const [i, u] of batch.entries()) u.resolve(values[i]);
  }

  /** Runs one unit in a transaction of its own and settles it. */
  private async alone(scope: string, u: Unit): Promise<void> {
    try {
      u.resolve(await this.runTx(scope, (trx) => u.fn(trx)));
    } catch (e) {
      u.opts.onError?.(e);
      u.reject(e);
    }
  }
}
