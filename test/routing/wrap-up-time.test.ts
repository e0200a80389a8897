/**
 * Agents' wrap-up time, end to end over HTTP and the real store: the profile setting and its
 * validation; a wrap-up that runs out closes the contact without a disposition and frees the
 * agent for the next contact (when a request comes in late, and by the runtime's timer alone); a
 * customer leaving starts the same clock; finishing in time stops it; untimed agents keep their
 * contacts; and a restart keeps the deadline, or closes what ran out while kefu was down.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type Contact, DISPOSITION, restartableKefu, routingOf, skewed, until } from './support.js';

interface WrapContact extends Contact {
  readonly wrapUpAt: number | null;
  readonly wrapUpExpiresAt: number | null;
  readonly closedAt: number | null;
  readonly disposition: unknown;
}

describeStorage('wrap-up time', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  const { s, clock } = skewed();
  const r = routingOf(
    () => t.call,
    () => acme,
  );
  const agent = () => acme.users.agent.id;
  const contact = (id: string) => r.json<WrapContact>('GET', `/api/v1/contacts/${id}`, acme.tokens.tenant_admin);
  const post = (id: string, action: string, body?: unknown, status = 200) =>
    r.json<WrapContact>('POST', `/api/v1/contacts/${id}/${action}`, acme.tokens.agent, body, status);
  /** A queue the agent alone serves, one chat at a time, with the given wrap-up time. */
  const staffed = async (name: string, wrapUpSeconds?: number) => {
    const { queueId, skillId } = await r.queue(name, { offerTimeoutMs: 600_000 });
    await r.staff(agent(), acme.tokens.agent, skillId, { capacity: { chat: 1 }, ...(wrapUpSeconds ? { wrapUpSeconds } : {}) });
    return queueId;
  };
  /** Opens a contact the agent takes (it is offered at once) and accepts. */
  const answered = async (queueId: string) => {
    const c = await r.open(queueId);
    expect(c).toMatchObject({ state: 'offered', agentId: agent() });
    return post(c.id, 'accept');
  };
  /** Any change through routing re-arms the tenant's timer against the moved clock. */
  const rearm = () =>
    r.json('PUT', `/api/v1/routing/agents/${acme.users.supervisor.id}`, acme.tokens.tenant_admin, { skills: {}, capacity: {} }, 200);

  beforeAll(async () => {
    t = await startTestKefu(target, {}, { clock });
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  it('should store an agent profile wrap-up time and refuse a bad one without changing anything', async () => {
    const url = `/api/v1/routing/agents/${agent()}`;
    const admin = acme.tokens.tenant_admin;
    const put = await r.json('PUT', url, admin, { skills: {}, capacity: { chat: 2 }, wrapUpSeconds: 30 }, 200);
    expect(put).toMatchObject({ userId: agent(), wrapUpSeconds: 30 });
    for (const bad of [4, 86_401, 2.5, '30', -1]) {
      const res = await t.call('PUT', url, admin, { skills: {}, capacity: { chat: 1 }, wrapUpSeconds: bad });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    const listed = await r.json<{ items: { userId: string; wrapUpSeconds: number | null; capacity: object }[] }>(
      'GET',
      '/api/v1/routing/agents',
      admin,
    );
    expect(listed.items.find((a) => a.userId === agent())).toMatchObject({ wrapUpSeconds: 30, capacity: { chat: 2 } });
    // PUT replaces the profile: leaving the field out means no limit.
    expect(await r.json('PUT', url, admin, { skills: {}, capacity: { chat: 2 } }, 200)).toMatchObject({ wrapUpSeconds: null });
  });

  it('should close a contact whose wrap-up ran out, give the agent the next one and refuse the late disposition', async () => {
    const queueId = await staffed('Timed wrap-up', 5);
    const first = await answered(queueId);
    const next = await r.open(queueId);
    expect(next.state).toBe('queued');
    const ended = await post(first.id, 'end');
    expect(ended.state).toBe('wrap_up');
    expect(ended.wrapUpExpiresAt).toBe((ended.wrapUpAt ?? 0) + 5000);
    // The wrap-up holds the agent's only chat until it runs out.
    expect((await r.contact(next.id)).state).toBe('queued');

    s.skew += 6000;
    const late = await t.call('POST', `/api/v1/contacts/${first.id}/wrap-up`, acme.tokens.agent, { disposition: DISPOSITION });
    expectError(late, 409, 'WRAP_UP_EXPIRED');
    const closed = await contact(first.id);
    expect(closed).toMatchObject({ state: 'closed', disposition: null, agentId: agent() });
    expect(closed.closedAt).toBeGreaterThanOrEqual(closed.wrapUpExpiresAt ?? Number.POSITIVE_INFINITY);
    expect((await r.transitions(first.id)).at(-1)).toMatchObject({ from: 'wrap_up', to: 'closed', reason: 'wrap_up_timeout' });
    expect(await r.contact(next.id)).toMatchObject({ state: 'offered', agentId: agent() });
    await r.json('POST', `/api/v1/contacts/${next.id}/abandon`, acme.tokens.tenant_admin, undefined, 200);
  });

  it('should close a wrap-up that ran out by the routing timer alone, and refuse the disposition after', async () => {
    const queueId = await staffed('Timer wrap-up', 5);
    const c = await answered(queueId);
    await post(c.id, 'end');
    s.skew += 4800;
    await rearm();
    const done = await until(
      () => contact(c.id),
      (x) => x.state !== 'wrap_up',
      3000,
    );
    expect(done).toMatchObject({ state: 'closed', disposition: null });
    expect((await r.snapshot()).agents.find((a) => a.id === agent())).toMatchObject({ assigned: [] });
    // The timer closed it before the agent sent the form: the agent hears why.
    const late = await t.call('POST', `/api/v1/contacts/${c.id}/wrap-up`, acme.tokens.agent, { disposition: DISPOSITION });
    expectError(late, 409, 'WRAP_UP_EXPIRED');
  });

  it('should time the wrap-up of a contact whose customer left, and stop the clock when the agent finishes', async () => {
    const queueId = await staffed('Customer left', 5);
    const c = await answered(queueId);
    const left = await r.json<WrapContact>('POST', `/api/v1/contacts/${c.id}/abandon`, acme.tokens.tenant_admin, undefined, 200);
    expect(left.state).toBe('wrap_up');
    expect(left.wrapUpExpiresAt).toBe((left.wrapUpAt ?? 0) + 5000);
    expect(await post(c.id, 'wrap-up', { disposition: DISPOSITION })).toMatchObject({
      state: 'closed',
      disposition: DISPOSITION,
      wrapUpExpiresAt: null,
    });
    s.skew += 6000;
    await rearm();
    expect((await r.transitions(c.id)).at(-1)).toMatchObject({ from: 'wrap_up', to: 'closed', reason: null });
    expect(await contact(c.id)).toMatchObject({ state: 'closed', disposition: DISPOSITION });
    // The agent's one chat line was freed once: the next contact is offered, the one after waits.
    const next = await r.open(queueId);
    const after = await r.open(queueId);
    expect([next.state, after.state]).toEqual(['offered', 'queued']);
    expect(await post(c.id, 'wrap-up', { disposition: DISPOSITION }, 409)).toMatchObject({ error: { code: 'ILLEGAL_TRANSITION' } });
    for (const x of [next, after]) await r.json('POST', `/api/v1/contacts/${x.id}/abandon`, acme.tokens.tenant_admin, undefined, 200);
  });

  it('should answer a double End once and refuse the second without disturbing routing', async () => {
    const queueId = await staffed('Double end', 5);
    const c = await answered(queueId);
    const runtime = t.kefu.services.contactCenter.runtime;
    const engineBefore = await runtime.read(acme.tenant.id, (e) => e);
    const both = await Promise.all([1, 2].map(() => t.call('POST', `/api/v1/contacts/${c.id}/end`, acme.tokens.agent)));
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const refused = both.find((x) => x.statusCode === 409);
    if (refused) expectError(refused, 409, 'ILLEGAL_TRANSITION');
    // The refused End failed no commit, so routing kept its engine instead of rebuilding it.
    expect(await runtime.read(acme.tenant.id, (e) => e)).toBe(engineBefore);
    expect((await r.transitions(c.id)).map((x) => x.to)).toEqual(['queued', 'offered', 'assigned', 'wrap_up']);
    await post(c.id, 'wrap-up', { disposition: DISPOSITION });
  });

  it('should keep an untimed wrap-up until the agent finishes it', async () => {
    const queueId = await staffed('Untimed wrap-up');
    const c = await answered(queueId);
    expect(await post(c.id, 'end')).toMatchObject({ state: 'wrap_up', wrapUpExpiresAt: null });
    s.skew += 3_600_000;
    await rearm();
    expect((await contact(c.id)).state).toBe('wrap_up');
    expect(await post(c.id, 'wrap-up', { disposition: DISPOSITION })).toMatchObject({ state: 'closed' });
  });

  it('should refuse to end a contact that is not assigned, changing nothing', async () => {
    const queueId = await staffed('End twice', 5);
    const c = await answered(queueId);
    await post(c.id, 'end');
    const before = await contact(c.id);
    const again = await t.call('POST', `/api/v1/contacts/${c.id}/end`, acme.tokens.agent);
    expectError(again, 409, 'ILLEGAL_TRANSITION');
    expect(await contact(c.id)).toEqual(before);
    await post(c.id, 'wrap-up', { disposition: DISPOSITION });
  });
});

describeStorage('wrap-up time after a restart', (target) => {
  const { s, clock } = skewed();
  const k = restartableKefu(target, { clock });
  const { r } = k;

  it('should keep a wrap-up deadline across a restart, and close what ran out while kefu was down', async () => {
    const { acme } = k;
    const agent = acme.users.agent.id;
    const { queueId, skillId } = await r.queue('Restart wrap-up', { offerTimeoutMs: 600_000 });
    await r.staff(agent, acme.tokens.agent, skillId, { capacity: { chat: 1 }, wrapUpSeconds: 60 });
    const c = await r.open(queueId);
    await r.json('POST', `/api/v1/contacts/${c.id}/accept`, acme.tokens.agent, undefined, 200);
    const ended = await r.json<WrapContact>('POST', `/api/v1/contacts/${c.id}/end`, acme.tokens.agent, undefined, 200);
    const waiting = await r.open(queueId);
    expect(waiting.state).toBe('queued');

    await k.restart();
    expect(await r.json<WrapContact>('GET', `/api/v1/contacts/${c.id}`, acme.tokens.tenant_admin)).toMatchObject({
      state: 'wrap_up',
      wrapUpExpiresAt: ended.wrapUpExpiresAt,
    });
    expect((await r.snapshot()).agents.find((a) => a.id === agent)).toMatchObject({ assigned: [c.id] });
    expect((await r.contact(waiting.id)).state).toBe('queued');

    await k.restart(() => {
      s.skew += 61_000;
    });
    // The first use of the tenant's routing rebuilds it, and the rebuild closes the lapsed wrap-up.
    const snap = await r.snapshot();
    expect(snap.agents.find((a) => a.id === agent)).toMatchObject({ assigned: [], offered: [waiting.id] });
    expect(await r.json<WrapContact>('GET', `/api/v1/contacts/${c.id}`, acme.tokens.tenant_admin)).toMatchObject({
      state: 'closed',
      disposition: null,
    });
    expect((await r.transitions(c.id)).at(-1)).toMatchObject({ to: 'closed', reason: 'wrap_up_timeout' });
  });
});
