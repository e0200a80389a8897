/**
 * The agents' read mark is the customer's "read" receipt: only the contact's handling agent moves
 * it. A monitoring supervisor gets the mark unchanged (no error), anyone else NOT_YOUR_CONTACT.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import type { TenantContext } from '../../src/kernel/index.js';
import { PASSWORD, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, json, openConversation, setUpChat } from './support.js';

describeStorage('chat read marks', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  const ctxOf = (token: string): Promise<TenantContext> => t.kefu.services.auth.authenticate(token, { ip: null, requestId: 'read-marks' });

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'reads', 5);
    await json(t, 'POST', '/api/v1/routing/me/state', w.tenant.tokens.agent, { state: 'available' }, 204);
  });
  afterAll(async () => t?.close());

  /** An assigned conversation with two visitor messages; answers its contact id and visitor session. */
  const assignedWithMessages = async () => {
    const c = await openConversation(t, w);
    await json(t, 'POST', `/api/v1/contacts/${c.contactId}/accept`, w.tenant.tokens.agent, undefined, 200);
    const v = await t.kefu.services.chat.verifyVisitorToken(c.token);
    if (!v) throw new Error('no visitor session');
    await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'm1', body: 'one' });
    await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'm2', body: 'two' });
    return { contactId: c.contactId, v };
  };

  it('should leave the mark where it is and answer it when a monitoring supervisor reads', async () => {
    const { contactId, v } = await assignedWithMessages();
    const chat = t.kefu.services.chat;
    const agent = await ctxOf(w.tenant.tokens.agent);
    const supervisor = await ctxOf(w.tenant.tokens.supervisor);
    expect(await chat.markStaffRead(supervisor, contactId, 2)).toBe(0);
    expect((await chat.visitorWelcome(v)).readSeq).toBe(0);
    expect(await chat.markStaffRead(agent, contactId, 1)).toBe(1);
    expect(await chat.markStaffRead(supervisor, contactId, 2)).toBe(1);
    expect((await chat.visitorWelcome(v)).readSeq).toBe(1);
  });

  it('should refuse a staff member who neither handles nor supervises the contact', async () => {
    const { contactId, v } = await assignedWithMessages();
    const inTenant = systemContext('test', w.tenant.tenant.id);
    const email = 'other-agent@reads.test';
    await t.kefu.services.users.create(inTenant, { email, displayName: 'Other', role: 'agent', password: PASSWORD });
    const other = await ctxOf(await t.login('reads', email, PASSWORD));
    await expect(t.kefu.services.chat.markStaffRead(other, contactId, 2)).rejects.toMatchObject({ code: 'NOT_YOUR_CONTACT' });
    expect((await t.kefu.services.chat.visitorWelcome(v)).readSeq).toBe(0);
  });

  it('should stop moving the mark once the contact has left its agent', async () => {
    const { contactId, v } = await assignedWithMessages();
    const agent = await ctxOf(w.tenant.tokens.agent);
    expect(await t.kefu.services.chat.markStaffRead(agent, contactId, 1)).toBe(1);
    await json(
      t,
      'POST',
      `/api/v1/contacts/${contactId}/wrap-up`,
      w.tenant.tokens.agent,
      {
        disposition: { contactClass: 'query', reason: 'bill', resolved: true },
      },
      200,
    );
    expect(await t.kefu.services.chat.markStaffRead(agent, contactId, 2)).toBe(1);
    expect((await t.kefu.services.chat.visitorWelcome(v)).readSeq).toBe(1);
  });
});
