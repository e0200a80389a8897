/**
 * Routing's timers and its restore after a restart, end to end over HTTP and the real store: an
 * offer nobody accepts goes back to the queue and its agent to not-ready; a contact that waits past
 * its queue's max wait is timed out with the queue's action; a request that arrives after a deadline
 * but before the timer fired still leaves the store in step with the engine; and after a restart
 * offered and assigned contacts carry on where they were.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type Contact, DISPOSITION, restartableKefu, routingOf, skewed, until } from './support.js';

describeStorage('routing timers', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  const r = routingOf(
    () => t.call,
    () => acme,
  );

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  it('should requeue the contact and set the agent not ready when an offer is not accepted in time', async () => {
    const { queueId, skillId } = await r.queue('Quick offers', { offerTimeoutMs: 1000 });
    await r.staff(acme.users.agent.id, acme.tokens.agent, skillId);
    const c = await r.open(queueId);
    expect(c).toMatchObject({ state: 'offered', agentId: acme.users.agent.id });
    const back = await until(
      () => r.contact(c.id),
      (x) => x.state !== 'offered',
    );
    expect(back).toMatchObject({ state: 'queued', agentId: null, queueId });
    expect(await r.presenceOf(acme.users.agent.id)).toBe('not_ready');
    const log = await r.transitions(c.id);
    expect(log.map((x) => [x.to, x.reason])).toEqual([
      ['queued', null],
      ['offered', expect.any(String)],
      ['queued', 'offer_expired'],
    ]);
    const snap = await r.snapshot();
    expect(snap.agents.find((a) => a.id === acme.users.agent.id)).toMatchObject({ presence: 'not_ready', offered: [] });
    expect(snap.totals).toMatchObject({ queued: 1, offered: 0 });
    // Nobody else may serve it: it waits, first in line.
    expect(await r.json('GET', `/api/v1/contacts/${c.id}/wait`, acme.tokens.tenant_admin)).toMatchObject({ state: 'queued', position: 1 });
  });

  it.each([
    ['callback', 'timed_out'],
    ['ticket', 'timed_out'],
    ['abandon', 'abandoned'],
  ])('should end a contact waiting past the max wait with %s as %s', async (action, state) => {
    // Nobody has this queue's skill, so its contacts only wait.
    const { queueId } = await r.queue(`Max wait ${action}`, { maxWaitMs: 1000, maxWaitAction: action });
    const c = await r.open(queueId);
    expect(c.state).toBe('queued');
    const done = await until(
      () => r.contact(c.id),
      (x) => x.state !== 'queued',
    );
    expect(done).toMatchObject({ state, agentId: null });
    expect(done).toHaveProperty('closedAt', expect.any(Number));
    expect((await r.transitions(c.id)).at(-1)).toMatchObject({ from: 'queued', to: state, reason: `max_wait_${action}` });
    expect(await r.json('GET', `/api/v1/contacts/${c.id}/wait`, acme.tokens.tenant_admin)).toMatchObject({ state, position: null });
    expect((await r.snapshot()).queues.find((q) => q.id === queueId)).toMatchObject({ waiting: 0 });
  });
});

describeStorage('routing deadlines passed before their timer fired', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  const { s, clock } = skewed();
  const r = routingOf(
    () => t.call,
    () => acme,
  );

  beforeAll(async () => {
    t = await startTestKefu(target, {}, { clock });
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  it.each([
    'accept',
    'reject',
  ])('should refuse a late %s with OFFER_EXPIRED and record the expiry so the store agrees with routing', async (action) => {
    const { queueId, skillId } = await r.queue(`Late ${action}`, { offerTimeoutMs: 1000 });
    await r.staff(acme.users.agent.id, acme.tokens.agent, skillId);
    const c = await r.open(queueId);
    expect(c).toMatchObject({ state: 'offered', agentId: acme.users.agent.id });
    s.skew += 60_000;
    expectError(await t.call('POST', `/api/v1/contacts/${c.id}/${action}`, acme.tokens.agent), 409, 'OFFER_EXPIRED');
    // Routing let the offer expire when the request came in; the store must say the same at once.
    expect(await r.contact(c.id)).toMatchObject({ state: 'queued', agentId: null });
    expect(await r.presenceOf(acme.users.agent.id)).toBe('not_ready');
    expect((await r.transitions(c.id)).map((x) => x.to)).toEqual(['queued', 'offered', 'queued']);
    const snap = await r.snapshot();
    expect(snap.agents.find((a) => a.id === acme.users.agent.id)).toMatchObject({ presence: 'not_ready', offered: [] });
    const queued = await r.json<{ items: Contact[] }>('GET', '/api/v1/contacts?state=queued', acme.tokens.tenant_admin);
    expect(snap.totals.queued).toBe(queued.items.length);
    const offered = await r.json<{ items: Contact[] }>('GET', '/api/v1/contacts?state=offered', acme.tokens.tenant_admin);
    expect(snap.totals.offered).toBe(offered.items.length);
  });

  /**
   * A contact offered to the agent, with the supervisor also available, and the clock moved past
   * the offer's expiry before its timer fired: the next request's tick re-offers it to the supervisor.
   */
  const expiredUnseen = async (name: string) => {
    const { queueId, skillId } = await r.queue(name, { offerTimeoutMs: 1000 });
    await r.staff(acme.users.agent.id, acme.tokens.agent, skillId);
    const c = await r.open(queueId);
    expect(c).toMatchObject({ state: 'offered', agentId: acme.users.agent.id });
    await r.staff(acme.users.supervisor.id, acme.tokens.supervisor, skillId);
    const runtime = t.kefu.services.contactCenter.runtime;
    const engine = await runtime.read(acme.tenant.id, (e) => e);
    s.skew += 60_000;
    return { c, runtime, engine };
  };

  it('should let the customer leave a contact whose offer expired unseen and went to the next agent', async () => {
    const { c, runtime, engine } = await expiredUnseen('Leave after expiry');
    // The request first lets the offer expire and go to the supervisor, then takes the contact out.
    const left = await r.json<Contact>('POST', `/api/v1/contacts/${c.id}/abandon`, acme.tokens.tenant_admin, undefined, 200);
    expect(left.state).toBe('abandoned');
    expect((await r.transitions(c.id)).map((x) => x.to)).toEqual(['queued', 'offered', 'queued', 'offered', 'abandoned']);
    expect(await runtime.read(acme.tenant.id, (e) => e)).toBe(engine);
    expect((await r.snapshot()).totals).toMatchObject({ offered: 0 });
  });

  it("should refuse an agent's abandon once an unseen expiry gave the contact to a colleague, changing nothing", async () => {
    const { c, runtime, engine } = await expiredUnseen('Re-offered');
    // The row still says "offered to you"; routing, ticking first, has given it to the supervisor.
    expectError(await t.call('POST', `/api/v1/contacts/${c.id}/abandon`, acme.tokens.agent), 403, 'NOT_YOUR_CONTACT');
    expect(await r.contact(c.id)).toMatchObject({ state: 'offered', agentId: acme.users.supervisor.id });
    expect(await runtime.read(acme.tenant.id, (e) => e)).toBe(engine);
    await r.json('POST', `/api/v1/contacts/${c.id}/abandon`, acme.tokens.tenant_admin, undefined, 200);
  });
});

describeStorage('routing after a restart', (target) => {
  const k = restartableKefu(target);
  const { r } = k;

  it('should keep an offered contact on offer to the same agent and let an assigned one be wrapped up', async () => {
    const { acme } = k;
    const agent = acme.users.agent.id;
    const { queueId, skillId } = await r.queue('Restored', { offerTimeoutMs: 600_000 });
    const { queueId: unstaffed } = await r.queue('Unstaffed', {});
    await r.staff(agent, acme.tokens.agent, skillId);
    const held = await r.open(queueId);
    await r.json('POST', `/api/v1/contacts/${held.id}/accept`, acme.tokens.agent, undefined, 200);
    await r.json('POST', `/api/v1/contacts/${held.id}/messages`, acme.tokens.agent, { clientMessageId: 'm1', body: 'before' });
    const ringing = await r.open(queueId);
    expect(ringing).toMatchObject({ state: 'offered', agentId: agent });
    const waiting = await r.open(unstaffed);
    const before = await r.snapshot();
    expect(before.totals).toEqual({ queued: 1, offered: 1, assigned: 1 });

    await k.restart();
    // Sessions live in the store, so the tokens issued before the restart still work.
    expect(await r.contact(ringing.id)).toMatchObject({ state: 'offered', agentId: agent });
    const after = await r.snapshot();
    expect(after.totals).toEqual(before.totals);
    expect(after.agents.find((a) => a.id === agent)).toMatchObject({
      presence: 'available',
      offered: [ringing.id],
      assigned: [held.id],
    });
    expect(await r.json('GET', `/api/v1/contacts/${waiting.id}/wait`, acme.tokens.tenant_admin)).toMatchObject({ position: 1 });

    expect(await r.json('POST', `/api/v1/contacts/${ringing.id}/accept`, acme.tokens.agent, undefined, 200)).toMatchObject({
      state: 'assigned',
      agentId: agent,
    });
    const message = await r.json<{ seq: number }>('POST', `/api/v1/contacts/${held.id}/messages`, acme.tokens.agent, {
      clientMessageId: 'm2',
      body: 'after',
    });
    expect(message.seq).toBe(2);
    expect(await r.json('POST', `/api/v1/contacts/${held.id}/wrap-up`, acme.tokens.agent, { disposition: DISPOSITION }, 200)).toMatchObject(
      { state: 'closed', disposition: DISPOSITION },
    );
    expect((await r.transitions(held.id)).map((x) => x.to)).toEqual(['queued', 'offered', 'assigned', 'wrap_up', 'closed']);
    expect((await r.transitions(ringing.id)).map((x) => x.to)).toEqual(['queued', 'offered', 'assigned']);
    const end = await r.snapshot();
    expect(end.totals).toEqual({ queued: 1, offered: 0, assigned: 1 });
    expect(end.agents.find((a) => a.id === agent)).toMatchObject({ offered: [], assigned: [ringing.id] });
    // Nothing was offered twice: one decision per offer.
    const decisions = await r.json<{ items: { contactId: string }[] }>('GET', '/api/v1/routing/decisions', acme.tokens.tenant_admin);
    expect(decisions.items.map((d) => d.contactId).sort()).toEqual([held.id, ringing.id].sort());
  });
});
