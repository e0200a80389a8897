import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('routing by the tenant customer tiers', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let queueId: string;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    const admin = acme.tokens.tenant_admin;
    queueId = ((await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General' })).json() as { id: string }).id;
  });
  afterAll(async () => t?.close());

  it('should refuse a tier the tenant does not have and route it once the tier list names it', async () => {
    const admin = acme.tokens.tenant_admin;
    const before = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'vip' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.code).toBe('UNKNOWN_TIER');
    const put = await t.call('PUT', '/api/v1/customer-tiers', admin, {
      tiers: [
        { id: 'vip', name: 'VIP' },
        { id: 'standard', name: 'Standard' },
      ],
    });
    expect(put.statusCode).toBe(200);
    // The tiers_updated event reaches routing through the outbox; its consumer rebuilds the engine.
    await t.kefu.dispatcher.drain();
    // The standard customer arrives first; the VIP's head start still puts the VIP ahead.
    const standard = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'standard' });
    const vip = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'vip' });
    expect(vip.statusCode).toBe(201);
    expect(standard.statusCode).toBe(201);
    const vipWait = (await t.call('GET', `/api/v1/contacts/${vip.json().id}/wait`, admin)).json() as { position: number };
    const stdWait = (await t.call('GET', `/api/v1/contacts/${standard.json().id}/wait`, admin)).json() as { position: number };
    expect(vipWait.position).toBe(1);
    expect(stdWait.position).toBe(2);
  });
});
