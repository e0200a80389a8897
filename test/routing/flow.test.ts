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

describeStorage('contacts through routing', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let admin: string;
  let agent: string;
  let agentId: string;
  let queueId: string;
  let otherQueueId: string;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    admin = acme.tokens.tenant_admin;
    agent = acme.tokens.agent;
    agentId = acme.users.agent.id;
    const skill = (await t.call('POST', '/api/v1/routing/skills', admin, { name: 'billing' })).json() as { id: string };
    const q = await t.call('POST', '/api/v1/routing/queues', admin, {
      name: 'Billing',
      config: { requiredSkills: [{ skill: skill.id, minProficiency: 2 }], policy: 'longest_idle', offerTimeoutMs: 20_000 },
    });
    expect(q.statusCode).toBe(201);
    queueId = (q.json() as { id: string }).id;
    otherQueueId = ((await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General' })).json() as { id: string }).id;
    const profile = await t.call('PUT', `/api/v1/routing/agents/${agentId}`, admin, { skills: { [skill.id]: 4 }, capacity: { chat: 2 } });
    expect(profile.statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const open = async (): Promise<Contact> => {
    const res = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'high', subject: 'bill' });
    expect(res.statusCode).toBe(201);
    return res.json() as Contact;
  };

  it('should queue a contact when no agent is available and offer it when the agent becomes available', async () => {
    const c = await open();
    expect(c.state).toBe('queued');
    const wait = (await t.call('GET', `/api/v1/contacts/${c.id}/wait`, admin)).json() as { position: number };
    expect(wait.position).toBe(1);
    expect((await t.call('POST', '/api/v1/routing/me/state', agent, { state: 'available' })).statusCode).toBe(204);
    const offered = (await t.call('GET', `/api/v1/contacts/${c.id}`, admin)).json() as Contact;
    expect(offered).toMatchObject({ state: 'offered', agentId });
    const decisions = (await t.call('GET', `/api/v1/routing/decisions?contactId=${c.id}`, admin)).json() as {
      items: { decision: { agentId: string } }[];
    };
    expect(decisions.items[0]?.decision.agentId).toBe(agentId);
  });

  it('should assign on accept, refuse wrap-up without a disposition, and close with one', async () => {
    const c = await open();
    const first = ((await t.call('GET', '/api/v1/contacts?state=offered', admin)).json() as { items: Contact[] }).items;
    const target = first.find((x) => x.agentId === agentId) ?? c;
    const accepted = await t.call('POST', `/api/v1/contacts/${target.id}/accept`, agent);
    expect(accepted.json()).toMatchObject({ state: 'assigned' });
    const mine = (await t.call('GET', `/api/v1/contacts?state=assigned&agentId=${agentId}`, admin)).json() as { items: Contact[] };
    expect(mine.items.map((x) => x.id)).toEqual([target.id]);
    const nobody = (await t.call('GET', '/api/v1/contacts?agentId=usr_0000000000nobody0000', admin)).json() as { items: Contact[] };
    expect(nobody.items).toEqual([]);
    const m1 = await t.call('POST', `/api/v1/contacts/${target.id}/messages`, agent, { clientMessageId: 'a-1', body: 'Hello 你好' });
    const again = await t.call('POST', `/api/v1/contacts/${target.id}/messages`, agent, { clientMessageId: 'a-1', body: 'Hello 你好' });
    expect(m1.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().seq).toBe(m1.json().seq);
    const noDisposition = await t.call('POST', `/api/v1/contacts/${target.id}/wrap-up`, agent, {});
    expect(noDisposition.statusCode).toBe(400);
    const done = await t.call('POST', `/api/v1/contacts/${target.id}/wrap-up`, agent, {
      disposition: { contactClass: 'query', reason: 'bill_amount', product: 'broadband', resolved: true },
    });
    expect(done.json()).toMatchObject({ state: 'closed', disposition: { contactClass: 'query', resolved: true } });
    const closedAgain = await t.call('POST', `/api/v1/contacts/${target.id}/wrap-up`, agent, {
      disposition: { contactClass: 'query', reason: 'bill_amount', resolved: true },
    });
    expect(closedAgain.statusCode).toBe(409);
    expect(closedAgain.json().error.code).toBe('ILLEGAL_TRANSITION');
    const log = (await t.call('GET', `/api/v1/contacts/${target.id}/transitions`, admin)).json() as { items: { to: string }[] };
    expect(log.items.map((x) => x.to)).toEqual(['queued', 'offered', 'assigned', 'wrap_up', 'closed']);
  });

  it('should requeue at the head and set the agent not ready when the agent rejects', async () => {
    const offered = ((await t.call('GET', '/api/v1/contacts?state=offered', admin)).json() as { items: Contact[] }).items;
    const c = offered[0] ?? (await open());
    const res = await t.call('POST', `/api/v1/contacts/${c.id}/reject`, agent);
    expect(res.json()).toMatchObject({ state: 'queued', agentId: null });
    const snap = (await t.call('GET', '/api/v1/routing/snapshot', admin)).json() as { agents: { id: string; presence: string }[] };
    expect(snap.agents.find((a) => a.id === agentId)?.presence).toBe('not_ready');
  });

  it('should refuse unknown queues, other agents accepting, and closed contacts with clear codes', async () => {
    const bad = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId: 'que_nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('UNKNOWN_QUEUE');
    const c = await open();
    const sup = await t.call('POST', `/api/v1/contacts/${c.id}/accept`, acme.tokens.supervisor);
    expect(sup.statusCode).toBeGreaterThanOrEqual(400);
    expect(sup.statusCode).toBeLessThan(500);
    const moved = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, { queueId: otherQueueId });
    expect(moved.statusCode).toBe(403);
  });

  it('should let staff post only as agents and only into contacts they handle, unless they supervise', async () => {
    const mine = await open();
    const unrouted = (await t.call('POST', '/api/v1/contacts', admin, { channel: 'app', tier: 'low' })).json() as Contact;
    const notMine = await t.call('POST', `/api/v1/contacts/${unrouted.id}/messages`, agent, { clientMessageId: 'x-1', body: 'hi' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('NOT_YOUR_CONTACT');
    const asCustomer = await t.call('POST', `/api/v1/contacts/${mine.id}/messages`, agent, {
      clientMessageId: 'x-2',
      body: 'pretending to be the customer',
      author: 'customer',
    });
    expect(asCustomer.statusCode).toBe(403);
    const supervised = await t.call('POST', `/api/v1/contacts/${unrouted.id}/messages`, acme.tokens.supervisor, {
      clientMessageId: 'x-3',
      body: 'hi',
    });
    expect(supervised.statusCode).toBe(201);
    const stored = (await t.call('GET', `/api/v1/contacts/${unrouted.id}/messages`, admin)).json() as {
      items: { clientMessageId: string }[];
    };
    expect(stored.items.map((m) => m.clientMessageId)).toEqual(['x-3']);
  });

  it('should restore queued contacts and agent presence when the server restarts', async () => {
    const before = (await t.call('GET', '/api/v1/routing/snapshot', admin)).json() as { totals: Record<string, number> };
    await t.kefu.close();
    const again = await createKefu(t.kefu.config, { rateLimitPerMinute: 100_000 });
    try {
      const token = (
        await again.server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { organization: 'acme', email: 'admin@acme.test', password: PASSWORD },
        })
      ).json().token as string;
      const snap = (
        await again.server.inject({ method: 'GET', url: '/api/v1/routing/snapshot', headers: { authorization: `Bearer ${token}` } })
      ).json() as {
        totals: Record<string, number>;
      };
      expect(snap.totals).toEqual(before.totals);
    } finally {
      await again.close();
    }
  });
});
