/**
 * Group commit and message posting: a message that shares a transaction with an earlier unit that
 * ended its contact (not yet written: the ledger writes at commit) is refused as it would be a
 * moment later, and the ending unit is unaffected.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { ContactLedger } from '../../src/contacts/ledger.js';
import { makeOutbox } from '../../src/platform/events/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('messages inside a group commit', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  it('should refuse a message batched after a unit that closed its contact, and keep the close', async () => {
    const ctx = systemContext('test', acme.tenant.id);
    const { db } = t.kefu;
    const contacts = t.kefu.services.contactCenter.contacts;
    const outbox = makeOutbox(db.dialect);
    const c = await contacts.open(ctx, { channel: 'chat', customerId: null, tier: 'low', subject: null, bot: true });
    const ok = await contacts.postMessage(ctx, c.id, { clientMessageId: 'm-1', body: 'before', authorKind: 'customer', authorId: null });
    expect(ok.message.seq).toBe(1);
    // Submitted in the same turn, so one transaction: the close first, then the message.
    const closing = db.group(acme.tenant.id, async (trx) => {
      const ledger = ContactLedger.of(trx, outbox);
      const row = await ledger.get(acme.tenant.id, c.id);
      if (!row) throw new Error('contact missing');
      await ledger.move(row, { to: 'closed', at: Date.now(), actor: 'test' });
    });
    const posting = contacts.postMessage(ctx, c.id, {
      clientMessageId: 'm-2',
      body: 'after close',
      authorKind: 'customer',
      authorId: null,
    });
    const [closed, posted] = await Promise.allSettled([closing, posting]);
    expect(closed.status).toBe('fulfilled');
    expect(posted.status).toBe('rejected');
    if (posted.status === 'rejected') expect(posted.reason).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await contacts.get(ctx, c.id)).state).toBe('closed');
    expect((await contacts.messages(ctx, c.id, 0, 10)).map((m) => m.body)).toEqual(['before']);
  });

  // Needs a second connection while the batch's transaction is open: PostgreSQL's pool has one,
  // SQLite's single connection serialises whole transactions (there the case cannot arise).
  it.runIf(target.dialect === 'postgres')(
    'should decide on a close committed meanwhile, not on an older copy the batch read earlier (PostgreSQL only: SQLite serialises whole transactions)',
    async () => {
      const ctx = systemContext('test', acme.tenant.id);
      const { db } = t.kefu;
      const contacts = t.kefu.services.contactCenter.contacts;
      const outbox = makeOutbox(db.dialect);
      const c = await contacts.open(ctx, { channel: 'chat', customerId: null, tier: 'low', subject: null, bot: true });
      // Unit one only reads the contact through the ledger; before it ends, another transaction closes it.
      const reading = db.group(acme.tenant.id, async (trx) => {
        await ContactLedger.of(trx, outbox).get(acme.tenant.id, c.id);
        await db.tx(acme.tenant.id, async (other) => {
          const ledger = ContactLedger.of(other, outbox);
          const row = await ledger.get(acme.tenant.id, c.id);
          if (!row) throw new Error('contact missing');
          await ledger.move(row, { to: 'closed', at: Date.now(), actor: 'test' });
        });
      });
      const posting = contacts.postMessage(ctx, c.id, {
        clientMessageId: 'p-1',
        body: 'after close',
        authorKind: 'customer',
        authorId: null,
      });
      const [, posted] = await Promise.allSettled([reading, posting]);
      expect(posted.status).toBe('rejected');
      expect((await contacts.messages(ctx, c.id, 0, 10)).map((m) => m.body)).toEqual([]);
    },
  );
});
