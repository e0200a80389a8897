/**
 * Upload limits: the visitor token (and what it depends on) is checked before the body is read,
 * and each conversation holds at most 20 files and 25 MiB; past that nothing is stored.
 */
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectError } from '../api/support.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { answerBeforeBody as answerEarly } from '../helpers/upload.js';
import { type ChatWorld, type Opened, openConversation, setUpChat, visitor } from './support.js';

const MiB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describeStorage('chat attachment limits', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  let port: number;

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'quota');
    await t.kefu.server.listen({ host: '127.0.0.1', port: 0 });
    port = (t.kefu.server.server.address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  const upload = (o: Opened, bytes: Buffer, type = 'text/plain') =>
    visitor(t, 'POST', `/api/v1/widget/conversations/${o.contactId}/attachments`, o.token, {
      headers: { 'content-type': type, 'x-file-name': 'f.txt' },
      payload: bytes,
    });

  const filesOnDisk = (): number => {
    try {
      return readdirSync(join(t.kefu.config.dataDir, 'attachments', w.tenant.tenant.id)).length;
    } catch {
      return 0;
    }
  };

  const rowsOf = async (contactId: string): Promise<number> => {
    const tenantId = w.tenant.tenant.id;
    const rows = await t.kefu.db.tx(tenantId, (trx) =>
      trx.selectFrom('chat_attachments').select('id').where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).execute(),
    );
    return rows.length;
  };

  const answerBeforeBody = (contactId: string, token: string) =>
    answerEarly(port, `/api/v1/widget/conversations/${contactId}/attachments`, token, 'text/plain');

  it('should answer a bad visitor token with 401 before the body is read, and store nothing', async () => {
    const o = await openConversation(t, w);
    const before = filesOnDisk();
    const bad = await answerBeforeBody(o.contactId, 'kfv.tn_00000000000000000000.con_00000000000000000000.forged');
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    // The token of another conversation is no better.
    const other = await openConversation(t, w);
    expect((await answerBeforeBody(o.contactId, other.token)).status).toBe(404);
    expect(filesOnDisk()).toBe(before);
    expect(await rowsOf(o.contactId)).toBe(0);
  });

  it('should take 20 files, refuse the 21st with ATTACHMENT_QUOTA_EXCEEDED and store nothing of it', async () => {
    const o = await openConversation(t, w);
    for (let i = 0; i < 20; i++) expect((await upload(o, Buffer.from(`file ${i}`))).statusCode).toBe(201);
    const before = filesOnDisk();
    expectError(await upload(o, Buffer.from('one too many')), 409, 'ATTACHMENT_QUOTA_EXCEEDED');
    expectError(await upload(o, PNG, 'image/png'), 409, 'ATTACHMENT_QUOTA_EXCEEDED');
    // A full conversation is refused before its body is read too.
    const early = await answerBeforeBody(o.contactId, o.token);
    expect(early.status).toBe(409);
    expect(JSON.parse(early.body)).toMatchObject({ error: { code: 'ATTACHMENT_QUOTA_EXCEEDED' } });
    expect(filesOnDisk()).toBe(before);
    expect(await rowsOf(o.contactId)).toBe(20);
    // The quota is per conversation: another one still takes files.
    expect((await upload(await openConversation(t, w), Buffer.from('fresh'))).statusCode).toBe(201);
  });

  it('should take 25 MiB in all and refuse a byte more', async () => {
    const o = await openConversation(t, w);
    for (let i = 0; i < 5; i++) expect((await upload(o, Buffer.alloc(5 * MiB, 0x61 + i))).statusCode).toBe(201);
    const before = filesOnDisk();
    expectError(await upload(o, Buffer.from('x')), 409, 'ATTACHMENT_QUOTA_EXCEEDED');
    expect(filesOnDisk()).toBe(before);
    expect(await rowsOf(o.contactId)).toBe(5);
  });

  it('should let concurrent uploads take only the places left', async () => {
    const o = await openConversation(t, w);
    for (let i = 0; i < 18; i++) expect((await upload(o, Buffer.from(`file ${i}`))).statusCode).toBe(201);
    const before = filesOnDisk();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(o, Buffer.from(`racing ${i}`))));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    for (const r of results) if (r.statusCode === 409) expect(r.json()).toMatchObject({ error: { code: 'ATTACHMENT_QUOTA_EXCEEDED' } });
    expect(await rowsOf(o.contactId)).toBe(20);
    expect(filesOnDisk()).toBe(before + 2);
  });
  it('should count uploads still in flight against the quota and give their place back when they end', async () => {
    const o = await openConversation(t, w);
    for (let i = 0; i < 19; i++) expect((await upload(o, Buffer.from(`file ${i}`))).statusCode).toBe(201);
    const v = await t.kefu.services.chat.verifyVisitorToken(o.token);
    if (!v) throw new Error('no session');
    const admit = () => t.kefu.services.chat.attachments.admitVisitorUpload(v, 'text/plain', 1024);
    const first = await admit();
    // The last place is taken by an upload whose body has not arrived: a second is refused before its body.
    await expect(admit()).rejects.toMatchObject({ code: 'ATTACHMENT_QUOTA_EXCEEDED' });
    first();
    first(); // a second release changes nothing
    const again = await admit();
    await expect(admit()).rejects.toMatchObject({ code: 'ATTACHMENT_QUOTA_EXCEEDED' });
    again();
  });

  it('should give the place of an upload whose client went away back', async () => {
    const o = await openConversation(t, w);
    for (let i = 0; i < 19; i++) expect((await upload(o, Buffer.from(`file ${i}`))).statusCode).toBe(201);
    const v = await t.kefu.services.chat.verifyVisitorToken(o.token);
    if (!v) throw new Error('no session');
    const admitFails = async (): Promise<boolean> => {
      try {
        (await t.kefu.services.chat.attachments.admitVisitorUpload(v, 'text/plain', 10))();
        return false;
      } catch {
        return true;
      }
    };
    const within = async (what: string, ok: () => Promise<boolean>) => {
      for (const started = Date.now(); !(await ok()); ) {
        if (Date.now() - started > 5_000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/widget/conversations/${o.contactId}/attachments`,
      headers: { authorization: `Bearer ${o.token}`, 'content-type': 'text/plain', 'content-length': '1024' },
    });
    req.on('error', () => undefined);
    req.write('the first bytes');
    await within('the upload to hold the last place', admitFails);
    req.destroy();
    await within('the place to come back', async () => !(await admitFails()));
    expect(await rowsOf(o.contactId)).toBe(19);
  });
});
