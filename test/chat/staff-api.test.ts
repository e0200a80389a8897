/** Staff side of chat: widget administration, canned responses, the workspace read model and live stats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/index.js';
import { expectError } from '../api/support.js';
import { PASSWORD, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, json, type Opened, openConversation, PRECHAT, setUpChat } from './support.js';

const NOON = new Date(2025, 0, 15, 12, 0, 0).getTime();
const DISPOSITION = { disposition: { contactClass: 'query', reason: 'bill', resolved: true } };

describeStorage('chat staff API', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  const clock = new ManualClock(NOON - 86_400_000);

  beforeAll(async () => {
    t = await startTestKefu(target, {}, { clock });
    w = await setUpChat(t, 'desk', 1);
  });
  afterAll(async () => t?.close());

  describe('widgets', () => {
    it('should show the identity secret on create and rotate only, and let only admins manage widgets', async () => {
      const created = await json<{ widget: { id: string }; identitySecret: string }>(t, 'POST', '/api/v1/chat/widgets', w.admin, {
        name: 'Second',
        allowedOrigins: ['HTTPS://Shop.Example/'],
        prechat: PRECHAT(w.queueId),
      });
      expect(created.identitySecret).toMatch(/^[0-9a-f]{64}$/);
      const list = await t.call('GET', '/api/v1/chat/widgets', w.admin);
      expect(list.body).not.toContain(created.identitySecret);
      expect(list.json().items.find((x: { id: string }) => x.id === created.widget.id).allowedOrigins).toEqual(['https://shop.example']);
      const rotated = await json<{ identitySecret: string }>(
        t,
        'POST',
        `/api/v1/chat/widgets/${created.widget.id}/rotate-secret`,
        w.admin,
        undefined,
        200,
      );
      expect(rotated.identitySecret).not.toBe(created.identitySecret);
      const audit = await t.call('GET', '/api/v1/audit?limit=200', w.admin);
      expect(audit.body).toContain('chat_widget.rotate_secret');
      expect(audit.body).not.toContain(rotated.identitySecret);
      for (const who of ['agent', 'supervisor'] as const)
        expectError(await t.call('GET', '/api/v1/chat/widgets', w.tenant.tokens[who]), 403, 'FORBIDDEN');
      const badQueue = { name: 'x', allowedOrigins: [], prechat: PRECHAT('que_00000000000000000000') };
      expectError(await t.call('POST', '/api/v1/chat/widgets', w.admin, badQueue), 422, 'UNKNOWN_QUEUE');
      const badOrigin = { name: 'x', allowedOrigins: ['https://shop.example/path'], prechat: PRECHAT(w.queueId) };
      expectError(await t.call('POST', '/api/v1/chat/widgets', w.admin, badOrigin), 400, 'VALIDATION_FAILED');
    });
  });

  describe('canned responses', () => {
    it('should let supervisors and admins manage them, agents read them, and render variables for a contact', async () => {
      const body = { shortcut: 'hi', title: 'Hi', body: '您好 {{customer.name}}, I am {{agent.name}} ({{contact.id}})' };
      expectError(await t.call('POST', '/api/v1/canned-responses', w.tenant.tokens.agent, body), 403, 'FORBIDDEN');
      const c = await json<{ id: string }>(t, 'POST', '/api/v1/canned-responses', w.tenant.tokens.supervisor, body);
      expectError(await t.call('POST', '/api/v1/canned-responses', w.admin, body), 409, 'CONFLICT');
      expectError(
        await t.call('POST', '/api/v1/canned-responses', w.admin, { ...body, shortcut: 'x', body: '{{customer.password}}' }),
        400,
        'VALIDATION_FAILED',
      );
      const o = await openConversation(t, w);
      const list = await json<{ items: { rendered: string | null }[] }>(
        t,
        'GET',
        `/api/v1/canned-responses?contactId=${o.contactId}`,
        w.tenant.tokens.agent,
      );
      expect(list.items[0]?.rendered).toBe(`您好 Ada 顾客, I am Agent (${o.contactId})`);
      expect(
        (await json<{ items: { rendered: string | null }[] }>(t, 'GET', '/api/v1/canned-responses', w.tenant.tokens.agent)).items[0]
          ?.rendered,
      ).toBeNull();
      await json(t, 'PATCH', `/api/v1/canned-responses/${c.id}`, w.admin, { title: 'Hello' }, 200);
      expect((await t.call('DELETE', `/api/v1/canned-responses/${c.id}`, w.admin)).statusCode).toBe(204);
      expectError(await t.call('DELETE', `/api/v1/canned-responses/${c.id}`, w.admin), 404, 'NOT_FOUND');
      await json(t, 'POST', `/api/v1/contacts/${o.contactId}/abandon`, w.admin, undefined, 200);
    });
  });

  describe('live stats and workspace', () => {
    let c: Opened;
    const tokens = { admin: '', agent: '', supervisor: '' };
    /** Sessions time out while the manual clock jumps hours ahead: log in again after each jump. */
    const relogin = async () => {
      tokens.admin = await t.login('desk', w.tenant.users.tenant_admin.email, PASSWORD);
      tokens.agent = await t.login('desk', w.tenant.users.agent.email, PASSWORD);
      tokens.supervisor = await t.login('desk', w.tenant.users.supervisor.email, PASSWORD);
    };
    const get = (id: string) => json<{ state: string }>(t, 'GET', `/api/v1/contacts/${id}`, tokens.admin);

    it('should count today only, by tier target, and show agents with their load', async () => {
      // Yesterday's contact, abandoned late: outside today's numbers.
      clock.set(NOON - 12 * 3600_000 - 120_000);
      await relogin();
      const y = await openConversation(t, w);
      clock.advance(100_000);
      await json(t, 'POST', `/api/v1/contacts/${y.contactId}/abandon`, tokens.admin, undefined, 200);
      clock.set(NOON);
      await relogin();
      const a = await openConversation(t, w);
      const b = await openConversation(t, w);
      clock.advance(10_000);
      await json(t, 'POST', '/api/v1/routing/me/state', tokens.agent, { state: 'available' }, 204);
      expect((await get(a.contactId)).state).toBe('offered');
      await json(t, 'POST', `/api/v1/contacts/${a.contactId}/accept`, tokens.agent, undefined, 200); // answered in 10 s
      clock.advance(80_000);
      await json(t, 'POST', `/api/v1/contacts/${b.contactId}/abandon`, tokens.admin, undefined, 200); // abandoned after 90 s
      c = await openConversation(t, w);
      clock.advance(70_000);
      await json(t, 'POST', `/api/v1/contacts/${a.contactId}/wrap-up`, tokens.agent, DISPOSITION, 200);
      expect((await get(c.contactId)).state).toBe('offered');
      await json(t, 'POST', `/api/v1/contacts/${c.contactId}/accept`, tokens.agent, undefined, 200); // answered in 70 s
      await openConversation(t, w); // waits: the agent is full
      clock.advance(10_000);
      const stats = await json<{
        at: number;
        queues: { id: string; tiers: { tier: string }[] }[];
        agents: unknown[];
      }>(t, 'GET', '/api/v1/live/stats', tokens.supervisor);
      expect(stats.at).toBe(NOON + 170_000);
      const q = stats.queues.find((x) => x.id === w.queueId);
      // Low tier target 60 s: within = A; late = C (answered) + B (abandoned): 1 / 3.
      expect(q).toMatchObject({
        name: 'Billing',
        waiting: 1,
        longestWaitMs: 10_000,
        answeredToday: 2,
        abandonedToday: 1,
        serviceLevelToday: 0.3333,
      });
      expect(q?.tiers).toEqual([
        { tier: 'high', waiting: 0, answeredToday: 0, abandonedToday: 0, serviceLevelToday: null },
        { tier: 'middle', waiting: 0, answeredToday: 0, abandonedToday: 0, serviceLevelToday: null },
        { tier: 'low', waiting: 1, answeredToday: 2, abandonedToday: 1, serviceLevelToday: 0.3333 },
      ]);
      expect(stats.agents).toEqual([
        {
          id: w.tenant.users.agent.id,
          name: 'Agent',
          state: 'busy',
          since: NOON + 10_000,
          reason: null,
          activeContacts: 1,
          capacity: 1,
          occupancy: 1,
        },
      ]);
      expect(await t.kefu.services.chat.liveStats((await import('../../src/app/index.js')).systemContext('t', w.tenant.tenant.id))).toEqual(
        stats,
      );
      expectError(await t.call('GET', '/api/v1/live/stats', tokens.agent), 403, 'FORBIDDEN');
    });

    it('should give the agent everything after a reload: presence, offers and conversations with customer, unread and last message', async () => {
      const v = await t.kefu.services.chat.verifyVisitorToken(c.token);
      if (!v) throw new Error('no session');
      await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'u1', body: 'first' });
      await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'u2', body: 'second' });
      const ws = await json<{
        presence: { state: string };
        offers: unknown[];
        contacts: {
          id: string;
          unread: number;
          lastMessage: { body: string };
          customer: { identities: { kind: string }[]; history: unknown[] };
        }[];
      }>(t, 'GET', '/api/v1/workspace', tokens.agent);
      expect(ws.presence.state).toBe('available');
      expect(ws.offers).toEqual([]);
      expect(ws.contacts.map((x) => x.id)).toEqual([c.contactId]);
      expect(ws.contacts[0]).toMatchObject({ unread: 2, lastMessage: { body: 'second' } });
      expect(ws.contacts[0]?.customer.identities[0]?.kind).toBe('web_visitor');
      const ctx = (await import('../../src/app/index.js')).systemContext('t', w.tenant.tenant.id);
      const agentCtx = { ...ctx, actor: { ...ctx.actor, kind: 'user' as const, id: w.tenant.users.agent.id } };
      expect(await t.kefu.services.chat.markStaffRead(agentCtx, c.contactId, 99)).toBe(2);
      const after = await json<{ contacts: { unread: number }[] }>(t, 'GET', '/api/v1/workspace', tokens.agent);
      expect(after.contacts[0]?.unread).toBe(0);
      expect((await t.kefu.services.chat.visitorWelcome(v)).readSeq).toBe(2);
      expectError(await t.call('GET', '/api/v1/workspace', tokens.admin), 403, 'FORBIDDEN');
    });
  });
});
