/**
 * Opening a contact by the identities a channel knows (an SMS gateway: the phone number): the
 * contact attaches to the customer owning them, or to a new one created with them, so every
 * channel's contacts of one person meet in one profile. Bad combinations change nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError } from './support.js';

describeStorage('contacts opened by identity', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let gateway: string;
  let narrowKey: string;

  const mintKey = async (permissions: string[]) => {
    const res = await t.call('POST', '/api/v1/api-keys', acme.tokens.tenant_admin, { name: permissions.join(' '), permissions });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { secret: string }).secret;
  };
  const open = (token: string, body: object) => t.call('POST', '/api/v1/contacts', token, { channel: 'sms', ...body });
  const counts = async () => {
    const tenantId = acme.tenant.id;
    return t.kefu.db.tx(tenantId, async (trx) => ({
      contacts: (await trx.selectFrom('contacts').select('id').where('tenant_id', '=', tenantId).execute()).length,
      customers: (await trx.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).execute()).length,
    }));
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    gateway = await mintKey(['contacts.write', 'contacts.read', 'customers.manage', 'customers.read']);
    narrowKey = await mintKey(['contacts.write']);
  });
  afterAll(async () => t?.close());

  it('should create the customer on first contact and attach every later contact with that identity to it', async () => {
    const first = await open(gateway, { identities: [{ kind: 'phone', value: '+86 138 0013 8000' }], customerName: '王小明' });
    expect(first.statusCode, first.body).toBe(201);
    const customerId = (first.json() as { customerId: string }).customerId;
    expect(customerId).toMatch(/^cus_/);
    const customer = (await t.call('GET', `/api/v1/customers/${customerId}`, gateway)).json() as {
      displayName: string;
      identities: { kind: string; value: string }[];
    };
    expect(customer.displayName).toBe('王小明');
    expect(customer.identities).toEqual([expect.objectContaining({ kind: 'phone', value: '+8613800138000' })]);
    // The same number written differently reaches the same profile; no second customer.
    const before = await counts();
    const again = await open(gateway, { identities: [{ kind: 'phone', value: '+8613800138000' }] });
    expect(again.statusCode, again.body).toBe(201);
    expect((again.json() as { customerId: string }).customerId).toBe(customerId);
    expect(await counts()).toEqual({ contacts: before.contacts + 1, customers: before.customers });
  });

  it('should refuse customerId with identities, a customerName alone, a bad identity, a key without customers.manage and an unknown queue, changing nothing', async () => {
    const before = await counts();
    const phone = [{ kind: 'phone', value: '+8613900139000' }];
    expectError(await open(gateway, { identities: phone, customerId: 'cus_00000000000000000000' }), 400, 'VALIDATION_FAILED');
    expectError(await open(gateway, { customerName: 'Nobody' }), 400, 'VALIDATION_FAILED');
    expectError(await open(gateway, { identities: [{ kind: 'phone', value: 'not a number' }] }), 400, 'VALIDATION_FAILED');
    expectError(await open(gateway, { identities: [{ kind: 'fax', value: '123' }] }), 400, 'VALIDATION_FAILED');
    expectError(await open(gateway, { identities: [] }), 400, 'VALIDATION_FAILED');
    expectError(await open(narrowKey, { identities: phone }), 403, 'FORBIDDEN');
    // A queue the open would refuse is refused before the identities resolve: no customer is left behind.
    expectError(await open(gateway, { identities: phone, queueId: 'que_00000000000000000000' }), 422, 'UNKNOWN_QUEUE');
    expect(await counts()).toEqual(before);
  });
});
