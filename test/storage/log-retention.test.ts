/**
 * Log retention: routing decision records and finished webhook deliveries older than their
 * periods go, in every tenant and over several chunks; recent rows and pending deliveries stay.
 */
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idFloor } from '../../src/kernel/index.js';
import { LogRetention } from '../../src/platform/db/index.js';
import { decisionLog } from '../../src/routing/index.js';
import { deliveryLog } from '../../src/webhooks/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

const DAY = 86_400_000;

/** An id of that time (as kernel/ids.ts makes them) with a distinct random part. */
const idAt = (prefix: string, ms: number, n: number): string =>
  `${idFloor(prefix, ms).slice(0, prefix.length + 11)}${String(n).padStart(10, '0')}`;

describeStorage('log retention', (target) => {
  let t: TestKefu;
  let tenants: SeededTenant[];
  const now = Date.now();

  beforeAll(async () => {
    t = await startTestKefu(target);
    tenants = [await t.seedTenant('keep-logs-a'), await t.seedTenant('keep-logs-b')];
  });
  afterAll(async () => t?.close());

  const seed = async (tenantId: string) => {
    const decision = (id: string, at: number) => ({ tenant_id: tenantId, id, contact_id: 'con_x', agent_id: 'usr_x', at, record: '{}' });
    const delivery = (id: string, seq: number, status: 'pending' | 'delivered' | 'failed', at: number) => ({
      tenant_id: tenantId,
      id,
      webhook_id: 'whk_x',
      seq,
      event_id: seq,
      event_type: 'contact.queued',
      payload: '{}',
      status,
      attempts: 1,
      next_attempt_at: status === 'pending' ? at : null,
      last_status_code: null,
      last_error: null,
      created_at: at,
      delivered_at: status === 'delivered' ? at : null,
    });
    const old = now - 100 * DAY;
    await t.kefu.db.tx(tenantId, async (trx) => {
      await trx
        .insertInto('routing_decisions')
        .values([1, 2, 3, 4, 5].map((n) => decision(idAt('dec', old, n), old)))
        .execute();
      await trx
        .insertInto('routing_decisions')
        .values(decision(idAt('dec', now - DAY, 6), now - DAY))
        .execute();
      await trx
        .insertInto('webhook_deliveries')
        .values([
          delivery(idAt('whd', old, 1), 1, 'delivered', old),
          delivery(idAt('whd', old, 2), 2, 'failed', old),
          delivery(idAt('whd', old, 3), 3, 'pending', old),
          delivery(idAt('whd', now - DAY, 4), 4, 'delivered', now - DAY),
        ])
        .execute();
    });
  };

  const left = async (tenantId: string) =>
    t.kefu.db.tx(tenantId, async (trx) => ({
      decisions: (await trx.selectFrom('routing_decisions').select('id').where('tenant_id', '=', tenantId).execute()).length,
      deliveries: (await trx.selectFrom('webhook_deliveries').select('seq').where('tenant_id', '=', tenantId).orderBy('seq').execute()).map(
        (r) => Number(r.seq),
      ),
    }));

  it('should delete old decision records and finished deliveries in every tenant, keeping recent rows and pending deliveries', async () => {
    const [a, b] = tenants.map((s) => s.tenant.id) as [string, string];
    await seed(a);
    await seed(b);
    // One tenant's prune touches only that tenant's rows (the id range alone would take B's too).
    const decisions = decisionLog(90 * DAY);
    const deliveries = deliveryLog(30 * DAY);
    await t.kefu.db.tx(a, async (trx) => {
      expect(await decisions.prune(trx, a, idFloor('dec', now - 90 * DAY), 100)).toBe(5);
      expect(await deliveries.prune(trx, a, idFloor('whd', now - 30 * DAY), 100)).toBe(2);
    });
    expect(await left(a)).toEqual({ decisions: 1, deliveries: [3, 4] });
    expect(await left(b)).toEqual({ decisions: 6, deliveries: [1, 2, 3, 4] });
    const retention = new LogRetention(
      t.kefu.db,
      { now: () => now },
      pino({ level: 'silent' }),
      [decisionLog(90 * DAY), deliveryLog(30 * DAY)],
      {
        chunk: 2,
      },
    );
    // The scheduled pass: B's old rows go over several chunks, A has nothing left to give.
    expect(await retention.prune()).toEqual({ routing_decisions: 5, webhook_deliveries: 2 });
    for (const id of [a, b]) expect(await left(id)).toEqual({ decisions: 1, deliveries: [3, 4] });
    // Nothing more is due: a second run deletes nothing.
    expect(await retention.prune()).toEqual({ routing_decisions: 0, webhook_deliveries: 0 });
  });

  it('should be part of every server (started and stopped with it)', () => {
    expect(t.kefu.logRetention).toBeInstanceOf(LogRetention);
  });
});
