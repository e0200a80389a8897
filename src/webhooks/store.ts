/**
 * Queries of webhooks and their deliveries. Every query names the tenant first, except `due`,
 * the delivery worker's one cross-tenant scan (ADR 0008), which runs in the platform scope.
 */
import { sql, type Transaction } from 'kysely';
import type { DB, WebhookDeliveriesTable, WebhooksTable } from '../platform/db/index.js';

type Trx = Transaction<DB>;
type DeliveryStatus = WebhookDeliveriesTable['status'];

export const webhookStore = {
  list: (trx: Trx, tenantId: string) => trx.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute(),
  active: (trx: Trx, tenantId: string) =>
    trx
      .selectFrom('webhooks')
      .select(['id', 'events', 'active', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', 1)
      .orderBy('id')
      .execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  count: async (trx: Trx, tenantId: string): Promise<number> => {
    const r = await trx
      .selectFrom('webhooks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  insert: (trx: Trx, row: WebhooksTable) => trx.insertInto('webhooks').values(row).execute(),
  update: (
    trx: Trx,
    tenantId: string,
    id: string,
    patch: Partial<Pick<WebhooksTable, 'url' | 'events' | 'active' | 'description' | 'secret' | 'updated_at'>>,
  ) => trx.updateTable('webhooks').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  remove: (trx: Trx, tenantId: string, id: string) =>
    trx.deleteFrom('webhooks').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /**
   * Hands out the next sequence number of the webhook's line. The update also takes the
   * webhook's row lock on PostgreSQL, which serialises everything that changes the line.
   */
  takeSeq: async (trx: Trx, tenantId: string, id: string): Promise<number | null> => {
    const r = await trx
      .updateTable('webhooks')
      .set({ last_seq: sql`last_seq + 1` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returning('last_seq')
      .executeTakeFirst();
    return r ? Number(r.last_seq) : null;
  },
  /** Takes the webhook's row lock without changing it (a no-op on SQLite, which has one writer). */
  lockLine: async (trx: Trx, tenantId: string, id: string): Promise<boolean> => {
    const r = await trx
      .updateTable('webhooks')
      .set({ last_seq: sql`last_seq` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};

export interface DeliveryPageQuery {
  readonly status?: DeliveryStatus;
  readonly beforeSeq?: number;
  readonly limit: number;
}

export const deliveryStore = {
  insert: (trx: Trx, row: WebhookDeliveriesTable) => trx.insertInto('webhook_deliveries').values(row).execute(),
  /**
   * Deletes up to `limit` of the tenant's finished deliveries (delivered or failed) with ids below
   * `beforeId`; pending ones stay whatever their age (the line and retries need them).
   */
  pruneFinishedBefore: async (trx: Trx, tenantId: string, beforeId: string, limit: number): Promise<number> => {
    const r = await trx
      .deleteFrom('webhook_deliveries')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '<', beforeId)
          .where('status', '!=', 'pending')
          .orderBy('id')
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  /** The status of the webhook's latest event delivery: 'pending' means its line is not empty. */
  latestEventStatus: async (trx: Trx, tenantId: string, webhookId: string): Promise<DeliveryStatus | null> => {
    const r = await trx
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', webhookId)
      .where('event_id', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.status ?? null;
  },
  /** The first event delivery still waiting behind `afterSeq`, which becomes the new head. */
  nextInLine: (trx: Trx, tenantId: string, webhookId: string, afterSeq: number) =>
    trx
      .selectFrom('webhook_deliveries')
      .select(['id'])
      .where('tenant_id', '=', tenantId)
      .where('webhook_id', '=', webhookId)
      .where('seq', '>', afterSeq)
      .where('status', '=', 'pending')
      .where('event_id', 'is not', null)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst(),
  makeHead: (trx: Trx, tenantId: string, id: string, at: number) =>
    trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('next_attempt_at', 'is', null)
      .execute(),
  /** Platform scope: deliveries due now, across tenants, of active webhooks (reads the partial due index). */
  due: (trx: Trx, now: number, limit: number) =>
    trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.id', '=', 'd.webhook_id'))
      .select(['d.tenant_id', 'd.id', 'd.next_attempt_at'])
      .where('d.next_attempt_at', 'is not', null)
      .where('d.next_attempt_at', '<=', now)
      .where('d.status', '=', 'pending')
      .where('w.active', '=', 1)
      .orderBy('d.next_attempt_at')
      .limit(limit)
      .execute(),
  /** Claims a due delivery for one attempt: only one worker wins, and a crash frees it at `leaseUntil`. */
  claim: async (trx: Trx, tenantId: string, id: string, seenAt: number, leaseUntil: number): Promise<boolean> => {
    const r = await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil, attempts: sql`attempts + 1` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', seenAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Records an attempt's outcome, unless the claim was lost (lease expired and taken over). */
  record: async (
    trx: Trx,
    tenantId: string,
    id: string,
    attempts: number,
    patch: Pick<WebhookDeliveriesTable, 'status' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'delivered_at'>,
  ): Promise<boolean> => {
    const r = await trx
      .updateTable('webhook_deliveries')
      .set(patch)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  page: (trx: Trx, tenantId: string, webhookId: string, q: DeliveryPageQuery) => {
    let query = trx.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('webhook_id', '=', webhookId);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
    return query.orderBy('seq', 'desc').limit(q.limit).execute();
  },
  removeForWebhook: (trx: Trx, tenantId: string, webhookId: string) =>
    trx.deleteFrom('webhook_deliveries').where('tenant_id', '=', tenantId).where('webhook_id', '=', webhookId).execute(),
};
