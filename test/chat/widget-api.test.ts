/** The widget's public and visitor API: config, opening, identity, token isolation, messages, CSAT, transcript. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import type { VisitorSession } from '../../src/chat/index.js';
import { expectError } from '../api/support.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, json, openConversation, setUpChat, sign, visitor } from './support.js';

describeStorage('chat widget API', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  const session = async (token: string): Promise<VisitorSession> => {
    const v = await t.kefu.services.chat.verifyVisitorToken(token);
    if (!v) throw new Error('token did not verify');
    return v;
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'acme');
  });
  afterAll(async () => t?.close());

  it('should give the widget its config and allow only its origins and kefu itself when asked cross-site', async () => {
    const url = `/api/v1/widget/${w.widget.publicKey}/config`;
    const res = await visitor(t, 'GET', url, null, { headers: { origin: 'https://shop.acme.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.acme.example');
    expect(res.json()).toMatchObject({ widgetId: w.widget.id, identityRequired: false, prechat: { topics: [{ id: 'billing' }] } });
    expect(res.body).not.toContain(w.secret);
    expectError(await visitor(t, 'GET', url, null, { headers: { origin: 'https://evil.example' } }), 403, 'FORBIDDEN');
    const own = await visitor(t, 'GET', url, null, { headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(own.statusCode).toBe(200);
    expectError(await visitor(t, 'GET', '/api/v1/widget/kfw_AAAAAAAAAAAAAAAAAAAAAAAA/config', null), 404, 'NOT_FOUND');
    const pre = await visitor(t, 'OPTIONS', url, null, {
      headers: { origin: 'https://shop.acme.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('should open a queued conversation with a token, a position and a new anonymous customer when unsigned', async () => {
    const o = await openConversation(t, w, { email: 'ada@example.com' });
    expect(o).toMatchObject({ state: 'queued', position: 1 });
    expect(o.token).toMatch(/^kfv\.tn_[0-9a-z]{20}\.con_[0-9a-z]{20}\.[A-Za-z0-9_-]{43}$/);
    const contact = await json<{ channel: string; customerId: string; queueId: string }>(
      t,
      'GET',
      `/api/v1/contacts/${o.contactId}`,
      w.admin,
    );
    expect(contact).toMatchObject({ channel: 'chat', queueId: w.queueId });
    const customer = await json<{ identities: { kind: string }[]; attributes: Record<string, string> }>(
      t,
      'GET',
      `/api/v1/customers/${contact.customerId}`,
      w.admin,
    );
    expect(customer.identities.map((i) => i.kind)).toEqual(['web_visitor']);
    expect(customer.attributes.chatEmail).toBe('ada@example.com');
  });

  it('should link only a correctly signed, fresh identity to the existing customer profile', async () => {
    const existing = await json<{ id: string }>(t, 'POST', '/api/v1/customers', w.admin, {
      displayName: 'Known Customer',
      identities: [
        { kind: 'app_user', value: 'user-42' },
        { kind: 'email', value: 'known@example.com' },
      ],
    });
    const now = Date.now();
    const signed = await openConversation(t, w, {
      identity: { userId: 'user-42', timestamp: now, signature: sign(w.secret, 'user-42', now) },
    });
    expect((await json<{ customerId: string }>(t, 'GET', `/api/v1/contacts/${signed.contactId}`, w.admin)).customerId).toBe(existing.id);
    const secs = Math.floor(now / 1000);
    const inSeconds = await openConversation(t, w, {
      identity: { userId: 'user-42', timestamp: secs, signature: sign(w.secret, 'user-42', secs) },
    });
    expect((await json<{ customerId: string }>(t, 'GET', `/api/v1/contacts/${inSeconds.contactId}`, w.admin)).customerId).toBe(existing.id);
    const url = `/api/v1/widget/${w.widget.publicKey}/conversations`;
    const bad = [
      { userId: 'user-42', timestamp: now, signature: sign('wrong-secret', 'user-42', now) },
      { userId: 'user-43', timestamp: now, signature: sign(w.secret, 'user-42', now) },
      { userId: 'user-42', timestamp: now - 11 * 60_000, signature: sign(w.secret, 'user-42', now - 11 * 60_000) },
      { userId: 'user-42', timestamp: now + 3_600_000, signature: sign(w.secret, 'user-42', now + 3_600_000) },
    ];
    const before = (await json<{ items: unknown[] }>(t, 'GET', '/api/v1/contacts?limit=200', w.admin)).items.length;
    for (const identity of bad)
      expectError(await t.call('POST', url, null, { name: 'Mallory', topicId: 'billing', identity }), 401, 'IDENTITY_INVALID');
    expect((await json<{ items: unknown[] }>(t, 'GET', '/api/v1/contacts?limit=200', w.admin)).items.length).toBe(before);
    // Unsigned, with the known customer's email: a profile of its own, never the known one.
    const unsigned = await openConversation(t, w, { email: 'known@example.com' });
    expect((await json<{ customerId: string }>(t, 'GET', `/api/v1/contacts/${unsigned.contactId}`, w.admin)).customerId).not.toBe(
      existing.id,
    );
  });

  it('should refuse an unsigned visitor when the widget requires identity', async () => {
    await json(t, 'PATCH', `/api/v1/chat/widgets/${w.widget.id}`, w.admin, { identityRequired: true }, 200);
    try {
      expectError(
        await t.call('POST', `/api/v1/widget/${w.widget.publicKey}/conversations`, null, { name: 'A', topicId: 'billing' }),
        401,
        'IDENTITY_INVALID',
      );
    } finally {
      await json(t, 'PATCH', `/api/v1/chat/widgets/${w.widget.id}`, w.admin, { identityRequired: false }, 200);
    }
  });

  it('should answer 404 when a visitor token is used on another conversation and 401 without a visitor token', async () => {
    const a = await openConversation(t, w);
    const b = await openConversation(t, w);
    await t.kefu.services.chat.postVisitorMessage(await session(b.token), { clientId: 'b1', body: 'secret of b' });
    for (const path of ['messages', 'transcript', 'attachments/att_00000000000000000000']) {
      const res = await visitor(t, 'GET', `/api/v1/widget/conversations/${b.contactId}/${path}`, a.token);
      expectError(res, 404, 'NOT_FOUND');
      expect(res.body).not.toContain('secret of b');
    }
    expectError(
      await visitor(t, 'POST', `/api/v1/widget/conversations/${b.contactId}/csat`, a.token, { payload: { rating: 1 } }),
      404,
      'NOT_FOUND',
    );
    expectError(await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/messages`, w.admin), 401, 'UNAUTHENTICATED');
    expectError(await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/messages`, null), 401, 'UNAUTHENTICATED');
    const forged = `${a.token.slice(0, -4)}AAAA`;
    expectError(await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/messages`, forged), 401, 'UNAUTHENTICATED');
    expectError(
      await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/messages`, a.token, {
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('should store a resent client id once and never show internal notes or whispers to the visitor', async () => {
    const o = await openConversation(t, w);
    const v = await session(o.token);
    const chat = t.kefu.services.chat;
    const first = await chat.postVisitorMessage(v, { clientId: 'c-1', body: 'Hello 你好' });
    const again = await chat.postVisitorMessage(v, { clientId: 'c-1', body: 'Hello 你好' });
    expect(again).toMatchObject({ duplicate: true, message: { seq: first.message.seq } });
    const sup = systemContext('test', w.tenant.tenant.id);
    await chat.postStaffMessage(sup, o.contactId, { clientId: 's-1', body: 'internal note', visibility: 'internal' });
    await chat.postStaffMessage(sup, o.contactId, { clientId: 's-2', body: 'whisper to agent', visibility: 'whisper' });
    await chat.postStaffMessage(sup, o.contactId, { clientId: 's-3', body: 'public reply' });
    const res = await visitor(t, 'GET', `/api/v1/widget/conversations/${o.contactId}/messages?after=0`, o.token);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { body: string; seq: number; author: { kind: string } }[];
    expect(items.map((m) => m.body)).toEqual(['Hello 你好', 'public reply']);
    expect(res.body).not.toContain('internal');
    expect(res.body).not.toContain('whisper');
    expect((await chat.listVisitorMessages(v, 0)).map((m) => m.body)).toEqual(['Hello 你好', 'public reply']);
    const staff = await json<{ items: { body: string; visibility: string }[] }>(
      t,
      'GET',
      `/api/v1/contacts/${o.contactId}/messages`,
      w.admin,
    );
    expect(staff.items.map((m) => m.visibility)).toEqual(['public', 'internal', 'whisper', 'public']);
    // An agent who does not handle the contact may not write into it; only supervisors whisper.
    const agentCtx = {
      ...sup,
      actor: { ...sup.actor, kind: 'user' as const, id: w.tenant.users.agent.id, permissions: new Set(['routing.agent'] as const) },
    };
    await expect(chat.postStaffMessage(agentCtx, o.contactId, { clientId: 'x', body: 'hi' })).rejects.toMatchObject({
      code: 'NOT_YOUR_CONTACT',
    });
    await expect(chat.postStaffMessage(agentCtx, o.contactId, { clientId: 'y', body: 'hi', visibility: 'whisper' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('should take one CSAT answer only after the conversation ended and give a transcript of public messages', async () => {
    // A tenant of its own, so this conversation is the only one waiting for the agent.
    const w = await setUpChat(t, 'rated');
    const o = await openConversation(t, w);
    const v = await session(o.token);
    await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'c', body: 'My bill is wrong' });
    const csat = `/api/v1/widget/conversations/${o.contactId}/csat`;
    expectError(await visitor(t, 'POST', csat, o.token, { payload: { rating: 5 } }), 409, 'ILLEGAL_TRANSITION');
    await json(t, 'POST', '/api/v1/routing/me/state', w.tenant.tokens.agent, { state: 'available' }, 204);
    const offered = await json<{ state: string }>(t, 'GET', `/api/v1/contacts/${o.contactId}`, w.admin);
    if (offered.state !== 'offered') throw new Error(`expected an offer, got ${offered.state}`);
    await json(t, 'POST', `/api/v1/contacts/${o.contactId}/accept`, w.tenant.tokens.agent, undefined, 200);
    await t.kefu.services.chat.postStaffMessage(systemContext('test', w.tenant.tenant.id), o.contactId, {
      clientId: 'n',
      body: 'note: customer is angry',
      visibility: 'internal',
    });
    await json(t, 'POST', `/api/v1/contacts/${o.contactId}/end`, w.tenant.tokens.agent, undefined, 200);
    const rated = await visitor(t, 'POST', csat, o.token, { payload: { rating: 4, comment: 'quick 很快' } });
    expect(rated.statusCode, rated.body).toBe(201);
    expectError(await visitor(t, 'POST', csat, o.token, { payload: { rating: 1 } }), 409, 'CONFLICT');
    expect(await json(t, 'GET', `/api/v1/contacts/${o.contactId}/csat`, w.admin)).toMatchObject({ rating: 4, comment: 'quick 很快' });
    const tr = await visitor(t, 'GET', `/api/v1/widget/conversations/${o.contactId}/transcript`, o.token);
    expect(tr.statusCode).toBe(200);
    expect(tr.headers['content-type']).toMatch(/^text\/plain/);
    expect(tr.headers['content-disposition']).toMatch(/^attachment; filename="transcript-con_/);
    expect(tr.body).toContain('Ada 顾客: My bill is wrong');
    expect(tr.body).not.toContain('angry');
    const staffTr = await t.call('GET', `/api/v1/contacts/${o.contactId}/transcript`, w.admin);
    expect(staffTr.body).toContain('My bill is wrong');
    expect(staffTr.body).not.toContain('angry');
  });
});
