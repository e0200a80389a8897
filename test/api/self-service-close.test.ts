/**
 * Self-service closing: a contact the bot answered closes with a disposition (what containment
 * counts); contacts that reached routing or an agent cannot be closed this way, and bad input
 * changes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError } from './support.js';

interface Contact {
  id: string;
  state: string;
  disposition: { contactClass: string; reason: string; resolved: boolean } | null;
}

describeStorage('closing a self-service contact', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let beta: SeededTenant;
  const answered = { contactClass: 'query', reason: 'order status', resolved: true };

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    beta = await t.seedTenant('beta');
  });
  afterAll(async () => t?.close());

  const openBot = async (token = acme.tokens.tenant_admin): Promise<Contact> => {
    const res = await t.call('POST', '/api/v1/contacts', token, { channel: 'chat', bot: true });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Contact;
  };
  const close = (id: string, disposition: object, token = acme.tokens.tenant_admin) =>
    t.call('POST', `/api/v1/contacts/${id}/close`, token, { disposition });

  it('should close a bot contact with its disposition and record the transition', async () => {
    const c = await openBot();
    const res = await close(c.id, answered);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: c.id, state: 'closed', disposition: answered });
    const steps = (await t.call('GET', `/api/v1/contacts/${c.id}/transitions`, acme.tokens.tenant_admin)).json() as {
      items: { from: string; to: string; reason: string | null }[];
    };
    expect(steps.items.at(-1)).toMatchObject({ from: 'bot', to: 'closed', reason: 'self_service' });
    // Closed is final: a second close is refused.
    expectError(await close(c.id, answered), 409, 'ILLEGAL_TRANSITION');
  });

  it('should refuse a bad disposition, another tenant and an agent-side contact, changing nothing', async () => {
    const c = await openBot();
    expectError(await close(c.id, { ...answered, contactClass: 'chitchat' }), 400, 'VALIDATION_FAILED');
    expectError(await close(c.id, { contactClass: 'query', resolved: true }), 400, 'VALIDATION_FAILED');
    expectError(await close(c.id, answered, beta.tokens.tenant_admin), 404, 'NOT_FOUND');
    expect(((await t.call('GET', `/api/v1/contacts/${c.id}`, acme.tokens.tenant_admin)).json() as Contact).state).toBe('bot');
    // A contact that was handed to routing leaves it first (abandon), then it is no longer self-service.
    const q = (await t.call('POST', '/api/v1/routing/queues', acme.tokens.tenant_admin, { name: 'General' })).json() as { id: string };
    const queued = (await t.call('POST', `/api/v1/contacts/${c.id}/queue`, acme.tokens.tenant_admin, { queueId: q.id })).json() as Contact;
    expect(queued.state).toBe('queued');
    expectError(await close(c.id, answered), 409, 'ILLEGAL_TRANSITION');
  });
});
