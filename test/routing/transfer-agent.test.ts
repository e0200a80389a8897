/**
 * Transfer (and a supervisor's reassign) to a named agent: the contact waits for that agent only,
 * is offered to them when they are free, survives a restart while waiting, and bad targets are
 * refused without changing anything.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKefu } from '../../src/app/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

interface Contact {
  id: string;
  state: string;
  agentId: string | null;
  queueId: string | null;
}

describeStorage('transfer to an agent', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let admin: string;
  let agent: string;
  let queueId: string;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    admin = acme.tokens.tenant_admin;
    agent = acme.tokens.agent;
    queueId = ((await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General' })).json() as { id: string }).id;
    for (const u of [acme.users.agent.id, acme.users.supervisor.id]) {
      const put = await t.call('PUT', `/api/v1/routing/agents/${u}`, admin, { skills: {}, capacity: { chat: 2 } });
      expect(put.statusCode).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  const contact = async (id: string): Promise<Contact> => (await t.call('GET', `/api/v1/contacts/${id}`, admin)).json() as Contact;

  /** A contact the agent has accepted. */
  const assignedToAgent = async (): Promise<Contact> => {
    expect((await t.call('POST', '/api/v1/routing/me/state', agent, { state: 'available' })).statusCode).toBe(204);
    const c = (await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'high' })).json() as Contact;
    expect(c).toMatchObject({ state: 'offered', agentId: acme.users.agent.id });
    expect((await t.call('POST', `/api/v1/contacts/${c.id}/accept`, agent)).json()).toMatchObject({ state: 'assigned' });
    return c;
  };

  it('should list routable colleagues with their state for the transfer dialog', async () => {
    await t.call('POST', '/api/v1/routing/me/state', agent, { state: 'available' });
    const res = await t.call('GET', '/api/v1/chat/agents', agent);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { id: string; name: string; state: string }[] }).items;
    expect(items.map((a) => a.id).sort()).toEqual([acme.users.agent.id, acme.users.supervisor.id].sort());
    expect(items.find((a) => a.id === acme.users.agent.id)?.state).toBe('available');
  });

  it('should refuse a transfer without a target, to an unknown agent or to the handling agent, changing nothing', async () => {
    const c = await assignedToAgent();
    const none = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, { note: 'where to?' });
    expect(none.statusCode).toBe(400);
    const ghost = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, { agentId: 'usr_ghost' });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().error.code).toBe('UNKNOWN_AGENT');
    const self = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, { agentId: acme.users.agent.id });
    expect(self.statusCode).toBe(400);
    expect(await contact(c.id)).toMatchObject({ state: 'assigned', agentId: acme.users.agent.id });
    // Routing still holds it too: the agent can end and wrap it up, and nobody else is offered it.
    const snap = await t.call('GET', '/api/v1/routing/snapshot', acme.tokens.tenant_admin);
    expect(snap.json().agents.find((a: { id: string }) => a.id === acme.users.agent.id)).toMatchObject({ assigned: [c.id] });
    expect((await t.call('POST', `/api/v1/contacts/${c.id}/end`, agent)).statusCode).toBe(200);
    const done = await t.call('POST', `/api/v1/contacts/${c.id}/wrap-up`, agent, {
      disposition: { contactClass: 'query', reason: 'x', resolved: true },
    });
    expect(done.statusCode).toBe(200);
  });

  it('should wait for the named agent only, across a restart, then offer it to them', async () => {
    const c = await assignedToAgent();
    // The colleague is offline: the contact waits for them even though the first agent is free.
    const moved = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, {
      agentId: acme.users.supervisor.id,
      note: 'billing expert',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'queued', agentId: null, queueId });
    expect((await t.call('GET', `/api/v1/contacts/${c.id}/wait`, admin)).json()).toMatchObject({ position: 1 });
    expect(await contact(c.id)).toMatchObject({ state: 'queued' });

    await t.kefu.close();
    const again = await createKefu(t.kefu.config, { rateLimitPerMinute: 100_000 });
    try {
      const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
        again.server.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
      const login = async (email: string) =>
        (
          await again.server.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { organization: 'acme', email, password: PASSWORD },
          })
        ).json().token as string;
      const [adminToken, colleagueToken] = [await login('admin@acme.test'), await login(acme.users.supervisor.email)];
      expect((await call('GET', `/api/v1/contacts/${c.id}`, adminToken)).json()).toMatchObject({ state: 'queued' });
      expect((await call('POST', '/api/v1/routing/me/state', colleagueToken, { state: 'available' })).statusCode).toBe(204);
      expect((await call('GET', `/api/v1/contacts/${c.id}`, adminToken)).json()).toMatchObject({
        state: 'offered',
        agentId: acme.users.supervisor.id,
      });
      const decisions = (await call('GET', `/api/v1/routing/decisions?contactId=${c.id}`, adminToken)).json() as {
        items: { decision: { policy: string; agentId: string } }[];
      };
      expect(decisions.items.find((d) => d.decision.agentId === acme.users.supervisor.id)?.decision).toMatchObject({ policy: 'targeted' });
      const log = (await call('GET', `/api/v1/contacts/${c.id}/transitions`, adminToken)).json() as {
        items: { to: string; reason: string | null }[];
      };
      expect(log.items.map((x) => x.to)).toEqual(['queued', 'offered', 'assigned', 'transferred', 'queued', 'offered']);
      expect(log.items[3]?.reason).toBe('billing expert');
    } finally {
      await again.close();
    }
  });
});
