/**
 * Live frames driven by the outbox: offers and contact changes to the agent, state and queue
 * position to the visitor, statistics to supervisors, and every socket closed on shutdown.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, chatTenant, type RealtimeKefu, staff, startRealtimeKefu, upgradeStatus, visitor } from './harness.js';

describeStorage('real-time live frames', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;

  beforeAll(async () => {
    k = await startRealtimeKefu(target);
    acme = await chatTenant(k, 'acme');
  });
  afterAll(async () => k?.close());

  it('should send the agent an offer and then the contact change when it is accepted', async () => {
    const agent = await staff(k, acme.seeded.tokens.agent);
    agent.send({ t: 'subscribe', topic: 'agent' });
    await agent.next((f) => f.t === 'subscribed');
    const { contactId } = await acme.open(false);
    const offer = await agent.next((f) => f.t === 'offer');
    expect(offer).toMatchObject({ contact: { id: contactId, state: 'offered' } });
    expect(typeof offer.expiresAt).toBe('number');
    await k.t.call('POST', `/api/v1/contacts/${contactId}/accept`, acme.seeded.tokens.agent);
    expect(await agent.next((f) => f.t === 'contact')).toMatchObject({ contact: { id: contactId, state: 'assigned' } });
    agent.close();
  });

  it('should tell a waiting visitor its position and when an agent joins', async () => {
    await k.t.call('POST', '/api/v1/routing/me/state', acme.seeded.tokens.agent, { state: 'not_ready', reason: 'lunch' });
    const { contactId: first } = await acme.open(false);
    const { contactId: second, token } = await acme.open(false);
    const v = await visitor(k, token);
    const welcome = await v.next((f) => f.t === 'welcome');
    expect(welcome).toMatchObject({ contact: { id: second, state: 'queued' }, wait: { position: 2 } });
    await k.t.call('POST', `/api/v1/contacts/${first}/abandon`, acme.seeded.tokens.tenant_admin);
    expect(await v.next((f) => f.t === 'wait')).toMatchObject({ position: 1 });
    await k.t.call('POST', '/api/v1/routing/me/state', acme.seeded.tokens.agent, { state: 'available' });
    await v.next((f) => f.t === 'state' && f.state === 'offered');
    await k.t.call('POST', `/api/v1/contacts/${second}/accept`, acme.seeded.tokens.agent);
    expect(await v.next((f) => f.t === 'state' && f.state === 'assigned')).toMatchObject({ agentName: 'Agent' });
    v.close();
  });

  it('should send supervisors statistics at once and again after a change', async () => {
    const sup = await staff(k, acme.seeded.tokens.supervisor);
    sup.send({ t: 'subscribe', topic: 'supervisor' });
    const initial = await sup.next((f) => f.t === 'stats');
    await acme.open(false);
    const next = await sup.next((f) => f.t === 'stats');
    expect(next).not.toEqual(initial);
    sup.close();
  });

  it('should close every socket with 1001 on shutdown and refuse new upgrades', async () => {
    const other = await startRealtimeKefu(target);
    const tenant = await chatTenant(other, 'initech');
    const { token } = await tenant.open();
    const v = await visitor(other, token);
    await v.next((f) => f.t === 'welcome');
    const s = await staff(other, tenant.seeded.tokens.agent);
    const base = other.base;
    await other.close();
    expect((await v.closed).code).toBe(1001);
    expect((await s.closed).code).toBe(1001);
    await expect(upgradeStatus(`${base}/ws/staff`)).rejects.toThrow();
  });
});
