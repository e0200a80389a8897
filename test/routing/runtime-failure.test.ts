/**
 * The routing runtime keeps memory behind the store: when a change's transaction fails, the engine
 * that already applied it is thrown away and rebuilt, and calls that were waiting on the discarded
 * engine run on the rebuilt one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('routing runtime after a failed commit', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    const admin = acme.tokens.tenant_admin;
    expect((await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General' })).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('should forget a change whose commit failed and run the calls queued behind it on the rebuilt engine', async () => {
    const runtime = t.kefu.services.contactCenter.runtime;
    const tenantId = acme.tenant.id;
    const queuesBefore = await runtime.read(tenantId, (e, now) => e.snapshot(now).queues.length);
    // The engine accepts a new queue, then the transaction that would store it fails.
    const failing = runtime.change(
      tenantId,
      (engine, now) => engine.upsertQueue({ id: 'que_ghost', policy: 'longest_idle' }, now),
      async () => {
        throw new Error('disk full');
      },
    );
    // Queued on the same mutex while the failing change runs: it must not see the ghost queue.
    const after = runtime.change(tenantId, (engine, now) => engine.upsertQueue({ id: 'que_real', policy: 'longest_idle' }, now));
    await expect(failing).rejects.toThrow('disk full');
    await after;
    const ids = await runtime.read(tenantId, (e, now) => e.snapshot(now).queues.map((q) => q.id));
    expect(ids).not.toContain('que_ghost');
    expect(ids.length).toBe(queuesBefore + 1);
    // The rebuilt engine agrees with the store: a contact can still be routed into the stored queue.
    const stored = await t.kefu.services.contactCenter.routingAdmin.listQueues(systemContext('test', tenantId));
    const res = await t.call('POST', '/api/v1/contacts', acme.tokens.tenant_admin, {
      channel: 'chat',
      queueId: stored[0]?.id,
      tier: 'low',
    });
    expect(res.statusCode).toBe(201);
  });

  it('should drop an engine whose change threw half-way, so nothing it held unwritten survives', async () => {
    const runtime = t.kefu.services.contactCenter.runtime;
    const tenantId = acme.tenant.id;
    const failing = runtime.change(tenantId, (engine, now) => {
      engine.upsertQueue({ id: 'que_half', policy: 'longest_idle' }, now);
      throw new Error('bug in a flow');
    });
    await expect(failing).rejects.toThrow('bug in a flow');
    const ids = await runtime.read(tenantId, (e, now) => e.snapshot(now).queues.map((q) => q.id));
    expect(ids).not.toContain('que_half');
  });
});
