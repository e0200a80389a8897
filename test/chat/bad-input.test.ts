/** Bad input to every chat route with a body or parameters: a 4xx with a stable code, and nothing changes. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError, expectInvalidField, send, snapshotTenant } from '../api/support.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, json, type Opened, openConversation, PRECHAT, setUpChat } from './support.js';

describeStorage('chat bad input', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  let o: Opened;

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'strict');
    o = await openConversation(t, w);
  });
  afterAll(async () => t?.close());

  const cannedState = async () => (await json<{ items: unknown[] }>(t, 'GET', '/api/v1/canned-responses', w.admin)).items;
  const widgetState = async () => (await json<{ items: unknown[] }>(t, 'GET', '/api/v1/chat/widgets', w.admin)).items;

  it('should answer 400 naming the field and change nothing when a body breaks its schema', async () => {
    const prechat = PRECHAT(w.queueId);
    const open = `/api/v1/widget/${w.widget.publicKey}/conversations`;
    const cases: [string, string, string | null, unknown, string][] = [
      ['POST', open, null, { topicId: 'billing', name: 'x', tenantId: w.tenant.tenant.id }, 'body.tenantId'],
      ['POST', open, null, { name: 'x' }, 'body'],
      ['POST', open, null, { topicId: 'billing', name: 'x', locale: 'fr' }, 'body.locale'],
      [
        'POST',
        open,
        null,
        { topicId: 'billing', name: 'x', identity: { userId: 'u', timestamp: 1, signature: 'nothex' } },
        'body.identity.signature',
      ],
      [
        'POST',
        open,
        null,
        { topicId: 'billing', name: 'x', identity: { userId: 'u', timestamp: 1, signature: 'a'.repeat(64), extra: 1 } },
        'body.identity.extra',
      ],
      ['POST', open, null, { topicId: 'other', name: 'x' }, 'body.topicId'],
      ['POST', open, null, { topicId: 'billing' }, 'body.name'],
      ['POST', open, null, { topicId: 'billing', name: 'x', email: 'not-an-email' }, 'body.email'],
      [
        'POST',
        '/api/v1/chat/widgets',
        w.admin,
        { name: 'x', allowedOrigins: [], prechat: { ...prechat, topics: [] } },
        'body.prechat.topics',
      ],
      ['POST', '/api/v1/chat/widgets', w.admin, { name: 'x', allowedOrigins: [], prechat, secret: 'mine' }, 'body.secret'],
      ['POST', '/api/v1/chat/widgets', w.admin, { name: 'x', allowedOrigins: ['*'], prechat }, 'body.allowedOrigins.0'],
      [
        'POST',
        '/api/v1/chat/widgets',
        w.admin,
        { name: 'x', allowedOrigins: [], prechat: { ...prechat, fields: { ...prechat.fields, name: 'maybe' } } },
        'body.prechat.fields.name',
      ],
      ['PATCH', `/api/v1/chat/widgets/${w.widget.id}`, w.admin, {}, 'body'],
      ['PATCH', `/api/v1/chat/widgets/${w.widget.id}`, w.admin, { publicKey: 'kfw_mine' }, 'body.publicKey'],
      ['POST', '/api/v1/canned-responses', w.admin, { shortcut: 'has space', title: 't', body: 'b' }, 'body.shortcut'],
      ['POST', '/api/v1/canned-responses', w.admin, { shortcut: 'ok', title: 't', body: '{{customer.phone}}' }, 'body.body'],
      ['POST', '/api/v1/canned-responses', w.admin, { shortcut: 'ok', title: 't', body: 'x\u0000y' }, 'body.body'],
      ['GET', `/api/v1/canned-responses?contactId=${'x'.repeat(65)}`, w.admin, undefined, 'querystring.contactId'],
      ['GET', `/api/v1/widget/conversations/${o.contactId}/messages?after=-1`, o.token, undefined, 'querystring.after'],
      ['POST', `/api/v1/widget/conversations/${o.contactId}/csat`, o.token, { rating: 6 }, 'body.rating'],
      ['POST', `/api/v1/widget/conversations/${o.contactId}/csat`, o.token, { rating: 3, contactId: 'x' }, 'body.contactId'],
    ];
    const before = [await snapshotTenant(t.kefu, w.tenant.tenant.id), await cannedState(), await widgetState()];
    for (const [method, url, token, payload, field] of cases) {
      const res = await send(t, { method, url, token, ...(payload === undefined ? {} : { payload }) });
      expectInvalidField(res, field);
    }
    expect([await snapshotTenant(t.kefu, w.tenant.tenant.id), await cannedState(), await widgetState()]).toEqual(before);
  });

  it('should answer 400 for a malformed widget key or an unknown one with 404', async () => {
    expectInvalidField(await send(t, { method: 'GET', url: '/api/v1/widget/not-a-key/config' }), 'params.publicKey');
    expectError(await send(t, { method: 'GET', url: '/api/v1/widget/kfw_zzzzzzzzzzzzzzzzzzzzzzzz/config' }), 404, 'NOT_FOUND');
  });

  it('should refuse a file name that is not URL-encoded UTF-8', async () => {
    const res = await send(t, {
      method: 'POST',
      url: `/api/v1/widget/conversations/${o.contactId}/attachments`,
      token: o.token,
      headers: { 'content-type': 'text/plain', 'x-file-name': '%E0%A4%A' },
      payload: 'hello',
    });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});
