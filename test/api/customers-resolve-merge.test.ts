/**
 * Resolve and merge over both dialects: contacts on any channel reach one profile, resolving is
 * idempotent (and safe under concurrent calls), two owners are reported and never merged silently,
 * and a merge moves identities, keeps the better tier, unions tags and leaves a tombstone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import type { CustomerView, ResolveOutcome } from '../../src/customers/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { customerAudit, customerEvents } from './customer-support.js';
import { expectError, expectInvalidField, snapshotAll } from './support.js';

type ResolveJson = Omit<ResolveOutcome, 'conflicts'> & { conflicts: { kind: string; value: string; customerId: string }[] };

describeStorage('customers resolve and merge', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let key: string;
  const admin = () => acme.tokens.tenant_admin;
  const create = async (body: Record<string, unknown>): Promise<CustomerView> => {
    const res = await t.call('POST', '/api/v1/customers', admin(), body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CustomerView;
  };
  const resolve = async (identities: { kind: string; value: string }[], extra: Record<string, unknown> = {}, token = key) => {
    const res = await t.call('POST', '/api/v1/customers/resolve', token, { identities, ...extra });
    expect([200, 201], res.body).toContain(res.statusCode);
    return { status: res.statusCode, body: res.json() as ResolveJson };
  };
  const unchanged = async (fn: () => Promise<void>): Promise<void> => {
    const before = await snapshotAll(t.kefu, [acme.tenant.id]);
    const events = (await customerEvents(t, acme.tenant.id)).length;
    await fn();
    expect(await snapshotAll(t.kefu, [acme.tenant.id])).toEqual(before);
    expect((await customerEvents(t, acme.tenant.id)).length).toBe(events);
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    const res = await t.call('POST', '/api/v1/api-keys', admin(), {
      name: 'Channel bridge',
      permissions: ['customers.read', 'customers.manage'],
    });
    key = res.json().secret as string;
  });
  afterAll(async () => t?.close());

  describe('resolve', () => {
    it('should create a customer on first sight and find the same one, writing nothing, when resolved again', async () => {
      const ids = [
        { kind: 'web_visitor', value: 'visitor-0001' },
        { kind: 'phone', value: '+86 135 0000 0001' },
      ];
      const first = await resolve(ids, { displayName: 'Web visitor' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: true, conflicts: [], customer: { displayName: 'Web visitor', tier: 'low' } });
      expect(first.body.attached).toEqual([
        { kind: 'web_visitor', value: 'visitor-0001' },
        { kind: 'phone', value: '+8613500000001' },
      ]);
      await unchanged(async () => {
        const again = await resolve([{ kind: 'phone', value: '008613500000001' }, ...ids]);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ created: false, attached: [], conflicts: [] });
        expect(again.body.customer).toEqual(first.body.customer);
      });
      expect((await customerEvents(t, acme.tenant.id, first.body.customer.id)).map((e) => e.type)).toEqual(['customer.created']);
    });

    it('should name a customer met by phone after the phone when no name is given', async () => {
      const r = await resolve([{ kind: 'phone', value: '+86 135 0000 0002' }]);
      expect(r.body.customer.displayName).toBe('+8613500000002');
    });

    it('should attach the identities a known customer lacks when a contact brings a new one', async () => {
      const known = await create({ displayName: 'Known', identities: [{ kind: 'email', value: 'known@example.cn' }] });
      const r = await resolve([
        { kind: 'wechat_openid', value: 'oKnownOpenId0001' },
        { kind: 'email', value: 'KNOWN@example.cn' },
      ]);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ created: false, attached: [{ kind: 'wechat_openid', value: 'oKnownOpenId0001' }], conflicts: [] });
      expect(r.body.customer.id).toBe(known.id);
      expect(r.body.customer.identities.map((i) => i.kind).sort()).toEqual(['email', 'wechat_openid']);
      const events = await customerEvents(t, acme.tenant.id, known.id);
      expect(events.map((e) => e.type)).toEqual(['customer.created', 'customer.identity_added']);
      expect((await customerAudit(t, acme.tenant.id, known.id))[0]?.action).toBe('customer.identity_add');
    });

    it('should return the first owner and report the other without moving anything when two customers own the identities', async () => {
      const byPhone = await create({ displayName: 'By phone', identities: [{ kind: 'phone', value: '+8613500000003' }] });
      const byEmail = await create({ displayName: 'By email', identities: [{ kind: 'email', value: 'split@example.cn' }] });
      const r = await resolve([
        { kind: 'email', value: 'split@example.cn' },
        { kind: 'phone', value: '+8613500000003' },
        { kind: 'app_user', value: 'split-user' },
      ]);
      expect(r.status).toBe(200);
      expect(r.body.customer.id).toBe(byEmail.id);
      expect(r.body.conflicts).toEqual([{ kind: 'phone', value: '+8613500000003', customerId: byPhone.id }]);
      expect(r.body.attached).toEqual([{ kind: 'app_user', value: 'split-user' }]);
      const phoneOwner = (await t.call('GET', `/api/v1/customers/${byPhone.id}`, admin())).json() as CustomerView;
      expect(phoneOwner.identities.map((i) => i.value)).toEqual(['+8613500000003']);
    });

    it('should make exactly one customer when many resolves of a new identity race', async () => {
      const ids = [{ kind: 'phone', value: '+8613500000009' }];
      const results = await Promise.all(Array.from({ length: 6 }, () => resolve(ids)));
      expect(new Set(results.map((r) => r.body.customer.id)).size).toBe(1);
      expect(results.filter((r) => r.body.created)).toHaveLength(1);
      const found = (await t.call('GET', '/api/v1/customers?query=%2B8613500000009', admin())).json();
      expect(found.items).toHaveLength(1);
      expect(await customerEvents(t, acme.tenant.id, results[0]?.body.customer.id)).toHaveLength(1);
    });

    it('should resolve inside a caller transaction and roll back with it when the caller fails', async () => {
      const ctx = systemContext('test', acme.tenant.id);
      const boom = new Error('caller failed');
      await expect(
        t.kefu.db.tx(acme.tenant.id, async (trx) => {
          const r = await t.kefu.services.customers.resolveWithin(trx, ctx, [{ kind: 'app_user', value: 'rolled-back' }]);
          expect(r.created).toBe(true);
          throw boom;
        }),
      ).rejects.toBe(boom);
      const r = await t.kefu.services.customers.resolve(ctx, [{ kind: 'app_user', value: 'rolled-back' }]);
      expect(r.created).toBe(true);
    });
  });

  describe('merge', () => {
    it('should move identities, keep the higher tier, union tags and leave a tombstone when one customer is merged into another', async () => {
      const from = await create({
        displayName: 'Duplicate',
        tier: 'high',
        tags: ['app', 'vip'],
        attributes: { plan: 'gold', city: 'Shenzhen' },
        consent: { sms: true },
        identities: [
          { kind: 'phone', value: '+8613600000001' },
          { kind: 'app_user', value: 'dup-1' },
        ],
      });
      const into = await create({
        displayName: 'Original',
        tier: 'middle',
        tags: ['web'],
        attributes: { city: 'Beijing' },
        identities: [{ kind: 'email', value: 'original@example.cn' }],
      });
      const res = await t.call('POST', `/api/v1/customers/${from.id}/merge`, acme.tokens.agent, { intoId: into.id });
      expect(res.statusCode, res.body).toBe(200);
      const merged = res.json() as CustomerView;
      expect(merged).toMatchObject({
        id: into.id,
        displayName: 'Original',
        tier: 'high',
        tags: ['app', 'vip', 'web'],
        attributes: { city: 'Beijing', plan: 'gold' },
        consent: { sms: true },
        status: 'active',
      });
      expect(merged.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
        'app_user:dup-1',
        'email:original@example.cn',
        'phone:+8613600000001',
      ]);
      const tombstone = (await t.call('GET', `/api/v1/customers/${from.id}`, admin())).json() as CustomerView;
      expect(tombstone).toMatchObject({ status: 'merged', mergedInto: into.id, identities: [], tags: [] });
      // The old identities now resolve to the survivor, and the old id still leads to its tier.
      expect((await resolve([{ kind: 'app_user', value: 'dup-1' }])).body.customer.id).toBe(into.id);
      expect((await t.kefu.services.customers.tierOf(systemContext('test', acme.tenant.id), from.id)).id).toBe('high');
      expect(await t.kefu.services.customers.tierIdOf(systemContext('test', acme.tenant.id), from.id)).toBe('high');
      expect(await t.kefu.services.customers.tierIdOf(systemContext('test', acme.tenant.id), 'cus_00000000000000000000')).toBeNull();
      const ids = async (qs: string) =>
        (await t.call('GET', `/api/v1/customers?${qs}`, admin())).json().items.map((c: CustomerView) => c.id);
      expect(await ids('query=duplicate')).toEqual([]);
      const audit = await customerAudit(t, acme.tenant.id, from.id);
      expect(audit[0]).toMatchObject({ action: 'customer.merge', after: { mergedInto: into.id } });
      const events = await customerEvents(t, acme.tenant.id, into.id);
      expect(events.at(-1)).toMatchObject({
        type: 'customer.merged',
        payload: { fromId: from.id, intoId: into.id, tier: 'high', identitiesMoved: 2 },
      });
    });

    it("should keep the target's tier when the source ranks lower", async () => {
      const from = await create({ displayName: 'Low one', tier: 'low' });
      const into = await create({ displayName: 'Middle one', tier: 'middle' });
      const res = await t.call('POST', `/api/v1/customers/${from.id}/merge`, admin(), { intoId: into.id });
      expect(res.json().tier).toBe('middle');
    });

    it('should point earlier tombstones at the new survivor when a survivor is merged again', async () => {
      const a = await create({ displayName: 'Chain A' });
      const b = await create({ displayName: 'Chain B' });
      const c = await create({ displayName: 'Chain C', tier: 'high' });
      expect((await t.call('POST', `/api/v1/customers/${a.id}/merge`, admin(), { intoId: b.id })).statusCode).toBe(200);
      expect((await t.call('POST', `/api/v1/customers/${b.id}/merge`, admin(), { intoId: c.id })).statusCode).toBe(200);
      expect((await t.call('GET', `/api/v1/customers/${a.id}`, admin())).json().mergedInto).toBe(c.id);
      expect((await t.kefu.services.customers.tierOf(systemContext('test', acme.tenant.id), a.id)).id).toBe('high');
    });

    it('should refuse bad merges with stable codes and change nothing', async () => {
      const a = await create({ displayName: 'Merge A' });
      const b = await create({ displayName: 'Merge B' });
      await t.call('POST', `/api/v1/customers/${b.id}/merge`, admin(), { intoId: a.id });
      await unchanged(async () => {
        expectInvalidField(await t.call('POST', `/api/v1/customers/${a.id}/merge`, admin(), { intoId: a.id }), 'body.intoId');
        const missing = 'cus_00000000000000000000';
        expectError(await t.call('POST', `/api/v1/customers/${a.id}/merge`, admin(), { intoId: missing }), 404, 'NOT_FOUND');
        expectError(await t.call('POST', `/api/v1/customers/${missing}/merge`, admin(), { intoId: a.id }), 404, 'NOT_FOUND');
        expectError(await t.call('POST', `/api/v1/customers/${b.id}/merge`, admin(), { intoId: a.id }), 409, 'CUSTOMER_MERGED');
        const into = await t.call('POST', `/api/v1/customers/${a.id}/merge`, admin(), { intoId: b.id });
        expect(expectError(into, 409, 'CUSTOMER_MERGED').details?.[0]?.field).toBe('body.intoId');
        expectError(await t.call('PATCH', `/api/v1/customers/${b.id}`, admin(), { tier: 'high' }), 409, 'CUSTOMER_MERGED');
        expectError(
          await t.call('POST', `/api/v1/customers/${b.id}/identities`, admin(), { kind: 'app_user', value: 'late' }),
          409,
          'CUSTOMER_MERGED',
        );
      });
    });
  });
});
