/**
 * Who may do what with customers, and bad input, over both dialects: each role and API key against
 * the customers routes, and malformed or smuggled input refused with a stable code, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { customerAudit, customerHelpers } from './customer-support.js';
import { expectError, expectInvalidField } from './support.js';

describeStorage('customers access and bad input', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let other: SeededTenant;
  let key: string;
  let readOnlyKey: string;
  const { admin, create, unchanged, mintKey } = customerHelpers(() => ({ t, acme, other }));

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    other = await t.seedTenant('other');
    key = await mintKey(['customers.read', 'customers.manage']);
    readOnlyKey = await mintKey(['customers.read']);
  });
  afterAll(async () => t?.close());

  describe('permissions', () => {
    const body = () => ({ displayName: 'By role' });
    it.each([
      ['tenant_admin', 201, 200],
      ['supervisor', 201, 403],
      ['agent', 201, 403],
    ] as const)('should let a %s create customers (%s) and replace tiers (%s)', async (role, createStatus, tierStatus) => {
      const token = acme.tokens[role];
      expect((await t.call('POST', '/api/v1/customers', token, body())).statusCode).toBe(createStatus);
      expect((await t.call('GET', '/api/v1/customers', token)).statusCode).toBe(200);
      const tiers = (await t.call('GET', '/api/v1/customer-tiers', token))
        .json()
        .items.map(({ id, name }: { id: string; name: string }) => ({ id, name }));
      const res = await t.call('PUT', '/api/v1/customer-tiers', token, { tiers });
      if (tierStatus === 403) expectError(res, 403, 'FORBIDDEN');
      else expect(res.statusCode).toBe(tierStatus);
    });

    it('should let an integration key create and resolve customers but not replace tiers', async () => {
      const made = await t.call('POST', '/api/v1/customers', key, {
        displayName: 'From CRM',
        identities: [{ kind: 'app_user', value: 'crm-1' }],
      });
      expect(made.statusCode).toBe(201);
      const resolved = await t.call('POST', '/api/v1/customers/resolve', key, { identities: [{ kind: 'app_user', value: 'crm-1' }] });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json().customer.id).toBe(made.json().id);
      const audit = await customerAudit(t, acme.tenant.id, made.json().id);
      expect(audit[0]?.actor.kind).toBe('api_key');
      expectError(await t.call('PUT', '/api/v1/customer-tiers', key, { tiers: [{ id: 'low', name: 'Low' }] }), 403, 'FORBIDDEN');
    });

    it('should refuse every write with 403 and change nothing when a key may only read customers', async () => {
      const c = await create({ displayName: 'Read only target' });
      await unchanged(async () => {
        expect((await t.call('GET', `/api/v1/customers/${c.id}`, readOnlyKey)).statusCode).toBe(200);
        expectError(await t.call('POST', '/api/v1/customers', readOnlyKey, body()), 403, 'FORBIDDEN');
        expectError(await t.call('PATCH', `/api/v1/customers/${c.id}`, readOnlyKey, { tier: 'high' }), 403, 'FORBIDDEN');
        expectError(
          await t.call('POST', '/api/v1/customers/resolve', readOnlyKey, { identities: [{ kind: 'app_user', value: 'ro' }] }),
          403,
          'FORBIDDEN',
        );
      });
    });

    it('should refuse the operator and anonymous callers', async () => {
      const op = await t.operatorToken();
      expectError(await t.call('GET', '/api/v1/customers', op), 403, 'FORBIDDEN');
      expectError(await t.call('GET', '/api/v1/customer-tiers', op), 403, 'FORBIDDEN');
      expectError(await t.call('GET', '/api/v1/customers', null), 401, 'UNAUTHENTICATED');
    });
  });

  describe('bad input', () => {
    const ID = 'cus_00000000000000000000';
    it.each([
      ['a smuggled tenant_id', 'POST', '/api/v1/customers', { displayName: 'X', tenant_id: 'tn_x' }, 'body.tenant_id'],
      ['a smuggled id', 'POST', '/api/v1/customers', { displayName: 'X', id: 'cus_mine' }, 'body.id'],
      ['a blank name', 'POST', '/api/v1/customers', { displayName: '   ' }, 'body.displayName'],
      [
        'a bad phone',
        'POST',
        '/api/v1/customers',
        { displayName: 'X', identities: [{ kind: 'phone', value: '0123' }] },
        'body.identities.0.value',
      ],
      [
        'an unknown identity kind',
        'POST',
        '/api/v1/customers',
        { displayName: 'X', identities: [{ kind: 'fax', value: '1' }] },
        'body.identities.0.kind',
      ],
      [
        'an object attribute',
        'POST',
        '/api/v1/customers',
        { displayName: 'X', attributes: { nested: { a: 1 } } },
        'body.attributes.nested',
      ],
      [
        'a bad attribute name',
        'POST',
        '/api/v1/customers',
        { displayName: 'X', attributes: { 'no spaces': 1 } },
        'body.attributes.no spaces',
      ],
      ['an unknown consent channel', 'POST', '/api/v1/customers', { displayName: 'X', consent: { fax: true } }, 'body.consent.fax'],
      ['a string for tags', 'POST', '/api/v1/customers', { displayName: 'X', tags: 'vip' }, 'body.tags'],
      ['an empty patch', 'PATCH', `/api/v1/customers/${ID}`, {}, 'body'],
      ['a status in a patch', 'PATCH', `/api/v1/customers/${ID}`, { status: 'merged' }, 'body.status'],
      ['no identities to resolve', 'POST', '/api/v1/customers/resolve', { identities: [] }, 'body.identities'],
      [
        'a bad email to resolve',
        'POST',
        '/api/v1/customers/resolve',
        { identities: [{ kind: 'email', value: 'nope' }] },
        'body.identities.0.value',
      ],
      ['a merge without intoId', 'POST', `/api/v1/customers/${ID}/merge`, {}, 'body'],
      ['a tier list with a bad id', 'PUT', '/api/v1/customer-tiers', { tiers: [{ id: 'Gold!', name: 'Gold' }] }, 'body.tiers.0.id'],
      [
        'a tier list with a repeated id',
        'PUT',
        '/api/v1/customer-tiers',
        {
          tiers: [
            { id: 'a', name: 'A' },
            { id: 'a', name: 'B' },
          ],
        },
        'body.tiers.1.id',
      ],
      ['an unknown query parameter', 'GET', '/api/v1/customers?tenantId=tn_x', undefined, 'querystring.tenantId'],
      ['a zero limit', 'GET', '/api/v1/customers?limit=0', undefined, 'querystring.limit'],
    ])('should refuse %s with 400 naming the field and change nothing', async (_name, method, url, body, field) => {
      await unchanged(async () => {
        const res = await t.call(method, url, admin(), body);
        expectInvalidField(res, field);
      });
    });

    it('should refuse an unknown tier with 422 UNKNOWN_TIER and create nothing', async () => {
      await unchanged(async () => {
        const res = await t.call('POST', '/api/v1/customers', admin(), { displayName: 'X', tier: 'diamond' });
        expect(expectError(res, 422, 'UNKNOWN_TIER').details?.[0]).toEqual({
          field: 'body.tier',
          issue: 'must be one of high, middle, low',
        });
      });
    });

    it('should refuse an unknown identity kind in the path with 400', async () => {
      const c = await create({ displayName: 'Path kinds' });
      expectInvalidField(await t.call('DELETE', `/api/v1/customers/${c.id}/identities/fax/123`, admin()), 'params.kind');
    });
  });
});
