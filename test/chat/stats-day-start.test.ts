/**
 * Today's statistics read contacts by a range of ids (ids begin with their creation time), but
 * routing takes a contact's id a moment before the time it stores as created_at (the tenant's
 * engine loads and the change waits its turn in between). A contact created just after midnight
 * with an id from just before must still count as today's. The id source lets 2 ms pass after each
 * contact id, standing in for those awaits.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { type IdSource, ManualClock, makeIdSource } from '../../src/kernel/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

const MIDNIGHT = new Date(2025, 0, 16, 0, 0, 0).getTime();

describeStorage("today's statistics by creation time", (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let queueId: string;
  const clock = new ManualClock(MIDNIGHT - 3_600_000);
  let lag = 0;
  const base = makeIdSource(
    () => clock.now(),
    (n) => randomBytes(n),
  );
  const ids: IdSource = {
    next(prefix) {
      const id = base.next(prefix);
      if (prefix === 'con') clock.advance(lag);
      return id;
    },
  };

  beforeAll(async () => {
    t = await startTestKefu(target, {}, { clock, ids });
    acme = await t.seedTenant('acme');
    const q = await t.call('POST', '/api/v1/routing/queues', acme.tokens.tenant_admin, { name: 'General' });
    queueId = (q.json() as { id: string }).id;
  });
  afterAll(async () => t?.close());

  it('should count a contact created after the day started whatever the time in its id', async () => {
    clock.set(MIDNIGHT - 1);
    lag = 2;
    const res = await t.call('POST', '/api/v1/contacts', acme.tokens.tenant_admin, { channel: 'chat', queueId, tier: 'low' });
    lag = 0;
    expect(res.statusCode, res.body).toBe(201);
    const ctx = systemContext('test', acme.tenant.id);
    const contacts = t.kefu.services.contactCenter.contacts;
    const createdToday = (await contacts.list(ctx, { limit: 200 })).items.filter((c) => c.createdAt >= MIDNIGHT);
    expect(createdToday).toHaveLength(1);
    expect(await contacts.outcomesSince(ctx, MIDNIGHT)).toHaveLength(createdToday.length);
  });
});
