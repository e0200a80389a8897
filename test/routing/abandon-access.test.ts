/**
 * Who may say a contact's customer left (`POST /contacts/:id/abandon`): the agent it is offered
 * or assigned to, or that it waits for; supervisors; integrations through API keys. Any other
 * agent is refused with NOT_YOUR_CONTACT and nothing changes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

interface Contact {
  id: string;
  state: string;
  agentId: string | null;
}

describeStorage('who may abandon a contact', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let admin: string;
  let agent: string;
  let colleague: { id: string; token: string };
  let queueId: string;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    admin = acme.tokens.tenant_admin;
    agent = acme.tokens.agent;
    const other = await t.kefu.services.users.create(systemContext('test', acme.tenant.id), {
      email: 'colleague@acme.test',
      displayName: 'Colleague',
      role: 'agent',
      password: PASSWORD,
    });
    colleague = { id: other.id, token: await t.login('acme', 'colleague@acme.test', PASSWORD) };
    queueId = (
      (await t.call('POST', '/api/v1/routing/queues', admin, { name: 'General', config: { offerTimeoutMs: 600_000 } })).json() as {
        id: string;
      }
    ).id;
    for (const u of [acme.users.agent.id, colleague.id]) {
      const put = await t.call('PUT', `/api/v1/routing/agents/${u}`, admin, { skills: {}, capacity: { chat: 50 } });
      expect(put.statusCode).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  const contact = async (id: string): Promise<Contact> => (await t.call('GET', `/api/v1/contacts/${id}`, admin)).json() as Contact;
  const presence = async (token: string, state: 'available' | 'offline') =>
    expect((await t.call('POST', '/api/v1/routing/me/state', token, { state })).statusCode).toBe(204);
  const open = async (): Promise<Contact> => {
    const res = await t.call('POST', '/api/v1/contacts', admin, { channel: 'chat', queueId, tier: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Contact;
  };
  const abandon = (id: string, token: string) => t.call('POST', `/api/v1/contacts/${id}/abandon`, token);
  const refusedAsNotYours = async (id: string, token: string) => {
    const before = await contact(id);
    const res = await abandon(id, token);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('NOT_YOUR_CONTACT');
    expect(await contact(id)).toEqual(before);
  };

  /** A contact offered to the agent (the only one available), and one it has accepted. */
  const offeredToAgent = async (): Promise<Contact> => {
    await presence(colleague.token, 'offline');
    await presence(agent, 'available');
    const c = await open();
    expect(c).toMatchObject({ state: 'offered', agentId: acme.users.agent.id });
    return c;
  };
  const assignedToAgent = async (): Promise<Contact> => {
    const c = await offeredToAgent();
    expect((await t.call('POST', `/api/v1/contacts/${c.id}/accept`, agent)).statusCode).toBe(200);
    return c;
  };

  it("should refuse an agent another agent's contact, offered or assigned, and one waiting in the queue", async () => {
    const offered = await offeredToAgent();
    await refusedAsNotYours(offered.id, colleague.token);
    const assigned = await assignedToAgent();
    await refusedAsNotYours(assigned.id, colleague.token);
    await presence(agent, 'offline');
    const waiting = await open();
    expect(waiting.state).toBe('queued');
    await refusedAsNotYours(waiting.id, colleague.token);
    await refusedAsNotYours(waiting.id, agent);
  });

  it('should let the agent abandon a contact offered or assigned to it', async () => {
    const offered = await offeredToAgent();
    expect((await abandon(offered.id, agent)).json()).toMatchObject({ state: 'abandoned' });
    const assigned = await assignedToAgent();
    expect((await abandon(assigned.id, agent)).json()).toMatchObject({ state: 'wrap_up' });
  });

  it('should let an agent abandon a contact transferred to it and waiting for it', async () => {
    const c = await assignedToAgent();
    const moved = await t.call('POST', `/api/v1/contacts/${c.id}/transfer`, agent, { agentId: colleague.id });
    expect(moved.json()).toMatchObject({ state: 'queued' });
    await refusedAsNotYours(c.id, agent);
    expect((await abandon(c.id, colleague.token)).json()).toMatchObject({ state: 'abandoned' });
  });

  it("should let a supervisor abandon any agent's contact", async () => {
    const c = await assignedToAgent();
    expect((await abandon(c.id, acme.tokens.supervisor)).json()).toMatchObject({ state: 'wrap_up' });
  });

  it('should let an integration with an API key abandon a contact (the customer left its channel)', async () => {
    const key = await t.call('POST', '/api/v1/api-keys', admin, { name: 'SMS gateway', permissions: ['contacts.read', 'contacts.write'] });
    expect(key.statusCode, key.body).toBe(201);
    const secret = (key.json() as { secret: string }).secret;
    const assigned = await assignedToAgent();
    expect((await abandon(assigned.id, secret)).json()).toMatchObject({ state: 'wrap_up' });
    await presence(agent, 'offline');
    const waiting = await open();
    expect((await abandon(waiting.id, secret)).json()).toMatchObject({ state: 'abandoned' });
  });
});
