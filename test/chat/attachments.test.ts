/** Attachments: limits, type sniffing, served only inside their conversation, safe download headers. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, type Opened, openConversation, setUpChat, visitor } from './support.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1');

describeStorage('chat attachments', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  let a: Opened;
  let b: Opened;
  const upload = (o: Opened, type: string, bytes: Buffer | string, name = 'file.png', token = o.token) =>
    visitor(t, 'POST', `/api/v1/widget/conversations/${o.contactId}/attachments`, token, {
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    });

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'files');
    a = await openConversation(t, w);
    b = await openConversation(t, w);
  });
  afterAll(async () => t?.close());

  it('should store a PNG, attach it to a message and serve it to the visitor and staff only', async () => {
    const res = await upload(a, 'image/png', PNG, '截图 1.png');
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json() as { id: string; fileName: string; contentType: string; size: number };
    expect(att).toMatchObject({ fileName: '截图 1.png', contentType: 'image/png', size: PNG.length });
    const v = await t.kefu.services.chat.verifyVisitorToken(a.token);
    if (!v) throw new Error('no session');
    const sent = await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'img', body: '', attachmentId: att.id });
    expect(sent.message.attachment).toMatchObject({ id: att.id });
    const url = `/api/v1/widget/conversations/${a.contactId}/attachments/${att.id}`;
    const got = await visitor(t, 'GET', url, a.token);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    expect(got.headers['content-disposition']).toMatch(/^inline; /);
    const staff = await t.call('GET', `/api/v1/contacts/${a.contactId}/attachments/${att.id}`, w.tenant.tokens.agent);
    expect(staff.statusCode).toBe(200);
    // B's token, on B's own conversation, cannot reach A's file; nor can A's token from B's path.
    expectError(await visitor(t, 'GET', `/api/v1/widget/conversations/${b.contactId}/attachments/${att.id}`, b.token), 404, 'NOT_FOUND');
    expectError(await visitor(t, 'GET', url, b.token), 404, 'NOT_FOUND');
    expectError(await t.call('GET', `/api/v1/contacts/${b.contactId}/attachments/${att.id}`, w.admin), 404, 'NOT_FOUND');
    // B may not send A's attachment in its own conversation either.
    const vb = await t.kefu.services.chat.verifyVisitorToken(b.token);
    if (!vb) throw new Error('no session');
    await expect(t.kefu.services.chat.postVisitorMessage(vb, { clientId: 'steal', body: 'x', attachmentId: att.id })).rejects.toMatchObject(
      {
        code: 'VALIDATION_FAILED',
      },
    );
  });

  it('should serve a PDF as a download whose name cannot inject markup or headers', async () => {
    const res = await upload(a, 'application/pdf', PDF, '"><script>alert(1)</script>\r\nX-Evil: 1.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const got = await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/attachments/${id}`, a.token);
    const cd = got.headers['content-disposition'] as string;
    expect(cd).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[<>\r\n]/);
    expect(got.headers['x-evil']).toBeUndefined();
    expect(got.headers['content-type']).toBe('application/pdf');
  });

  it('should refuse files over 5 MiB, of other types, or whose bytes are not the declared type', async () => {
    expectError(await upload(a, 'image/png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])), 413, 'ATTACHMENT_TOO_LARGE');
    expectError(await upload(a, 'image/png', Buffer.from('<html><script>alert(1)</script>')), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(a, 'image/jpeg', PNG), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(a, 'text/html', '<script>alert(1)</script>', 'x.html'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(a, 'application/json', '{"a":1}', 'x.json'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(a, 'text/plain', Buffer.from([0x61, 0x00, 0x62]), 'x.txt'), 415, 'ATTACHMENT_TYPE_REFUSED');
    expectError(await upload(a, 'text/plain', Buffer.alloc(0), 'x.txt'), 400, 'VALIDATION_FAILED');
    expectError(await upload(a, 'image/png', PNG, 'x.png', w.admin), 401, 'UNAUTHENTICATED');
    const text = await upload(a, 'text/plain; charset=utf-8', 'plain 文本', 'notes.txt');
    expect(text.statusCode, text.body).toBe(201);
  });
});
