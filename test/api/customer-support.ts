/** Reading what the customers capability recorded: its outbox events and audit entries, straight from the store. */

import { expect } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import type { AuditEntry } from '../../src/audit/index.js';
import type { CustomerView } from '../../src/customers/index.js';
import type { SeededTenant, TestKefu } from '../helpers/app.js';
import { snapshotAll } from './support.js';

export interface StoredEvent {
  readonly type: string;
  readonly aggregateId: string;
  readonly payload: Record<string, unknown>;
}

/** The customer events of a tenant in commit order, optionally of one aggregate. */
export const customerEvents = async (t: TestKefu, tenantId: string, aggregateId?: string): Promise<StoredEvent[]> => {
  const rows = await t.kefu.db.tx(tenantId, (trx) => {
    let q = trx
      .selectFrom('outbox')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('aggregate_type', 'in', ['customer', 'customer_tiers']);
    if (aggregateId) q = q.where('aggregate_id', '=', aggregateId);
    return q.orderBy('id').execute();
  });
  return rows.map((r) => ({ type: r.type, aggregateId: r.aggregate_id, payload: JSON.parse(r.payload) as Record<string, unknown> }));
};

/** The audit entries about one customer, newest first. */
export const customerAudit = async (t: TestKefu, tenantId: string, customerId: string): Promise<AuditEntry[]> => {
  const page = await t.kefu.services.audit.list(systemContext('test', tenantId), { limit: 200, before: null, action: null });
  return page.items.filter((e) => e.targetType === 'customer' && e.targetId === customerId);
};

/**
 * The helpers the customers suites share. The world is read through `get` at call time, because
 * the suites create it in beforeAll, after these helpers are made.
 */
export const customerHelpers = (get: () => { t: TestKefu; acme: SeededTenant; other: SeededTenant }) => {
  const admin = () => get().acme.tokens.tenant_admin;
  const create = async (body: Record<string, unknown>, token = admin()): Promise<CustomerView> => {
    const res = await get().t.call('POST', '/api/v1/customers', token, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CustomerView;
  };
  /** Runs `fn` and asserts it changed nothing in either tenant and emitted no customer event. */
  const unchanged = async (fn: () => Promise<void>): Promise<void> => {
    const { t, acme, other } = get();
    const before = await snapshotAll(t.kefu, [acme.tenant.id, other.tenant.id]);
    const events = (await customerEvents(t, acme.tenant.id)).length;
    await fn();
    expect(await snapshotAll(t.kefu, [acme.tenant.id, other.tenant.id])).toEqual(before);
    expect((await customerEvents(t, acme.tenant.id)).length).toBe(events);
  };
  const mintKey = async (permissions: string[]): Promise<string> => {
    const res = await get().t.call('POST', '/api/v1/api-keys', admin(), { name: `Key ${permissions.join(' ')}`, permissions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().secret as string;
  };
  return { admin, create, unchanged, mintKey };
};
