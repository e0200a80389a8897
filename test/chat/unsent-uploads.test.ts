/**
 * Uploads nobody sent: past the grace period the row and the file go and the conversation's quota
 * gets the place back; uploads sent in a message, and recent ones, stay.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UnsentUploadSweeper } from '../../src/chat/index.js';
import { attachmentStore } from '../../src/chat/store.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatWorld, type Opened, openConversation, setUpChat, visitor } from './support.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const HOUR = 3_600_000;

describeStorage('unsent upload sweep', (target) => {
  let t: TestKefu;
  let w: ChatWorld;
  let a: Opened;

  beforeAll(async () => {
    t = await startTestKefu(target);
    w = await setUpChat(t, 'sweep');
    a = await openConversation(t, w);
  });
  afterAll(async () => t?.close());

  const upload = async (name: string): Promise<string> => {
    const res = await visitor(t, 'POST', `/api/v1/widget/conversations/${a.contactId}/attachments`, a.token, {
      headers: { 'content-type': 'image/png', 'x-file-name': name },
      payload: PNG,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const sweeperAt = (offsetMs: number) =>
    new UnsentUploadSweeper(t.kefu.db, { now: () => Date.now() + offsetMs }, pino({ level: 'silent' }), t.kefu.config.dataDir, {
      graceMs: 24 * HOUR,
      chunk: 2,
    });
  const fileOf = (id: string) => join(t.kefu.config.dataDir, 'attachments', w.tenant.tenant.id, id);
  const rowIds = async (): Promise<string[]> => {
    const tenantId = w.tenant.tenant.id;
    const rows = await t.kefu.db.tx(tenantId, (trx) =>
      trx.selectFrom('chat_attachments').select('id').where('tenant_id', '=', tenantId).where('contact_id', '=', a.contactId).execute(),
    );
    return rows.map((r) => r.id).sort();
  };

  it('should delete uploads no message took once past the grace period, rows and files, and keep sent ones', async () => {
    const sent = await upload('sent.png');
    const unsent = [await upload('u1.png'), await upload('u2.png'), await upload('u3.png')];
    const v = await t.kefu.services.chat.verifyVisitorToken(a.token);
    if (!v) throw new Error('no session');
    await t.kefu.services.chat.postVisitorMessage(v, { clientId: 'with-file', body: '', attachmentId: sent });

    // Within the grace period nothing goes.
    expect(await sweeperAt(0).sweep()).toBe(0);
    expect(await rowIds()).toEqual([sent, ...unsent].sort());

    // A day and an hour later: the three unsent go (over two chunks), the sent one stays and still downloads.
    expect(await sweeperAt(25 * HOUR).sweep()).toBe(3);
    expect(await rowIds()).toEqual([sent]);
    for (const id of unsent) expect(existsSync(fileOf(id)), id).toBe(false);
    expect(existsSync(fileOf(sent))).toBe(true);
    const got = await visitor(t, 'GET', `/api/v1/widget/conversations/${a.contactId}/attachments/${sent}`, a.token);
    expect(got.statusCode).toBe(200);
    // A swept upload can no longer be sent.
    await expect(
      t.kefu.services.chat.postVisitorMessage(v, { clientId: 'late', body: '', attachmentId: unsent[0] as string }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('should sweep every tenant and never delete an upload a message took, even when asked for it by id', async () => {
    const other = await setUpChat(t, 'sweep-other');
    const o = await openConversation(t, other);
    const res = await visitor(t, 'POST', `/api/v1/widget/conversations/${o.contactId}/attachments`, o.token, {
      headers: { 'content-type': 'image/png', 'x-file-name': 'other.png' },
      payload: PNG,
    });
    expect(res.statusCode, res.body).toBe(201);
    const otherId = (res.json() as { id: string }).id;
    const [sent] = await rowIds();
    // The store's delete keeps a linked row whatever it is given.
    const tenantId = w.tenant.tenant.id;
    expect(await t.kefu.db.tx(tenantId, (trx) => attachmentStore.deleteUnsent(trx, tenantId, [sent as string]))).toEqual([]);
    expect(await sweeperAt(25 * HOUR).sweep()).toBe(1);
    const otherTenant = other.tenant.tenant.id;
    const left = await t.kefu.db.tx(otherTenant, (trx) =>
      trx.selectFrom('chat_attachments').select('id').where('tenant_id', '=', otherTenant).where('id', '=', otherId).execute(),
    );
    expect(left).toEqual([]);
    expect(await rowIds()).toEqual([sent]);
  });

  it('should be part of every server (started and stopped with it)', () => {
    expect(t.kefu.uploadSweeper).toBeInstanceOf(UnsentUploadSweeper);
  });
});
