/**
 * An outbox row as a delivered event. Used for rows read back by the dispatcher and for rows
 * handed over by the commit that wrote them, so subscribers get the same thing either way: the
 * payload as parsed from the stored JSON.
 */
import type { DeliveredEvent } from '../../kernel/index.js';

/** The outbox row shape, as read or as written with its generated id. */
export interface OutboxRowLike {
  readonly id: number | string;
  readonly tenant_id: string;
  readonly type: string;
  readonly aggregate_type: string;
  readonly aggregate_id: string;
  readonly payload: string;
  readonly occurred_at: number | string;
}

/** Frozen (the event and its payload's top level): one object serves every subscriber and retry. */
export const deliveredEvent = (row: OutboxRowLike): DeliveredEvent =>
  Object.freeze({
    id: Number(row.id),
    tenantId: row.tenant_id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: Object.freeze(JSON.parse(row.payload) as Record<string, unknown>),
    occurredAt: Number(row.occurred_at),
  });
