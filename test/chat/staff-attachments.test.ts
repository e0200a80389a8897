/**
 * Staff attachments: the agent handling a chat (or a supervisor) uploads a file and sends it; the
 * visitor downloads it with its token, but never one that is unsent or went into an internal note
 * or a whisper. Colleagues, other tenants, bad files and a full quota are refused with stable
 * codes, before the body is read where the visitor's upload does so too.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { PASSWORD } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { answerBeforeBody as answerEarly } from '../helpers/upload.js';
import { type ChatTenant, type Client, chatTenant, type RealtimeKefu, staff, startRealtimeKefu, visitor } from '../realtime/harness.js';

const MiB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n', 'latin1');

interface Uploaded {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

describeStorage('chat staff attachments', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;
  let beta: ChatTenant;
  /** A second agent of acme who handles none of these chats. */
  let colleague: string;

  beforeAll(async () => {
    k = await startRealtimeKefu(target);
    acme = await chatTenant(k, 'acme');
    beta = await chatTenant(k, 'beta');
    const admin = acme.seeded.tokens.tenant_admin;
    const created = await k.t.call('POST', '/api/v1/users', admin, {
      email: 'other-agent@acme.test',
      displayName: 'Other',
      role: 'agent',
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    colleague = await k.t.login('acme', 'other-agent@acme.test', PASSWORD);
  });
  afterAll(async () => k?.close());

  const upload = (token: string, contactId: string, type: string, bytes: Buffer | string, name = 'file.png') =>
    k.t.kefu.server.inject({
      method: 'POST',
      url: `/api/v1/contacts/${contactId}/attachments`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    }) as Promise<LightMyRequestResponse>;

  const uploaded = async (token: string, contactId: string, type = 'image/png', bytes: Buffer = PNG, name = '截图.png') => {
    const res = await upload(token, contactId, type, bytes, name);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Uploaded;
  };

  const visitorDownload = (contactId: string, token: string, id: string) =>
    k.t.kefu.server.inject({
      method: 'GET',
      url: `/api/v1/widget/conversations/${contactId}/attachments/${id}`,
      headers: { authorization: `Bearer ${token}` },
    }) as Promise<LightMyRequestResponse>;

  const agentOn = async (contactId: string, token = acme.seeded.tokens.agent): Promise<Client> => {
    const a = await staff(k, token);
    a.send({ t: 'subscribe', topic: 'contact', contactId, afterSeq: 0 });
    await a.next((f) => f.t === 'subscribed');
    return a;
  };

  const rowsOf = async (tenantId: string, contactId: string): Promise<number> =>
    (
      await k.t.kefu.db.tx(tenantId, (trx) =>
        trx.selectFrom('chat_attachments').select('id').where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).execute(),
      )
    ).length;

  const answerBeforeBody = async (contactId: string, token: string) => {
    const res = await answerEarly(Number(new URL(k.base).port), `/api/v1/contacts/${contactId}/attachments`, token, 'image/png');
    return { status: res.status, code: (JSON.parse(res.body) as { error: { code: string } }).error.code };
  };

  it('should let the handling agent upload and send a file over /ws/staff, and the visitor download the same bytes', async () => {
    const { contactId, token } = await acme.open();
    const att = await uploaded(acme.seeded.tokens.agent, contactId);
    expect(att).toMatchObject({ id: expect.stringMatching(/^att_/), fileName: '截图.png', contentType: 'image/png', size: PNG.length });
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    const agent = await agentOn(contactId);
    agent.send({ t: 'send', contactId, clientId: 'pic-1', body: '截图.png', attachmentId: att.id });
    expect(await agent.next((f) => f.t === 'ack' || f.t === 'error')).toMatchObject({ t: 'ack', clientId: 'pic-1' });
    const live = await v.next((f) => f.t === 'msg' && f.body === '截图.png');
    expect(live.attachment).toEqual(att);
    const got = await visitorDownload(contactId, token, att.id);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    // The visitor's message list describes it too; staff read it through their own route.
    const listed = await k.t.kefu.server.inject({
      method: 'GET',
      url: `/api/v1/widget/conversations/${contactId}/messages`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.json().items.find((m: { body: string }) => m.body === '截图.png').attachment).toEqual(att);
    const bySupervisor = await k.t.call('GET', `/api/v1/contacts/${contactId}/attachments/${att.id}`, acme.seeded.tokens.supervisor);
    expect(bySupervisor.statusCode).toBe(200);
    expect(bySupervisor.rawPayload.equals(PNG)).toBe(true);
    agent.close();
    v.close();
  });

  it("should let staff download the visitor's files through the staff route", async () => {
    const { contactId, token } = await acme.open();
    const res = await k.t.kefu.server.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${contactId}/attachments`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-file-name': 'bill.pdf' },
      payload: PDF,
    });
    expect(res.statusCode, res.body).toBe(201);
    const got = await k.t.call('GET', `/api/v1/contacts/${contactId}/attachments/${res.json().id}`, acme.seeded.tokens.agent);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('should refuse a colleague who does not handle the chat with NOT_YOUR_CONTACT, before the body is read', async () => {
    const { contactId } = await acme.open();
    expectError(await upload(colleague, contactId, 'image/png', PNG), 403, 'NOT_YOUR_CONTACT');
    expect(await answerBeforeBody(contactId, colleague)).toEqual({ status: 403, code: 'NOT_YOUR_CONTACT' });
    // Nor may the colleague send the handling agent's file (/ws/staff refuses a contact it may not watch).
    const att = await uploaded(acme.seeded.tokens.agent, contactId);
    const other = await staff(k, colleague);
    other.send({ t: 'send', contactId, clientId: 'steal', body: 'mine now', attachmentId: att.id });
    expect(await other.next((f) => f.t === 'ack' || f.t === 'error')).toMatchObject({ t: 'error', code: 'FORBIDDEN', ref: 'steal' });
    other.close();
    expect(await rowsOf(acme.seeded.tenant.id, contactId)).toBe(1);
    // A supervisor may attach to any open chat of the tenant; an offer not yet accepted is not the agent's.
    await uploaded(acme.seeded.tokens.supervisor, contactId, 'application/pdf', PDF, 'terms.pdf');
    const offered = await acme.open(false);
    expectError(await upload(acme.seeded.tokens.agent, offered.contactId, 'image/png', PNG), 403, 'NOT_YOUR_CONTACT');
  });

  it('should let the agent attach in wrap-up and refuse everyone once the chat is closed', async () => {
    const { contactId } = await acme.open();
    const end = await k.t.call('POST', `/api/v1/contacts/${contactId}/end`, acme.seeded.tokens.agent);
    expect(end.json().state).toBe('wrap_up');
    await uploaded(acme.seeded.tokens.agent, contactId);
    const wrap = await k.t.call('POST', `/api/v1/contacts/${contactId}/wrap-up`, acme.seeded.tokens.agent, {
      disposition: { contactClass: 'query', reason: 'done', resolved: true },
    });
    expect(wrap.json().state).toBe('closed');
    expectError(await upload(acme.seeded.tokens.supervisor, contactId, 'image/png', PNG), 409, 'ILLEGAL_TRANSITION');
    expectError(await upload(acme.seeded.tokens.agent, contactId, 'image/png', PNG), 403, 'NOT_YOUR_CONTACT');
  });

  it("should answer another tenant's chat with 404, exactly as a chat that does not exist, and store nothing", async () => {
    const { contactId } = await acme.open();
    for (const token of [beta.seeded.tokens.agent, beta.seeded.tokens.supervisor, beta.seeded.tokens.tenant_admin]) {
      expectError(await upload(token, contactId, 'image/png', PNG), 404, 'NOT_FOUND');
      expectError(await upload(token, 'con_00000000000000000000', 'image/png', PNG), 404, 'NOT_FOUND');
    }
    expect(await answerBeforeBody(contactId, beta.seeded.tokens.supervisor)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await rowsOf(acme.seeded.tenant.id, contactId)).toBe(0);
    expect(await rowsOf(beta.seeded.tenant.id, contactId)).toBe(0);
    // Nor can beta's staff read acme's files.
    const att = await uploaded(acme.seeded.tokens.agent, contactId);
    expectError(
      await k.t.call('GET', `/api/v1/contacts/${contactId}/attachments/${att.id}`, beta.seeded.tokens.tenant_admin),
      404,
      'NOT_FOUND',
    );
  });

  it('should refuse other types, mismatching bytes, oversize files and a full quota with their stable codes', async () => {
    const { contactId, token } = await acme.open();
    const agent = acme.seeded.tokens.agent;
    expectError(await upload(agent, contactId, 'text/html', '<script>alert(1)</script>', 'x.html'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(agent, contactId, 'image/png', '<html><script>alert(1)</script>'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(agent, contactId, 'application/json', '{"a":1}', 'x.json'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(agent, contactId, 'image/png', Buffer.concat([PNG, Buffer.alloc(5 * MiB)])), 413, 'ATTACHMENT_TOO_LARGE');
    expectError(await upload(agent, contactId, 'text/plain', Buffer.alloc(0), 'x.txt'), 400, 'VALIDATION_FAILED');
    expect(await rowsOf(acme.seeded.tenant.id, contactId)).toBe(0);
    // The quota is the conversation's: the visitor's files and staff's count together.
    for (let i = 0; i < 10; i++) {
      const res = await k.t.kefu.server.inject({
        method: 'POST',
        url: `/api/v1/widget/conversations/${contactId}/attachments`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': `v${i}.txt` },
        payload: `visitor file ${i}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (let i = 0; i < 10; i++) await uploaded(agent, contactId, 'text/plain', Buffer.from(`agent file ${i}`), `a${i}.txt`);
    expectError(await upload(agent, contactId, 'text/plain', 'one too many', 'x.txt'), 409, 'ATTACHMENT_QUOTA_EXCEEDED');
    expect(await answerBeforeBody(contactId, agent)).toEqual({ status: 409, code: 'ATTACHMENT_QUOTA_EXCEEDED' });
    expect(await rowsOf(acme.seeded.tenant.id, contactId)).toBe(20);
  });

  it('should never let the visitor download a file that is unsent, in an internal note or in a whisper', async () => {
    const { contactId, token } = await acme.open();
    const agent = await agentOn(contactId);
    const note = await uploaded(acme.seeded.tokens.agent, contactId, 'application/pdf', PDF, 'internal.pdf');
    expectError(await visitorDownload(contactId, token, note.id), 404, 'NOT_FOUND');
    agent.send({ t: 'send', contactId, clientId: 'note-1', body: 'for the team', visibility: 'internal', attachmentId: note.id });
    expect(await agent.next((f) => f.t === 'ack' || f.t === 'error')).toMatchObject({ t: 'ack', clientId: 'note-1' });
    expectError(await visitorDownload(contactId, token, note.id), 404, 'NOT_FOUND');
    // A supervisor's whisper with a file of their own: staff only as well.
    const mine = await uploaded(acme.seeded.tokens.supervisor, contactId);
    const sup = await k.t.kefu.services.chat.postStaffMessage(await supervisorCtx(), contactId, {
      clientId: 'whisper-1',
      body: 'look',
      visibility: 'whisper',
      attachmentId: mine.id,
    });
    const whispered = sup.message.attachment?.id ?? '';
    expect(whispered).toMatch(/^att_/);
    expectError(await visitorDownload(contactId, token, whispered), 404, 'NOT_FOUND');
    // Staff still read both, and the visitor's list shows neither message.
    for (const id of [note.id, whispered])
      expect((await k.t.call('GET', `/api/v1/contacts/${contactId}/attachments/${id}`, acme.seeded.tokens.agent)).statusCode).toBe(200);
    const listed = await k.t.kefu.server.inject({
      method: 'GET',
      url: `/api/v1/widget/conversations/${contactId}/messages`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.body).not.toContain(note.id);
    expect(listed.body).not.toContain(whispered);
    agent.close();
  });

  it('should send a file in one message from its uploader only, and ack a resend of that message with its seq', async () => {
    const { contactId, token } = await acme.open();
    const agent = await agentOn(contactId);
    const att = await uploaded(acme.seeded.tokens.agent, contactId);
    agent.send({ t: 'send', contactId, clientId: 'once', body: 'file', visibility: 'internal', attachmentId: att.id });
    const first = await agent.next((f) => f.t === 'ack' || f.t === 'error');
    expect(first).toMatchObject({ t: 'ack', clientId: 'once' });
    agent.send({ t: 'send', contactId, clientId: 'once', body: 'file', visibility: 'internal', attachmentId: att.id });
    expect(await agent.next((f) => f.t === 'ack' || f.t === 'error')).toMatchObject({ t: 'ack', clientId: 'once', seq: first.seq });
    // The internal note's file cannot be made public by sending it again.
    agent.send({ t: 'send', contactId, clientId: 'again', body: 'file', attachmentId: att.id });
    expect(await agent.next((f) => f.t === 'ack' || f.t === 'error')).toMatchObject({
      t: 'error',
      code: 'VALIDATION_FAILED',
      ref: 'again',
    });
    expectError(await visitorDownload(contactId, token, att.id), 404, 'NOT_FOUND');
    // Neither the visitor nor a supervisor may send a file the agent uploaded.
    const v = await k.t.kefu.services.chat.verifyVisitorToken(token);
    if (!v) throw new Error('no session');
    const fresh = await uploaded(acme.seeded.tokens.agent, contactId);
    await expect(
      k.t.kefu.services.chat.postVisitorMessage(v, { clientId: 'v-1', body: 'x', attachmentId: fresh.id }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      k.t.kefu.services.chat.postStaffMessage(await supervisorCtx(), contactId, { clientId: 's-1', body: 'x', attachmentId: fresh.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // The same one-message rule holds for the visitor's own files.
    const own = await k.t.kefu.server.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${contactId}/attachments`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': 'mine.txt' },
      payload: 'mine',
    });
    const ownId = own.json().id as string;
    const sent = await k.t.kefu.services.chat.postVisitorMessage(v, { clientId: 'v-2', body: 'mine', attachmentId: ownId });
    const resent = await k.t.kefu.services.chat.postVisitorMessage(v, { clientId: 'v-2', body: 'mine', attachmentId: ownId });
    expect(resent).toMatchObject({ duplicate: true, message: { seq: sent.message.seq } });
    await expect(
      k.t.kefu.services.chat.postVisitorMessage(v, { clientId: 'v-3', body: 'mine', attachmentId: ownId }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    agent.close();
  });

  // Two tabs of one agent send the same file at once, one publicly, one as an internal note: the
  // file is linked in its message's own transaction, so it lands in exactly one message.
  const race = async (first: 'pub' | 'note') => {
    const { contactId, token } = await acme.open();
    const att = await uploaded(acme.seeded.tokens.agent, contactId);
    // Frames of one socket are handled one after another, of two at once.
    const pubTab = await agentOn(contactId);
    const noteTab = await agentOn(contactId);
    const sendPub = () =>
      pubTab.send({ t: 'send', contactId, clientId: 'pub', body: 'public', visibility: 'public', attachmentId: att.id });
    const sendNote = () =>
      noteTab.send({ t: 'send', contactId, clientId: 'note', body: 'note', visibility: 'internal', attachmentId: att.id });
    if (first === 'pub') {
      sendPub();
      sendNote();
    } else {
      sendNote();
      sendPub();
    }
    const answer = (tab: Client, id: string) => tab.next((f) => (f.t === 'ack' && f.clientId === id) || (f.t === 'error' && f.ref === id));
    const [pub, note] = await Promise.all([answer(pubTab, 'pub'), answer(noteTab, 'note')]);
    const download = await visitorDownload(contactId, token, att.id);
    pubTab.close();
    noteTab.close();
    return { pub, note, download: download.statusCode };
  };

  for (const first of ['pub', 'note'] as const) {
    it(`should accept a file sent from two tabs at once in exactly one message, downloadable by the visitor only if it is the public one (${first} sent first)`, async () => {
      const { pub, note, download } = await race(first);
      expect([pub.t, note.t].filter((t) => t === 'ack')).toHaveLength(1);
      const refused = pub.t === 'error' ? pub : note;
      expect(refused).toMatchObject({ t: 'error', code: 'VALIDATION_FAILED' });
      expect(download).toBe(pub.t === 'ack' ? 200 : 404);
    });
  }

  /** The supervisor's context as the access hook builds it for a bearer token. */
  const supervisorCtx = () => k.t.kefu.services.auth.authenticate(acme.seeded.tokens.supervisor, { ip: null, requestId: 'test' });
});
