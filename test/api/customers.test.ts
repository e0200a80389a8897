/**
 * The customers API over both dialects: profiles (create, read, search, change), identities (unique
 * per tenant, normalised) and the tier list. Resolve and merge, and access and bad input, have their
 * own suites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import type { CustomerView } from '../../src/customers/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { customerAudit, customerEvents, customerHelpers } from './customer-support.js';
import { expectError } from './support.js';

describeStorage('customers API', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let other: SeededTenant;
  let readOnlyKey: string;
  const { admin, create, unchanged, mintKey } = customerHelpers(() => ({ t, acme, other }));

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    other = await t.seedTenant('other');
    readOnlyKey = await mintKey(['customers.read']);
  });
  afterAll(async () => t?.close());

  describe('profiles', () => {
    it('should create a customer with normalised identities, tags and the lowest tier when given a new profile', async () => {
      const c = await create({
        displayName: '  Li Wei ',
        tags: ['VIP', ' vip', 'Beijing'],
        attributes: { city: 'Beijing', orders: 3, app: true },
        consent: { sms: true },
        identities: [
          { kind: 'phone', value: '+86 138-0013-8000' },
          { kind: 'email', value: 'Li.Wei@Example.CN' },
        ],
      });
      expect(c).toMatchObject({
        displayName: 'Li Wei',
        tier: 'low',
        tags: ['beijing', 'vip'],
        attributes: { app: true, city: 'Beijing', orders: 3 },
        consent: { marketing: false, sms: true, email: false, phone: false },
        status: 'active',
        mergedInto: null,
      });
      expect(c.id).toMatch(/^cus_[0-9a-z]{20}$/);
      expect(c.consent.updatedAt).toBe(c.createdAt);
      expect(c.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(['email:li.wei@example.cn', 'phone:+8613800138000']);

      const read = await t.call('GET', `/api/v1/customers/${c.id}`, acme.tokens.agent);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(c);
      const audit = await customerAudit(t, acme.tenant.id, c.id);
      expect(audit.map((e) => e.action)).toEqual(['customer.create']);
      expect(audit[0]?.actor.id).toBe(acme.users.tenant_admin.id);
      const events = await customerEvents(t, acme.tenant.id, c.id);
      expect(events.map((e) => e.type)).toEqual(['customer.created']);
      expect(events[0]?.payload).toEqual({
        tier: 'low',
        identities: [
          { kind: 'phone', value: '+8613800138000' },
          { kind: 'email', value: 'li.wei@example.cn' },
        ],
      });
    });

    it('should change only what a patch names and record the change when a profile is patched', async () => {
      const c = await create({ displayName: 'Wang Fang', attributes: { city: 'Shanghai', orders: 1 }, tags: ['new'] });
      const res = await t.call('PATCH', `/api/v1/customers/${c.id}`, acme.tokens.supervisor, {
        tier: 'high',
        tags: ['Gold', 'app'],
        attributes: { orders: 2, city: null, plan: 'gold' },
        consent: { marketing: true },
      });
      expect(res.statusCode, res.body).toBe(200);
      const patched = res.json() as CustomerView;
      expect(patched).toMatchObject({
        displayName: 'Wang Fang',
        tier: 'high',
        tags: ['app', 'gold'],
        attributes: { orders: 2, plan: 'gold' },
        consent: { marketing: true },
      });
      expect(patched.consent.updatedAt).toEqual(expect.any(Number));
      expect((await t.call('GET', `/api/v1/customers/${c.id}`, admin())).json()).toEqual(patched);
      const audit = await customerAudit(t, acme.tenant.id, c.id);
      expect(audit.map((e) => e.action)).toEqual(['customer.update', 'customer.create']);
      expect(audit[0]?.before).toMatchObject({ tier: 'low', tags: ['new'] });
      expect(audit[0]?.after).toMatchObject({ tier: 'high', tags: ['app', 'gold'] });
      const events = await customerEvents(t, acme.tenant.id, c.id);
      expect(events.at(-1)?.payload).toEqual({ changed: ['tier', 'tags', 'attributes', 'consent'], tier: 'high' });
    });

    it('should write nothing when a patch changes nothing', async () => {
      const c = await create({ displayName: 'Zhao Lei', tags: ['a'], consent: { email: true } });
      await unchanged(async () => {
        const res = await t.call('PATCH', `/api/v1/customers/${c.id}`, admin(), {
          displayName: 'Zhao Lei ',
          tags: ['A'],
          consent: { email: true },
          attributes: { gone: null },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(c);
      });
    });

    it('should find customers by name prefix, identity prefix, tier and tag when searching', async () => {
      const a = await create({
        displayName: 'Searchable Sun',
        tier: 'middle',
        tags: ['findme'],
        identities: [
          { kind: 'phone', value: '+44 20 7946 0018' },
          { kind: 'wechat_openid', value: 'oSearchOpenId12345' },
        ],
      });
      const b = await create({ displayName: 'searchable Song', tags: ['findme'], identities: [{ kind: 'email', value: 'song@find.me' }] });
      const ids = async (qs: string) => {
        const res = await t.call('GET', `/api/v1/customers?${qs}`, acme.tokens.agent);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { items: CustomerView[] }).items.map((c) => c.id);
      };
      expect(await ids('query=SEARCHABLE')).toEqual([b.id, a.id]);
      expect(await ids('query=searchable%20su')).toEqual([a.id]);
      expect(await ids(`query=${encodeURIComponent('44 20 79')}`)).toEqual([a.id]);
      expect(await ids('query=%2B442079')).toEqual([a.id]);
      expect(await ids('query=SONG%40FIND')).toEqual([b.id]);
      expect(await ids('query=oSearch')).toEqual([a.id]);
      expect(await ids('query=osearch')).toEqual([]);
      expect(await ids('query=100%25')).toEqual([]);
      expect(await ids('tag=FINDME')).toEqual([b.id, a.id]);
      expect(await ids('tag=findme&tier=middle')).toEqual([a.id]);
      expect(await ids('query=searchable&tier=high')).toEqual([]);
    });

    it('should page newest first with nextBefore when there are more customers than the limit', async () => {
      const made = [];
      for (const n of [1, 2, 3]) made.push(await create({ displayName: `Paged ${n}`, tags: ['paged'] }));
      const first = (await t.call('GET', '/api/v1/customers?tag=paged&limit=2', admin())).json();
      expect(first.items.map((c: CustomerView) => c.id)).toEqual([made[2]?.id, made[1]?.id]);
      expect(first.nextBefore).toBe(made[1]?.id);
      const second = (await t.call('GET', `/api/v1/customers?tag=paged&limit=2&before=${first.nextBefore}`, admin())).json();
      expect(second).toEqual({ items: [expect.objectContaining({ id: made[0]?.id })], nextBefore: null });
    });

    it('should answer 404 when the customer does not exist', async () => {
      expectError(await t.call('GET', '/api/v1/customers/cus_00000000000000000000', admin()), 404, 'NOT_FOUND');
      expectError(await t.call('PATCH', '/api/v1/customers/cus_00000000000000000000', admin(), { tier: 'high' }), 404, 'NOT_FOUND');
    });
  });

  describe('identities', () => {
    it('should let two tenants hold the same phone and email when each has its own customer', async () => {
      const identities = [
        { kind: 'phone', value: '+8613900139000' },
        { kind: 'email', value: 'shared@example.cn' },
      ];
      const mine = await create({ displayName: 'Acme side', identities });
      const theirs = await create({ displayName: 'Other side', identities }, other.tokens.tenant_admin);
      expect(theirs.id).not.toBe(mine.id);
      expect((await t.call('GET', `/api/v1/customers/${theirs.id}`, admin())).statusCode).toBe(404);
      const search = (await t.call('GET', '/api/v1/customers?query=shared%40', admin())).json();
      expect(search.items.map((c: CustomerView) => c.id)).toEqual([mine.id]);
    });

    it("should answer 404 and change nothing when a customer is merged into, or from, another tenant's customer", async () => {
      const mine = await create({ displayName: 'Mine to merge' });
      const theirs = await create({ displayName: 'Theirs to keep' }, other.tokens.tenant_admin);
      await unchanged(async () => {
        expectError(await t.call('POST', `/api/v1/customers/${mine.id}/merge`, admin(), { intoId: theirs.id }), 404, 'NOT_FOUND');
        expectError(await t.call('POST', `/api/v1/customers/${theirs.id}/merge`, admin(), { intoId: mine.id }), 404, 'NOT_FOUND');
      });
    });

    it('should refuse with 409 IDENTITY_TAKEN and create nothing when a new customer names a held identity', async () => {
      await create({ displayName: 'Holder', identities: [{ kind: 'email', value: 'held@example.cn' }] });
      await unchanged(async () => {
        const res = await t.call('POST', '/api/v1/customers', admin(), {
          displayName: 'Latecomer',
          identities: [
            { kind: 'web_visitor', value: 'visitor-late' },
            { kind: 'email', value: ' HELD@example.cn' },
          ],
        });
        const e = expectError(res, 409, 'IDENTITY_TAKEN');
        expect(e.details?.[0]?.field).toBe('body.identities.1.value');
      });
    });

    it('should attach, repeat harmlessly and detach an identity when asked', async () => {
      const c = await create({ displayName: 'Attach me' });
      const url = `/api/v1/customers/${c.id}/identities`;
      const added = await t.call('POST', url, acme.tokens.agent, { kind: 'phone', value: '00 1 415 555 0199' });
      expect(added.statusCode, added.body).toBe(201);
      expect((added.json() as CustomerView).identities.map((i) => i.value)).toEqual(['+14155550199']);
      await unchanged(async () => {
        expect((await t.call('POST', url, acme.tokens.agent, { kind: 'phone', value: '+14155550199' })).statusCode).toBe(200);
      });
      const other = await create({ displayName: 'Rival' });
      await unchanged(async () => {
        const taken = await t.call('POST', `/api/v1/customers/${other.id}/identities`, admin(), {
          kind: 'phone',
          value: '+1 415 555 0199',
        });
        expectError(taken, 409, 'IDENTITY_TAKEN');
      });
      const removed = await t.call('DELETE', `${url}/phone/${encodeURIComponent('+14155550199')}`, acme.tokens.agent);
      expect(removed.statusCode, removed.body).toBe(204);
      expect((await t.call('GET', `/api/v1/customers/${c.id}`, admin())).json().identities).toEqual([]);
      expectError(await t.call('DELETE', `${url}/phone/${encodeURIComponent('+14155550199')}`, admin()), 404, 'NOT_FOUND');
      // Freed, the identity may now go to the other customer.
      expect(
        (await t.call('POST', `/api/v1/customers/${other.id}/identities`, admin(), { kind: 'phone', value: '+14155550199' })).statusCode,
      ).toBe(201);
      const events = await customerEvents(t, acme.tenant.id, c.id);
      expect(events.map((e) => e.type)).toEqual(['customer.created', 'customer.identity_added', 'customer.identity_removed']);
      expect((await customerAudit(t, acme.tenant.id, c.id)).map((e) => e.action)).toEqual([
        'customer.identity_remove',
        'customer.identity_add',
        'customer.create',
      ]);
    });

    it('should answer 404 when an identity is detached from a customer that does not hold it', async () => {
      const holder = await create({ displayName: 'Keeps it', identities: [{ kind: 'app_user', value: 'u-77' }] });
      const stranger = await create({ displayName: 'Stranger' });
      await unchanged(async () => {
        expectError(await t.call('DELETE', `/api/v1/customers/${stranger.id}/identities/app_user/u-77`, admin()), 404, 'NOT_FOUND');
        expectError(await t.call('DELETE', `/api/v1/customers/${holder.id}/identities/email/not%20an%20email`, admin()), 404, 'NOT_FOUND');
      });
    });
  });

  describe('tiers', () => {
    it('should list the default tiers highest first and mark the lowest as the default when a tenant has none of its own', async () => {
      const res = await t.call('GET', '/api/v1/customer-tiers', readOnlyKey);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          { id: 'high', name: 'High', rank: 1, isDefault: false },
          { id: 'middle', name: 'Middle', rank: 2, isDefault: false },
          { id: 'low', name: 'Low', rank: 3, isDefault: true },
        ],
      });
    });

    it("should replace a tenant's tiers, keep tiers in use and refuse an unknown tier afterwards", async () => {
      const gamma = await t.seedTenant('gamma');
      const token = gamma.tokens.tenant_admin;
      const c = await create({ displayName: 'Tiered', tier: 'middle' }, token);
      const inUse = await t.call('PUT', '/api/v1/customer-tiers', token, {
        tiers: [
          { id: 'high', name: 'High' },
          { id: 'low', name: 'Low' },
        ],
      });
      const e = expectError(inUse, 409, 'TIER_IN_USE');
      expect(e.message).toContain('"middle"');
      const tiers = [
        { id: 'platinum', name: 'Platinum' },
        { id: 'middle', name: 'Standard' },
        { id: 'low', name: 'Basic' },
      ];
      const put = await t.call('PUT', '/api/v1/customer-tiers', token, { tiers });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().items.map((x: { id: string; rank: number }) => `${x.rank}:${x.id}`)).toEqual(['1:platinum', '2:middle', '3:low']);
      // The same list again is a no-op: no second audit entry.
      expect((await t.call('PUT', '/api/v1/customer-tiers', token, { tiers })).statusCode).toBe(200);
      const audit = await t.kefu.services.audit.list(systemContext('test', gamma.tenant.id), {
        limit: 50,
        before: null,
        action: 'customer_tiers.update',
      });
      expect(audit.items).toHaveLength(1);
      expect((await t.call('PATCH', `/api/v1/customers/${c.id}`, token, { tier: 'platinum' })).json().tier).toBe('platinum');
      const unknown = await t.call('PATCH', `/api/v1/customers/${c.id}`, token, { tier: 'high' });
      expect(expectError(unknown, 422, 'UNKNOWN_TIER').details?.[0]?.field).toBe('body.tier');
      expect(await t.kefu.services.customers.tierOf(systemContext('test', gamma.tenant.id), c.id)).toEqual({
        id: 'platinum',
        name: 'Platinum',
        rank: 1,
      });
      // Another tenant still has the defaults.
      expect((await t.call('GET', '/api/v1/customer-tiers', admin())).json().items.map((x: { id: string }) => x.id)).toEqual([
        'high',
        'middle',
        'low',
      ]);
    });
  });
});
