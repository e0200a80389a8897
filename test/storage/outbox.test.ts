import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { type DeliveredEvent, ManualClock } from '../../src/kernel/index.js';
import { beforeCommit, type Database, migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { consumeOnce, makeOutbox, OutboxDispatcher, OutboxPruner } from '../../src/platform/events/index.js';
import { describeStorage } from '../helpers/storage.js';

const silent = pino({ level: 'silent' });
const TENANT = 'tn_00000000000000000001';

const seedTenant = async (db: Database) => {
  await db.tx('*', (trx) =>
    trx.insertInto('tenants').values({ id: TENANT, slug: 'x', name: 'x', status: 'active', created_at: 0, updated_at: 0 }).execute(),
  );
};

const ev = (aggregateId: string, n: number) => ({ type: 'thing.happened', aggregateType: 'thing', aggregateId, payload: { n } });

describeStorage('transactional outbox and dispatcher', (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const open = async (): Promise<Database> => {
    const store = await target.fresh();
    const owner = openDatabase({ url: store.config.databaseUrl, dataDir: store.config.dataDir, appRole: null });
    await migrateToLatest(owner, 'kefu_app');
    await owner.close();
    const db = openDatabase({
      url: store.config.databaseUrl,
      dataDir: store.config.dataDir,
      appRole: store.config.databaseUrl ? 'kefu_app' : null,
    });
    cleanups.push(store.drop, () => db.close());
    await seedTenant(db);
    return db;
  };

  it('should store no event when the transaction that appended it rolls back', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    await expect(
      db.tx(TENANT, async (trx) => {
        await outbox.append(trx, TENANT, [ev('a', 1)], 1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.tx('*', (trx) => trx.selectFrom('outbox').selectAll().execute());
    expect(rows).toHaveLength(0);
  });

  it('should deliver committed events in order per aggregate and resume after a restart when the cursor is durable', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    for (let i = 0; i < 10; i++) await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev(i % 2 ? 'odd' : 'even', i)], i));
    const seen: DeliveredEvent[] = [];
    const first = new OutboxDispatcher(db, new ManualClock(0), silent, { batchSize: 3 });
    first.subscribe('s', async (e) => {
      seen.push(e);
    });
    await first.drain();
    expect(seen.map((e) => (e.payload as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 10; i < 13; i++) await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('even', i)], i));
    const second = new OutboxDispatcher(db, new ManualClock(0), silent);
    const after: number[] = [];
    second.subscribe('s', async (e) => {
      after.push((e.payload as { n: number }).n);
    });
    await second.drain();
    expect(after).toEqual([10, 11, 12]);
    expect(seen.every((e) => e.tenantId === TENANT)).toBe(true);
  });

  it('should deliver events handed over by their commit exactly as read back, and read the outbox for any it was not handed, in id order', async () => {
    const db = await open();
    let dispatcher: OutboxDispatcher | null = null;
    const outbox = makeOutbox(db.dialect, (events) => dispatcher?.committed(events));
    const d = new OutboxDispatcher(db, new ManualClock(0), silent, { batchSize: 4 });
    dispatcher = d;
    const seen: DeliveredEvent[] = [];
    d.subscribe('s', async (e) => {
      seen.push(e);
    });
    const n = (e: DeliveredEvent) => (e.payload as { n: number }).n;
    // 0-2 handed over; 3 written by a path that tells nobody (another process, before a restart);
    // 4-9 handed over again: 3 must still come, between 2 and 4.
    for (let i = 0; i < 3; i++) await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', i), ev('b', i)], i));
    await db.tx(TENANT, (trx) => makeOutbox(db.dialect).append(trx, TENANT, [ev('a', 3)], 3));
    for (let i = 4; i < 10; i++) await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', i)], i));
    // One transaction of 300 events: several insert chunks (256 + 32 + 8 + 4), each id with its own row.
    const many = Array.from({ length: 300 }, (_, i) => ev(`m${i}`, 100 + i));
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, many, 10));
    await d.drain();
    expect(seen.map(n)).toEqual([0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, ...many.map((e) => e.payload.n)]);
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((x, y) => x - y));
    // Every subscriber has passed them: nothing stays in memory.
    expect(d.kept).toBe(0);
    const rows = await db.tx('*', (trx) => trx.selectFrom('outbox').selectAll().orderBy('id').execute());
    // Same ids, types, aggregates, payloads and times as a read of the rows gives.
    expect(seen.map((e) => ({ ...e }))).toEqual(
      rows.map((r) => ({
        id: Number(r.id),
        tenantId: r.tenant_id,
        type: r.type,
        aggregateType: r.aggregate_type,
        aggregateId: r.aggregate_id,
        payload: JSON.parse(r.payload),
        occurredAt: Number(r.occurred_at),
      })),
    );
  });

  it('should hand over nothing for a rolled-back transaction, and deliver the events committed after it', async () => {
    const db = await open();
    let dispatcher: OutboxDispatcher | null = null;
    const outbox = makeOutbox(db.dialect, (events) => dispatcher?.committed(events));
    const d = new OutboxDispatcher(db, new ManualClock(0), silent);
    dispatcher = d;
    const seen: number[] = [];
    d.subscribe('s', async (e) => {
      seen.push((e.payload as { n: number }).n);
    });
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', 1)], 1));
    await expect(
      db.tx(TENANT, async (trx) => {
        await outbox.append(trx, TENANT, [ev('a', 2)], 2);
        // Fails after the outbox rows are inserted (and, on PostgreSQL, their ids taken).
        beforeCommit(trx, async () => {
          throw new Error('late failure');
        }, [1]);
      }),
    ).rejects.toThrow('late failure');
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', 3)], 3));
    await d.drain();
    expect(seen).toEqual([1, 3]);
  });

  it('should prune only events every subscriber has passed and that are older than the retention, in chunks', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    const clock = new ManualClock(1_000_000);
    const d = new OutboxDispatcher(db, clock, silent, { batchSize: 1000 });
    const fast: number[] = [];
    d.subscribe('fast', async (e) => {
      fast.push(e.id);
    });
    let slowLimit = 0;
    d.subscribe('slow', async (e) => {
      // Stops (fails) at the event with payload n === slowLimit: its cursor stays before it.
      if ((e.payload as { n: number }).n >= slowLimit) throw new Error('not yet');
    });
    for (let i = 0; i < 12; i++) await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', i)], i < 10 ? 0 : 900_000));
    slowLimit = 7;
    await d.drain().catch(() => undefined);
    const pruner = new OutboxPruner(db, clock, silent, () => d.passedByAll(), { retentionMs: 500_000, chunk: 3 });
    const left = async () =>
      (await db.tx('*', (trx) => trx.selectFrom('outbox').select('payload').orderBy('id').execute())).map(
        (r) => (JSON.parse(r.payload) as { n: number }).n,
      );
    // Old events 0-6 are passed by both subscribers; 7-9 are old but the slow one has not passed
    // them; 10-11 are recent. Three chunks of 3, then one of 1.
    expect(await pruner.prune()).toBe(7);
    expect(await left()).toEqual([7, 8, 9, 10, 11]);
    expect(fast).toHaveLength(12);
    slowLimit = 100;
    await d.drain();
    // Dedupe records: one of a passed old event goes, one of a recent event stays.
    const ids = (await db.tx('*', (trx) => trx.selectFrom('outbox').select('id').orderBy('id').execute())).map((r) => Number(r.id));
    await db.tx(TENANT, (trx) =>
      trx
        .insertInto('processed_events')
        .values([
          { tenant_id: TENANT, subscriber: 'fast', event_id: ids[0] ?? 0, processed_at: 0 },
          { tenant_id: TENANT, subscriber: 'fast', event_id: ids[4] ?? 0, processed_at: 900_000 },
        ])
        .execute(),
    );
    expect(await pruner.prune()).toBe(3);
    expect(await left()).toEqual([10, 11]);
    const dedupe = await db.tx(TENANT, (trx) => trx.selectFrom('processed_events').select('event_id').execute());
    expect(dedupe.map((r) => Number(r.event_id))).toEqual([ids[4]]);
    clock.advance(1_000_000);
    expect(await pruner.prune()).toBe(2);
    expect(await left()).toEqual([]);
    // Nothing left to deliver, and a new event still gets its next id.
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', 12)], clock.now()));
    await d.drain();
    expect(fast).toHaveLength(13);
  });

  it('should redeliver an event whose handler failed and keep order when it then succeeds', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', 1), ev('a', 2), ev('a', 3)], 1));
    const got: number[] = [];
    let failOnce = true;
    const d = new OutboxDispatcher(db, new ManualClock(0), silent, { pollMs: 10, maxBackoffMs: 20 });
    d.subscribe('flaky', async (e) => {
      const n = (e.payload as { n: number }).n;
      if (n === 2 && failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
      got.push(n);
    });
    d.start();
    const deadline = Date.now() + 5000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await d.stop();
    expect(got).toEqual([1, 2, 3]);
  });

  it('should apply an idempotent consumer once when the same event is delivered twice', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    await db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('a', 1)], 1));
    const row = await db.tx('*', (trx) => trx.selectFrom('outbox').selectAll().executeTakeFirstOrThrow());
    const event: DeliveredEvent = {
      id: Number(row.id),
      tenantId: TENANT,
      type: row.type,
      aggregateType: 'thing',
      aggregateId: 'a',
      payload: {},
      occurredAt: 1,
    };
    let effects = 0;
    const apply = () => consumeOnce(db, 'counter', event, 5, async () => void effects++);
    expect(await apply()).toBe(true);
    expect(await apply()).toBe(false);
    expect(effects).toBe(1);
  });

  it('should miss no event when many transactions append concurrently', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    const seen: number[] = [];
    const d = new OutboxDispatcher(db, new ManualClock(0), silent, { pollMs: 5, batchSize: 7 });
    d.subscribe('all', async (e) => {
      seen.push((e.payload as { n: number }).n);
    });
    d.start();
    const writers = Array.from({ length: 40 }, (_, i) =>
      db.tx(TENANT, async (trx) => {
        await outbox.append(trx, TENANT, [ev(`w${i}`, i)], i);
        // Hold the transaction open a moment so commits interleave with the dispatcher's reads.
        await new Promise((r) => setTimeout(r, (i * 7) % 13));
      }),
    );
    await Promise.all(writers);
    const deadline = Date.now() + 10_000;
    while (seen.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await d.stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(new Set(seen).size).toBe(40);
  });

  it('should deliver, in commit order, an event whose transaction appended first but committed last', async () => {
    const db = await open();
    const outbox = makeOutbox(db.dialect);
    const seen: number[] = [];
    const d = new OutboxDispatcher(db, new ManualClock(0), silent);
    d.subscribe('late', async (e) => {
      seen.push((e.payload as { n: number }).n);
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let release: () => void = () => undefined;
    const latch = new Promise<void>((r) => {
      release = r;
    });
    let appended: () => void = () => undefined;
    const slowHoldsId = new Promise<void>((r) => {
      appended = r;
    });
    const slow = db.tx(TENANT, async (trx) => {
      await outbox.append(trx, TENANT, [ev('slow', 1)], 1);
      appended();
      await latch;
    });
    // Wait for the slow transaction to hold its id (a fixed sleep is too short on a loaded machine).
    await slowHoldsId;
    const fast = db.tx(TENANT, (trx) => outbox.append(trx, TENANT, [ev('fast', 2)], 2));
    await sleep(30);
    // The dispatcher reads while the slow transaction is still open: it must not move its cursor
    // past the slow event's id, or that event would never be delivered.
    const early = d.drain();
    setTimeout(release, 100);
    await Promise.all([slow, fast, early]);
    await d.drain();
    // Both are delivered, in commit order: rows are inserted (and ids taken) just before commit,
    // so on PostgreSQL the fast transaction's event comes first; SQLite runs one at a time.
    expect(seen).toEqual(db.dialect === 'postgres' ? [2, 1] : [1, 2]);
  });
});
