/** Reading what the customers capability recorded: its outbox events and audit entries, straight from the store. */
import { systemContext } from '../../src/app/index.js';
import type { AuditEntry } from '../../src/audit/index.js';
import type { TestKefu } from '../helpers/app.js';

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
