/**
 * The events customers emits and the one helper that writes a change's audit entry and events in
 * the caller's transaction, so no use case can record one without the other.
 */
import type { Transaction } from 'kysely';
import type { AuditChange } from '../audit/index.js';
import type { DomainEvent, TenantContext } from '../kernel/index.js';
import type { DB } from '../platform/db/index.js';
import type { CustomersDeps } from './deps.js';

export const CUSTOMER_EVENTS = {
  /** payload: { tier, identities: [{ kind, value }] } */
  created: 'customer.created',
  /** payload: { changed: field names, tier } */
  updated: 'customer.updated',
  /** aggregate: the surviving customer; payload: { fromId, intoId, tier, identitiesMoved } */
  merged: 'customer.merged',
  /** payload: { kind, value } */
  identityAdded: 'customer.identity_added',
  /** payload: { kind, value } */
  identityRemoved: 'customer.identity_removed',
  /** aggregate: customer_tiers, id = tenant id; payload: { tiers: ids highest first } */
  tiersUpdated: 'customer.tiers_updated',
} as const;

export type CustomerEventType = (typeof CUSTOMER_EVENTS)[keyof typeof CUSTOMER_EVENTS];

export const customerEvent = (type: CustomerEventType, customerId: string, payload: Record<string, unknown>): DomainEvent => ({
  type,
  aggregateType: 'customer',
  aggregateId: customerId,
  payload,
});

export const recordChange = async (
  d: CustomersDeps,
  trx: Transaction<DB>,
  ctx: TenantContext,
  now: number,
  change: AuditChange,
  events: readonly DomainEvent[],
): Promise<void> => {
  await d.audit.record(trx, ctx, ctx.tenantId, change, now);
  await d.outbox.append(trx, ctx.tenantId, events, now);
};
