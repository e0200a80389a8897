/**
 * Routing through the group commit: a burst of contacts opened at once is committed together,
 * each answered in the state the store holds, the engine's decisions survive a restart, and
 * presence changes (the agent's own and routing's not-ready after a missed offer) are events.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKefu } from '../../src/app/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

interface Contact {
  id: string;
  state: string;
  agentId: string | null;
}

describeStorage('routing with group commit', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let admin: string;
  let agentId: string;
  let queueId: string;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    admin = acme.tokens.tenant_admin;
    agentId = acme.users.agent.id;
    queueId = ((await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General' })).json() as { id: string }).id;
    expect((await t.call('PUT', `/api/v1/routing/agents/${agentId}`, admin, { skills: {}, capacity: { chat: 3 } })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const events = async (type: string) => {
    const rows = await t.kefu.db.tx(acme.tenant.id, (trx) =>
      trx.selectFrom('outbox').selectAll().where('tenant_id', '=', acme.tenant.id).where('type', '=', type).orderBy('id').execute(),
    );
    return rows.map((r) => ({ aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, payload: JSON.parse(r.payload) }));
  };

  it('should emit agent.presence_changed with state, since and reason when an agent changes presence', async () => {
    expect((await t.call('POST', '/api/v1/routing/me/state', acme.tokens.agent, { state: 'break', reason: 'lunch' })).statusCode).toBe(204);
    expect((await t.call('POST', '/api/v1/routing/me/state', acme.tokens.agent, { state: 'available' })).statusCode).toBe(204);
    const got = await events('agent.presence_changed');
    expect(got.map((e) => e.payload)).toEqual([
      { agentId, state: 'break', since: expect.any(Number), reason: 'lunch' },
      { agentId, state: 'available', since: expect.any(Number), reason: null },
    ]);
    expect(got[0]).toMatchObject({ aggregateType: 'agent', aggregateId: agentId });
  });

  it('should answer every contact of a burst in the state the store holds, offering as many as the agent can take', async () => {
    const opened = await Promise.all(
      Array.from({ length: 12 }, () => t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'low' })),
    );
    expect(opened.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const answers = opened.map((r) => r.json() as Contact);
    expect(answers.filter((c) => c.state === 'offered')).toHaveLength(3);
    expect(answers.filter((c) => c.state === 'queued')).toHaveLength(9);
    for (const c of answers) {
      const stored = (await t.call('GET', `/api/v1/contacts/${c.id}`, admin)).json() as Contact;
      expect(stored).toMatchObject({ state: c.state, agentId: c.agentId });
      const log = (await t.call('GET', `/api/v1/contacts/${c.id}/transitions`, admin)).json() as { items: { to: string }[] };
      expect(log.items.map((x) => x.to)).toEqual(c.state === 'offered' ? ['queued', 'offered'] : ['queued']);
    }
  });

  it("should emit routing's not-ready as agent.presence_changed when the agent rejects an offer", async () => {
    const offered = ((await t.call('GET', '/api/v1/contacts?state=offered', admin)).json() as { items: Contact[] }).items;
    const c = offered[0] as Contact;
    expect((await t.call('POST', `/api/v1/contacts/${c.id}/reject`, acme.tokens.agent)).statusCode).toBe(200);
    const last = (await events('agent.presence_changed')).pop();
    expect(last?.payload).toMatchObject({ agentId, state: 'not_ready', since: expect.any(Number) });
  });

  it('should restore after a restart exactly what the burst committed', async () => {
    const stored = async (call: (url: string) => Promise<{ json(): unknown }>) => {
      const items = ((await call('/api/v1/contacts?limit=200')).json() as { items: Contact[] }).items;
      return items.map((c) => `${c.id}:${c.state}`).sort();
    };
    const before = await stored((url) => t.call('GET', url, admin));
    await t.kefu.close();
    const again = await createKefu(t.kefu.config, { rateLimitPerMinute: 100_000 });
    try {
      const login = await again.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { organization: 'acme', email: 'admin@acme.test', password: PASSWORD },
      });
      const token = (login.json() as { token: string }).token;
      const call = (url: string) => again.server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      const snap = (await call('/api/v1/routing/snapshot')).json() as { totals: Record<string, number> };
      const after = await stored(call);
      expect(after).toEqual(before);
      expect(snap.totals.queued).toBe(before.filter((s) => s.endsWith(':queued')).length);
    } finally {
      await again.close();
    }
  });
});
