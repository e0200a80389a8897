/**
 * Group commit (platform/db/group-commit.ts) on both dialects: units of one tenant that arrive
 * together share one transaction, commit in submission order, settle only after their commit,
 * survive a reopen, and a failing unit fails alone; on PostgreSQL each batch is one tenant's, so
 * row-level security holds.
 */
import type { Transaction } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { type Database, type DB, insertRows, migrateToLatest, onCommit, openDatabase } from '../../src/platform/db/index.js';
import { makeOutbox } from '../../src/platform/events/index.js';
import { describeStorage, type StorageTarget } from '../helpers/storage.js';

const A = 'tn_0000000000000000000a';
const B = 'tn_0000000000000000000b';

const skill = (tenant: string, id: string) => ({ tenant_id: tenant, id, name: `name-${id}`, description: null, created_at: 1 });
const skillIds = async (db: Database, tenant: string) =>
  (await db.tx(tenant, (trx) => trx.selectFrom('skills').select('id').where('tenant_id', '=', tenant).orderBy('id').execute())).map(
    (r) => r.id,
  );

describeStorage('group commit', (target: StorageTarget) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const openStore = async () => {
    const store = await target.fresh();
    cleanups.push(store.drop);
    const owner = openDatabase({ url: store.config.databaseUrl, dataDir: store.config.dataDir, appRole: null });
    await migrateToLatest(owner, 'kefu_app');
    await owner.tx('*', (trx) =>
      trx
        .insertInto('tenants')
        .values([A, B].map((id) => ({ id, slug: id, name: id, status: 'active', created_at: 0, updated_at: 0 })))
        .execute(),
    );
    await owner.close();
    const open = (onAfterCommitError?: (e: Error) => void) => {
      const db = openDatabase({
        url: store.config.databaseUrl,
        dataDir: store.config.dataDir,
        appRole: store.config.databaseUrl ? 'kefu_app' : null,
        ...(onAfterCommitError ? { onAfterCommitError } : {}),
      });
      cleanups.push(() => db.close());
      return db;
    };
    return { open };
  };

  it('should run the units that arrive together in one transaction, in the order they were submitted', async () => {
    const db = (await openStore()).open();
    const outbox = makeOutbox(db.dialect);
    const seen: Transaction<DB>[] = [];
    const units = Array.from({ length: 20 }, (_, i) =>
      db.group(A, async (trx) => {
        seen.push(trx);
        await outbox.append(trx, A, [{ type: 'thing.happened', aggregateType: 'thing', aggregateId: 'x', payload: { i } }], i);
        return i;
      }),
    );
    expect(await Promise.all(units)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(seen).size).toBe(1);
    const rows = await db.tx('*', (trx) => trx.selectFrom('outbox').select('payload').orderBy('id').execute());
    expect(rows.map((r) => (JSON.parse(r.payload) as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('should settle each unit only after the transaction holding it has committed', async () => {
    const db = (await openStore()).open();
    const log: string[] = [];
    await Promise.all(
      [1, 2, 3].map((i) =>
        db
          .group(A, async (trx) => {
            await trx
              .insertInto('skills')
              .values(skill(A, `s${i}`))
              .execute();
            onCommit(trx, () => log.push(`committed ${i}`));
          })
          .then(() => log.push(`answered ${i}`)),
      ),
    );
    for (const i of [1, 2, 3]) expect(log.indexOf(`committed ${i}`)).toBeLessThan(log.indexOf(`answered ${i}`));
    expect(await skillIds(db, A)).toEqual(['s1', 's2', 's3']);
  });

  it('should run a batch once and answer every unit when an after-commit callback throws', async () => {
    const db = (await openStore()).open();
    let runs = 0;
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        db.group(A, async (trx) => {
          runs++;
          await trx
            .insertInto('skills')
            .values(skill(A, `s${i}`))
            .execute();
          if (i === 2)
            onCommit(trx, () => {
              throw new Error('callback failed');
            });
          return i;
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3]);
    expect(runs).toBe(3);
    expect((await warned).message).toBe('callback failed');
    expect(await skillIds(db, A)).toEqual(['s1', 's2', 's3']);
  });

  it('should tell the configured handler, not the process, when an after-commit callback throws', async () => {
    const told: Error[] = [];
    const db = (await openStore()).open((e) => told.push(e));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      await db.tx(A, async (trx) => {
        onCommit(trx, () => {
          throw new Error('handler told');
        });
      });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(told.map((e) => e.message)).toEqual(['handler told']);
    expect(warnings.filter((w) => w.message === 'handler told')).toEqual([]);
  });

  it('should fail only the unit that throws and commit the others around it', async () => {
    const db = (await openStore()).open();
    const errors: unknown[] = [];
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) =>
        db.group(
          A,
          async (trx) => {
            await trx
              .insertInto('skills')
              .values(skill(A, `s${i}`))
              .execute();
            if (i === 2) throw new Error('unit 2 is bad');
            return i;
          },
          { onError: (e) => errors.push(e) },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('unit 2 is bad'));
    expect(errors).toEqual([new Error('unit 2 is bad')]);
    expect(await skillIds(db, A)).toEqual(['s1', 's3', 's4']);
  });

  it('should retry the others alone when the shared transaction fails at commit time because of one unit', async () => {
    const db = (await openStore()).open();
    await db.tx(A, (trx) => trx.insertInto('skills').values(skill(A, 'taken')).execute());
    // Deferred rows are written just before COMMIT; one unit's duplicate key fails the shared
    // transaction there, after every unit's own code has run.
    const results = await Promise.allSettled(
      ['s1', 'taken', 's3'].map((id) =>
        db.group(A, async (trx) => {
          await insertRows(trx, 'skills', [skill(A, id)]);
          return id;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await skillIds(db, A)).toEqual(['s1', 's3', 'taken']);
  });

  it('should keep what a group committed after the database is closed and opened again', async () => {
    const store = await openStore();
    const first = store.open();
    await Promise.all(['s1', 's2', 's3'].map((id) => first.group(A, (trx) => trx.insertInto('skills').values(skill(A, id)).execute())));
    await first.close();
    expect(await skillIds(store.open(), A)).toEqual(['s1', 's2', 's3']);
  });

  it("should group each tenant's units apart, so each batch writes under its own tenant", async () => {
    const db = (await openStore()).open();
    const seen = new Map<string, Set<Transaction<DB>>>([
      [A, new Set()],
      [B, new Set()],
    ]);
    await Promise.all(
      ['1', '2', '3', '4'].flatMap((id) =>
        [A, B].map((t) =>
          db.group(t, async (trx) => {
            seen.get(t)?.add(trx);
            // On PostgreSQL row-level security refuses a row of another tenant than the batch's.
            await trx
              .insertInto('skills')
              .values(skill(t, `s${id}`))
              .execute();
          }),
        ),
      ),
    );
    const [a, b] = [[...(seen.get(A) ?? [])], [...(seen.get(B) ?? [])]];
    expect(a.some((trx) => b.includes(trx))).toBe(false);
    expect(await skillIds(db, A)).toEqual(['s1', 's2', 's3', 's4']);
    expect(await skillIds(db, B)).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('should wait in idle() until every unit submitted so far has settled', async () => {
    const db = (await openStore()).open();
    let settled = 0;
    for (const id of ['s1', 's2']) void db.group(A, (trx) => trx.insertInto('skills').values(skill(A, id)).execute()).then(() => settled++);
    await db.idle(A);
    expect(settled).toBe(2);
  });
});
