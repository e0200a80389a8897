/** A suspended tenant's widgets and visitor tokens stop working, and work again on reactivation. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, openConversation, setUpChat, visitor } from './support.js';

describeStorage('chat of a suspended tenant', (target) => {
  let t: TestKefu;
  let w: ChatWorld;

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'acme');
  });
  afterAll(async () => t?.close());

  const setStatus = async (status: 'active' | 'suspended') => {
    const op = await t.operatorToken();
    expect((await t.call('PATCH', `/api/v1/operator/tenants/${w.tenant.tenant.id}`, op, { status })).statusCode).toBe(200);
  };

  it('should answer as unknown to its widget and refuse its visitor tokens until reactivated', async () => {
    const open = await openConversation(t, w);
    const messages = `/api/v1/widget/conversations/${open.contactId}/messages`;
    expect((await visitor(t, 'GET', messages, open.token)).statusCode).toBe(200);
    await setStatus('suspended');
    try {
      expectError(await visitor(t, 'GET', `/api/v1/widget/${w.widget.publicKey}/config`, null), 404, 'NOT_FOUND');
      expectError(
        await visitor(t, 'POST', `/api/v1/widget/${w.widget.publicKey}/conversations`, null, {
          payload: { name: 'Eve', topicId: 'billing' },
        }),
        404,
        'NOT_FOUND',
      );
      expect((await visitor(t, 'GET', messages, open.token)).statusCode).toBe(401);
      expect(await t.kefu.services.chat.verifyVisitorToken(open.token)).toBeNull();
    } finally {
      await setStatus('active');
    }
    expect((await visitor(t, 'GET', messages, open.token)).statusCode).toBe(200);
  });
});
