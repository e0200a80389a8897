/**
 * Routing and contacts under bad input and illegal transitions: unknown queues, skills, agents and
 * customers; queue and profile settings out of range; actions a contact's state or its handler does
 * not allow; and the message log's idempotency and gap-free numbering under concurrent senders.
 * Every refusal is a 4xx with a stable code (never a 500), and the whole routing world read back
 * through the API (contacts, their transitions and messages, the engine's snapshot, skills, queues,
 * profiles) is exactly what it was before the refused request.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { API_KEY_PERMISSIONS } from '../../src/kernel/index.js';
import { expectError } from '../api/support.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

interface Contact {
  readonly id: string;
  readonly state: string;
  readonly agentId: string | null;
  readonly queueId: string | null;
  readonly lastSeq: number;
}
interface Agent {
  readonly id: string;
  readonly token: string;
}

const DISPOSITION = { contactClass: 'query', reason: 'bill_amount', resolved: true } as const;
/**
 * A detail naming `field`. A missing required field is reported on its parent with the name in
 * the issue ("body" / "must have required property 'disposition'"), so either form names it.
 */
const namingField = (field: string) => {
  const dot = field.lastIndexOf('.');
  const parent = dot < 0 ? '' : field.slice(0, dot);
  const name = field.slice(dot + 1);
  return expect.toSatisfy(
    (d: { field?: string; issue: string }) => d.field === field || (d.field === parent && d.issue.includes(`'${name}'`)),
    `a detail naming ${field}`,
  );
};
const NOPE = { queue: 'que_0000000000000000000z', skill: 'skl_0000000000000000000z', user: 'usr_0000000000000000000z' };

describeStorage('routing bad input and illegal transitions', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let admin: string;
  let apiKey: string;
  let skill: string;
  let queue: string;
  let other: string;
  /** Requires a skill nobody has, so its contacts stay queued. */
  let unstaffed: string;
  /** agent1 takes every offer of `queue`; agent2 has the same profile but stays offline. */
  let agent1: Agent;
  let agent2: Agent;

  const json = async <T>(method: string, url: string, token: string, body?: unknown, status = method === 'GET' ? 200 : 201): Promise<T> => {
    const res = await t.call(method, url, token, body);
    expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
    return res.json() as T;
  };
  const get = <T>(url: string): Promise<T> => json<T>('GET', url, admin);
  const newAgent = async (name: string): Promise<Agent> => {
    const u = await t.kefu.services.users.create(systemContext('test', acme.tenant.id), {
      email: `${name}@acme.test`,
      displayName: name,
      role: 'agent',
      password: PASSWORD,
    });
    return { id: u.id, token: await t.login('acme', u.email, PASSWORD) };
  };
  const profile = (userId: string, skills: Record<string, number>) =>
    json('PUT', `/api/v1/routing/agents/${userId}`, admin, { skills, capacity: { chat: 50, email: 5 } }, 200);
  const presence = async (token: string, state: string, reason?: string) =>
    expect((await t.call('POST', '/api/v1/routing/me/state', token, { state, ...(reason ? { reason } : {}) })).statusCode).toBe(204);

  const open = (queueId: string): Promise<Contact> =>
    json<Contact>('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'middle' });
  const offered = async (): Promise<Contact> => {
    const c = await open(queue);
    expect(c).toMatchObject({ state: 'offered', agentId: agent1.id });
    return c;
  };
  const assigned = (): Promise<Contact> =>
    offered().then((c) => json<Contact>('POST', `/api/v1/contacts/${c.id}/accept`, agent1.token, undefined, 200));
  const closed = async (): Promise<Contact> =>
    json<Contact>('POST', `/api/v1/contacts/${(await assigned()).id}/wrap-up`, agent1.token, { disposition: DISPOSITION }, 200);
  const bot = (): Promise<Contact> => json<Contact>('POST', '/api/v1/contacts', admin, { channel: 'chat', bot: true });

  /** Everything a refused request could have touched, read back through the API. */
  const world = async () => {
    const contacts = (await get<{ items: Contact[] }>('/api/v1/contacts?limit=200')).items;
    const snap = await get<{ totals: unknown; agents: unknown; queues: { longestWaitMs?: number }[] }>('/api/v1/routing/snapshot');
    return {
      contacts: await Promise.all(
        contacts.map(async (c) => ({
          ...c,
          transitions: (await get<{ items: unknown[] }>(`/api/v1/contacts/${c.id}/transitions`)).items,
          messages: (await get<{ items: unknown[] }>(`/api/v1/contacts/${c.id}/messages?limit=500`)).items,
        })),
      ),
      totals: snap.totals,
      engineAgents: snap.agents,
      // The longest wait grows with time by itself; everything else in a queue's view may not change.
      engineQueues: snap.queues.map(({ longestWaitMs: _w, ...q }) => q),
      skills: await get('/api/v1/routing/skills'),
      queues: await get('/api/v1/routing/queues'),
      profiles: await get('/api/v1/routing/agents'),
    };
  };
  /** Sends a request that must be refused with `status` and `code` and leave the world as it was. */
  const refused = async (
    send: () => Promise<LightMyRequestResponse>,
    status: number,
    code: string,
    field?: string,
  ): Promise<LightMyRequestResponse> => {
    const before = await world();
    const res = await send();
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    const err = expectError(res, status, code);
    if (field) expect(err.details ?? [], res.body).toContainEqual(namingField(field));
    expect(await world()).toEqual(before);
    return res;
  };
  const post = (url: string, token: string, body?: unknown) => () => t.call('POST', url, token, body);

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    admin = acme.tokens.tenant_admin;
    apiKey = (
      await json<{ secret: string }>('POST', '/api/v1/api-keys', admin, { name: 'integration', permissions: [...API_KEY_PERMISSIONS] })
    ).secret;
    skill = (await json<{ id: string }>('POST', '/api/v1/routing/skills', admin, { name: 'billing' })).id;
    const french = (await json<{ id: string }>('POST', '/api/v1/routing/skills', admin, { name: 'french' })).id;
    const q = (name: string, requires: string | null) =>
      json<{ id: string }>('POST', '/api/v1/routing/queues', admin, {
        name,
        config: { offerTimeoutMs: 600_000, ...(requires ? { requiredSkills: [{ skill: requires, minProficiency: 2 }] } : {}) },
      }).then((x) => x.id);
    queue = await q('Billing', skill);
    other = await q('General', null);
    unstaffed = await q('French', french);
    agent1 = { id: acme.users.agent.id, token: acme.tokens.agent };
    agent2 = await newAgent('agent2');
    await profile(agent1.id, { [skill]: 4 });
    await profile(agent2.id, { [skill]: 4 });
    await presence(agent1.token, 'available');
  });
  afterAll(async () => t?.close());

  describe('unknown references', () => {
    it('should refuse with 422 UNKNOWN_QUEUE when a contact is opened, queued or transferred into a queue that does not exist', async () => {
      await refused(post('/api/v1/contacts', admin, { channel: 'chat', queueId: NOPE.queue }), 422, 'UNKNOWN_QUEUE');
      await refused(post(`/api/v1/contacts/${(await bot()).id}/queue`, admin, { queueId: NOPE.queue }), 422, 'UNKNOWN_QUEUE');
      const c = await assigned();
      await refused(post(`/api/v1/contacts/${c.id}/transfer`, agent1.token, { queueId: NOPE.queue }), 422, 'UNKNOWN_QUEUE');
    });

    it('should refuse with 422 UNKNOWN_SKILL when a queue or an agent profile names a skill that does not exist', async () => {
      const requires = { requiredSkills: [{ skill: NOPE.skill, minProficiency: 1 }] };
      await refused(post('/api/v1/routing/queues', admin, { name: 'Ghost', config: requires }), 422, 'UNKNOWN_SKILL');
      await refused(() => t.call('PATCH', `/api/v1/routing/queues/${queue}`, admin, { config: requires }), 422, 'UNKNOWN_SKILL');
      const put = { skills: { [skill]: 3, [NOPE.skill]: 3 }, capacity: { chat: 1 } };
      await refused(() => t.call('PUT', `/api/v1/routing/agents/${agent2.id}`, admin, put), 422, 'UNKNOWN_SKILL');
    });

    it('should refuse with 422 UNKNOWN_AGENT when a profile or a state names someone who is not a routable agent', async () => {
      const put = { skills: { [skill]: 3 }, capacity: { chat: 1 } };
      for (const id of [NOPE.user, acme.users.tenant_admin.id]) {
        await refused(() => t.call('PUT', `/api/v1/routing/agents/${id}`, admin, put), 422, 'UNKNOWN_AGENT');
        await refused(post(`/api/v1/routing/agents/${id}/state`, admin, { state: 'available' }), 422, 'UNKNOWN_AGENT');
      }
      // The supervisor may route but has no profile yet.
      await refused(post('/api/v1/routing/me/state', acme.tokens.supervisor, { state: 'available' }), 422, 'UNKNOWN_AGENT');
    });

    it('should refuse with 404 when a queue, a contact or a customer does not exist', async () => {
      await refused(() => t.call('GET', `/api/v1/routing/queues/${NOPE.queue}`, admin), 404, 'NOT_FOUND');
      await refused(() => t.call('PATCH', `/api/v1/routing/queues/${NOPE.queue}`, admin, { name: 'Renamed' }), 404, 'NOT_FOUND');
      for (const action of ['end', 'abandon', 'accept', 'reject'])
        await refused(post(`/api/v1/contacts/con_0000000000000000000z/${action}`, agent1.token), 404, 'NOT_FOUND');
      // With or without a tier of its own, a contact may only name a customer of this organisation.
      for (const extra of [{}, { tier: 'high' }, { tier: 'high', queueId: queue }])
        await refused(
          post('/api/v1/contacts', admin, { channel: 'chat', customerId: 'cus_0000000000000000000z', ...extra }),
          404,
          'NOT_FOUND',
        );
    });
  });

  describe('queue and profile settings', () => {
    it('should refuse a queue that overflows into itself or into a queue that does not exist', async () => {
      const patch = (config: object) => () => t.call('PATCH', `/api/v1/routing/queues/${queue}`, admin, { config });
      await refused(patch({ overflowQueueId: queue, overflowAfterMs: 1000 }), 400, 'VALIDATION_FAILED');
      await refused(patch({ overflowQueueId: NOPE.queue }), 422, 'UNKNOWN_QUEUE');
      await refused(
        post('/api/v1/routing/queues', admin, { name: 'Spill', config: { overflowQueueId: NOPE.queue } }),
        422,
        'UNKNOWN_QUEUE',
      );
    });

    it('should refuse a second queue of the same name, created or renamed, without rebuilding routing', async () => {
      const runtime = t.kefu.services.contactCenter.runtime;
      const engine = await runtime.read(acme.tenant.id, (e) => e);
      const { name } = await get<{ name: string }>(`/api/v1/routing/queues/${other}`);
      await refused(post('/api/v1/routing/queues', admin, { name, config: {} }), 409, 'CONFLICT');
      await refused(() => t.call('PATCH', `/api/v1/routing/queues/${queue}`, admin, { name }), 409, 'CONFLICT');
      expect(await runtime.read(acme.tenant.id, (e) => e)).toBe(engine);
    });

    it('should refuse opening hours in a time zone that does not exist', async () => {
      const config = { openingHours: { timezone: 'Mars/Olympus_Mons', days: { mon: [['09:00', '17:00']] } } };
      const field = 'config.openingHours.timezone';
      await refused(post('/api/v1/routing/queues', admin, { name: 'Martian', config }), 400, 'VALIDATION_FAILED', field);
      await refused(() => t.call('PATCH', `/api/v1/routing/queues/${queue}`, admin, { config }), 400, 'VALIDATION_FAILED', field);
    });

    const QUEUE_CONFIGS: [string, object, string][] = [
      ['a proficiency above 5', { requiredSkills: [{ skill: 'x', minProficiency: 6 }] }, 'body.config.requiredSkills.0.minProficiency'],
      ['a proficiency of 0', { requiredSkills: [{ skill: 'x', minProficiency: 0 }] }, 'body.config.requiredSkills.0.minProficiency'],
      ['an offer timeout under a second', { offerTimeoutMs: 999 }, 'body.config.offerTimeoutMs'],
      ['a max wait under a second', { maxWaitMs: 999 }, 'body.config.maxWaitMs'],
      ['an unknown policy', { policy: 'random' }, 'body.config.policy'],
      ['an unknown max-wait action', { maxWaitAction: 'hang_up' }, 'body.config.maxWaitAction'],
      [
        'a service level above 100%',
        { serviceLevels: { high: { thresholdMs: 1000, targetPct: 101 } } },
        'body.config.serviceLevels.high.targetPct',
      ],
      ['an hour past midnight', { openingHours: { timezone: 'Asia/Shanghai', days: { mon: [['09:00', '25:00']] } } }, ''],
    ];
    it.each(QUEUE_CONFIGS)('should refuse a queue with %s', async (_name, config, field) => {
      const resCreate = await refused(post('/api/v1/routing/queues', admin, { name: 'Bad', config }), 400, 'VALIDATION_FAILED');
      const resPatch = await refused(() => t.call('PATCH', `/api/v1/routing/queues/${queue}`, admin, { config }), 400, 'VALIDATION_FAILED');
      if (field) for (const r of [resCreate, resPatch]) expect(JSON.stringify(r.json())).toContain(field.replace(/^body\./, ''));
    });

    const PROFILES: [string, object][] = [
      ['a capacity above 50', { skills: {}, capacity: { chat: 51 } }],
      ['a negative capacity', { skills: {}, capacity: { chat: -1 } }],
      ['a capacity on a channel that does not exist', { skills: {}, capacity: { fax: 1 } }],
      ['a proficiency of 0', { skills: { SKILL: 0 }, capacity: { chat: 1 } }],
      ['a proficiency of 6', { skills: { SKILL: 6 }, capacity: { chat: 1 } }],
      ['a fractional proficiency', { skills: { SKILL: 2.5 }, capacity: { chat: 1 } }],
      ['no capacity at all', { skills: {} }],
    ];
    it.each(PROFILES)('should refuse an agent profile with %s', async (_name, body) => {
      const withSkill = JSON.parse(JSON.stringify(body).replace('SKILL', skill)) as object;
      await refused(() => t.call('PUT', `/api/v1/routing/agents/${agent2.id}`, admin, withSkill), 400, 'VALIDATION_FAILED');
    });
  });

  describe('contact transitions', () => {
    it('should refuse with 409 OFFER_EXPIRED when an agent accepts or rejects a contact that is not on offer to them', async () => {
      const c = await offered();
      await refused(post(`/api/v1/contacts/${c.id}/accept`, agent2.token), 409, 'OFFER_EXPIRED');
      await refused(post(`/api/v1/contacts/${c.id}/reject`, agent2.token), 409, 'OFFER_EXPIRED');
      const waiting = await open(unstaffed);
      expect(waiting.state).toBe('queued');
      await refused(post(`/api/v1/contacts/${waiting.id}/accept`, agent1.token), 409, 'OFFER_EXPIRED');
      const mine = await assigned();
      await refused(post(`/api/v1/contacts/${mine.id}/accept`, agent1.token), 409, 'OFFER_EXPIRED');
      await refused(post(`/api/v1/contacts/${mine.id}/reject`, agent1.token), 409, 'OFFER_EXPIRED');
    });

    it('should refuse with 403 when someone who cannot take offers accepts one', async () => {
      const c = await offered();
      await refused(post(`/api/v1/contacts/${c.id}/accept`, admin), 403, 'FORBIDDEN');
      await refused(post(`/api/v1/contacts/${c.id}/accept`, apiKey), 403, 'FORBIDDEN');
    });

    it('should refuse with 409 OFFER_EXPIRED and change nothing when an agent accepts an offer that timed out', async () => {
      const fastSkill = (await json<{ id: string }>('POST', '/api/v1/routing/skills', admin, { name: 'fast' })).id;
      const fast = (
        await json<{ id: string }>('POST', '/api/v1/routing/queues', admin, {
          name: 'Fast',
          config: { offerTimeoutMs: 1000, requiredSkills: [{ skill: fastSkill, minProficiency: 1 }] },
        })
      ).id;
      const agent3 = await newAgent('agent3');
      await profile(agent3.id, { [fastSkill]: 3 });
      await presence(agent3.token, 'available');
      const c = await open(fast);
      expect(c).toMatchObject({ state: 'offered', agentId: agent3.id });
      const deadline = Date.now() + 5000;
      while ((await get<Contact>(`/api/v1/contacts/${c.id}`)).state === 'offered' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await get<Contact>(`/api/v1/contacts/${c.id}`)).toMatchObject({ state: 'queued', agentId: null });
      await refused(post(`/api/v1/contacts/${c.id}/accept`, agent3.token), 409, 'OFFER_EXPIRED');
      const profiles = await get<{ items: { userId: string; presence: string }[] }>('/api/v1/routing/agents');
      expect(profiles.items.find((p) => p.userId === agent3.id)?.presence).toBe('not_ready');
    });

    it('should refuse to wrap up a contact that is queued or still on offer', async () => {
      const waiting = await open(unstaffed);
      const wrap = (id: string, token: string) => post(`/api/v1/contacts/${id}/wrap-up`, token, { disposition: DISPOSITION });
      await refused(wrap(waiting.id, admin), 409, 'ILLEGAL_TRANSITION');
      await refused(wrap(waiting.id, agent1.token), 403, 'NOT_YOUR_CONTACT');
      const ringing = await offered();
      await refused(wrap(ringing.id, agent1.token), 409, 'ILLEGAL_TRANSITION');
      await refused(post(`/api/v1/contacts/${ringing.id}/end`, agent1.token), 409, 'ILLEGAL_TRANSITION');
    });

    it('should refuse a wrap-up without a valid disposition with 400 naming the field', async () => {
      const c = await assigned();
      const wrap = (body: unknown) => post(`/api/v1/contacts/${c.id}/wrap-up`, agent1.token, body);
      await refused(wrap({}), 400, 'VALIDATION_FAILED', 'body.disposition');
      await refused(
        wrap({ disposition: { ...DISPOSITION, contactClass: 'praise' } }),
        400,
        'VALIDATION_FAILED',
        'body.disposition.contactClass',
      );
      await refused(wrap({ disposition: { contactClass: 'query', resolved: true } }), 400, 'VALIDATION_FAILED', 'body.disposition.reason');
      await refused(wrap({ disposition: { ...DISPOSITION, reason: '!!' } }), 400, 'VALIDATION_FAILED', 'disposition.reason');
      expect((await get<Contact>(`/api/v1/contacts/${c.id}`)).state).toBe('assigned');
    });

    it('should refuse with 409 ILLEGAL_TRANSITION every change to a closed contact', async () => {
      const c = await closed();
      const again = { disposition: DISPOSITION };
      for (const token of [agent1.token, admin]) {
        await refused(post(`/api/v1/contacts/${c.id}/wrap-up`, token, again), 409, 'ILLEGAL_TRANSITION');
        await refused(post(`/api/v1/contacts/${c.id}/end`, token), 409, 'ILLEGAL_TRANSITION');
        await refused(post(`/api/v1/contacts/${c.id}/abandon`, token), 409, 'ILLEGAL_TRANSITION');
        await refused(post(`/api/v1/contacts/${c.id}/transfer`, token, { queueId: other }), 409, 'ILLEGAL_TRANSITION');
        await refused(post(`/api/v1/contacts/${c.id}/queue`, token, { queueId: other }), 409, 'ILLEGAL_TRANSITION');
      }
      // A closed contact is no longer on offer to anyone.
      await refused(post(`/api/v1/contacts/${c.id}/accept`, agent1.token), 409, 'OFFER_EXPIRED');
      await refused(post(`/api/v1/contacts/${c.id}/reject`, agent1.token), 409, 'OFFER_EXPIRED');
    });

    it('should refuse to queue a contact that is already queued or handled', async () => {
      for (const c of [await open(unstaffed), await offered(), await assigned()])
        await refused(post(`/api/v1/contacts/${c.id}/queue`, admin, { queueId: other }), 409, 'ILLEGAL_TRANSITION');
    });

    it('should refuse with 403 NOT_YOUR_CONTACT when an agent transfers, ends or wraps up a contact handled by another', async () => {
      const c = await assigned();
      await refused(post(`/api/v1/contacts/${c.id}/transfer`, agent2.token, { queueId: other }), 403, 'NOT_YOUR_CONTACT');
      await refused(post(`/api/v1/contacts/${c.id}/end`, agent2.token), 403, 'NOT_YOUR_CONTACT');
      await refused(post(`/api/v1/contacts/${c.id}/wrap-up`, agent2.token, { disposition: DISPOSITION }), 403, 'NOT_YOUR_CONTACT');
    });

    it('should refuse a transfer of a contact that is not assigned', async () => {
      for (const c of [await open(unstaffed), await offered(), await bot()])
        await refused(post(`/api/v1/contacts/${c.id}/transfer`, admin, { queueId: other }), 409, 'ILLEGAL_TRANSITION');
    });
  });

  describe('agent state', () => {
    it('should refuse a break without a reason with 400 naming the reason', async () => {
      await refused(post('/api/v1/routing/me/state', agent2.token, { state: 'break' }), 400, 'VALIDATION_FAILED', 'reason');
      await refused(post(`/api/v1/routing/agents/${agent2.id}/state`, admin, { state: 'break' }), 400, 'VALIDATION_FAILED', 'reason');
    });

    it("should refuse with 403 when an agent sets another agent's state", async () => {
      await refused(post(`/api/v1/routing/agents/${agent1.id}/state`, agent2.token, { state: 'offline' }), 403, 'FORBIDDEN');
      await refused(post(`/api/v1/routing/agents/${agent2.id}/state`, agent2.token, { state: 'available' }), 403, 'FORBIDDEN');
    });

    it('should refuse states that only routing sets or that do not exist', async () => {
      for (const state of ['wrap_up', 'busy', 'lunch'])
        await refused(post('/api/v1/routing/me/state', agent2.token, { state }), 400, 'VALIDATION_FAILED', 'body.state');
    });
  });

  describe('messages', () => {
    const send = (id: string, clientMessageId: string, body = `hello ${clientMessageId}`) =>
      t.call('POST', `/api/v1/contacts/${id}/messages`, agent1.token, { clientMessageId, body });
    const stored = async (id: string) =>
      (await get<{ items: { seq: number; clientMessageId: string }[] }>(`/api/v1/contacts/${id}/messages?limit=500`)).items;

    it('should store a message once and answer a resend with the same sequence number', async () => {
      const c = await assigned();
      const first = await send(c.id, 'm-1');
      expect(first.statusCode).toBe(201);
      const before = await world();
      const again = await send(c.id, 'm-1', 'a different body: the first one wins');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      expect(await world()).toEqual(before);
      expect(await stored(c.id)).toHaveLength(1);
    });

    it('should number 20 concurrent messages 1..20 without gaps or repeats', async () => {
      const c = await assigned();
      const res = await Promise.all(Array.from({ length: 20 }, (_, i) => send(c.id, `burst-${i}`)));
      expect(res.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const seqs = res.map((r) => (r.json() as { seq: number }).seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await stored(c.id)).map((m) => m.seq)).toEqual(seqs);
      expect((await get<Contact>(`/api/v1/contacts/${c.id}`)).lastSeq).toBe(20);
    });

    it('should store one message when the same client message id is sent 10 times at once', async () => {
      const c = await assigned();
      const res = await Promise.all(Array.from({ length: 10 }, () => send(c.id, 'same')));
      expect(res.map((r) => r.statusCode).sort((a, b) => a - b)).toEqual([...Array(9).fill(200), 201]);
      expect(new Set(res.map((r) => r.body)).size).toBe(1);
      expect(await stored(c.id)).toHaveLength(1);
      expect((await get<Contact>(`/api/v1/contacts/${c.id}`)).lastSeq).toBe(1);
    });

    it('should refuse with 409 a new message to a closed contact and still answer a resend of an old one', async () => {
      const c = await assigned();
      const first = await send(c.id, 'before-close');
      await json('POST', `/api/v1/contacts/${c.id}/wrap-up`, agent1.token, { disposition: DISPOSITION }, 200);
      await refused(() => send(c.id, 'after-close'), 409, 'ILLEGAL_TRANSITION');
      await refused(
        () => t.call('POST', `/api/v1/contacts/${c.id}/messages`, apiKey, { clientMessageId: 'k', body: 'hi' }),
        409,
        'ILLEGAL_TRANSITION',
      );
      const resend = await send(c.id, 'before-close');
      expect(resend.statusCode).toBe(200);
      expect(resend.json()).toEqual(first.json());
    });

    it('should refuse messages with no body, an empty body or an unknown author', async () => {
      const c = await assigned();
      const url = `/api/v1/contacts/${c.id}/messages`;
      await refused(post(url, agent1.token, { clientMessageId: 'x' }), 400, 'VALIDATION_FAILED', 'body.body');
      await refused(post(url, agent1.token, { clientMessageId: 'x', body: '' }), 400, 'VALIDATION_FAILED', 'body.body');
      await refused(post(url, agent1.token, { clientMessageId: '', body: 'x' }), 400, 'VALIDATION_FAILED', 'body.clientMessageId');
      await refused(post(url, agent1.token, { clientMessageId: 'x', body: 'x', author: 'god' }), 400, 'VALIDATION_FAILED', 'body.author');
      await refused(
        post('/api/v1/contacts/con_0000000000000000000z/messages', agent1.token, { clientMessageId: 'x', body: 'x' }),
        404,
        'NOT_FOUND',
      );
    });
  });
});
