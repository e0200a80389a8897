/** Queries of the audit_log table; always keyed by tenant. */
import type { Transaction } from 'kysely';
import type { AuditLogTable, DB } from '../platform/db/index.js';

export const insertAudit = async (trx: Transaction<DB>, row: AuditLogTable): Promise<void> => {
  await trx.insertInto('audit_log').values(row).execute();
};

export interface AuditQuery {
  readonly limit: number;
  readonly before: string | null;
  readonly action: string | null;
}

export const listAudit = (trx: Transaction<DB>, tenantId: string, q: AuditQuery): Promise<AuditLogTable[]> => {
  let query = trx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  // Ids are time-ordered, so "before this id" pages backwards through time.
  if (q.before) query = query.where('id', '<', q.before);
  if (q.action) query = query.where('action', '=', q.action);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
};
