/**
 * Each webhook's deliveries form a line in event order: only its head is scheduled (has a
 * next_attempt_at); the others wait with NULL. When the head is delivered or finally fails, the
 * next one becomes the head in the same transaction. Pings stand outside the line: they are
 * scheduled at once and never hold events back.
 *
 * Both sides of the line take the webhook's row lock first (`takeSeq`, `lockLine`), so on
 * PostgreSQL a delivery queued while the head finishes is either seen by the promotion or sees
 * the finished head; it is never left waiting behind nothing.
 */
import type { Transaction } from 'kysely';
import type { IdSource } from '../kernel/index.js';
import type { DB, WebhookDeliveriesTable } from '../platform/db/index.js';
import { deliveryBody, type WebhookEvent } from './core/index.js';
import { deliveryStore, webhookStore } from './store.js';

type Trx = Transaction<DB>;

/** Queues one delivery of `event` to a webhook; `eventId` null marks a ping. Null if the webhook is gone. */
export const enqueue = async (
  trx: Trx,
  ids: IdSource,
  webhookId: string,
  event: WebhookEvent,
  eventId: number | null,
  now: number,
): Promise<WebhookDeliveriesTable | null> => {
  const seq = await webhookStore.takeSeq(trx, event.tenantId, webhookId);
  if (seq === null) return null;
  const waits = eventId !== null && (await deliveryStore.latestEventStatus(trx, event.tenantId, webhookId)) === 'pending';
  const id = ids.next('whd');
  const row: WebhookDeliveriesTable = {
    tenant_id: event.tenantId,
    id,
    webhook_id: webhookId,
    seq,
    event_id: eventId,
    event_type: event.type,
    payload: deliveryBody(id, event),
    status: 'pending',
    attempts: 0,
    next_attempt_at: waits ? null : now,
    last_status_code: null,
    last_error: null,
    created_at: now,
    delivered_at: null,
  };
  await deliveryStore.insert(trx, row);
  return row;
};

export type Outcome =
  | { readonly status: 'delivered'; readonly statusCode: number }
  | { readonly status: 'pending'; readonly nextAttemptAt: number; readonly statusCode: number | null; readonly error: string }
  | { readonly status: 'failed'; readonly statusCode: number | null; readonly error: string };

/**
 * Records the outcome of attempt number `attempts` and, when the delivery is finished, moves the
 * line on. Returns false if the attempt's claim had been lost (another worker took it over).
 */
export const finish = async (trx: Trx, d: WebhookDeliveriesTable, attempts: number, outcome: Outcome, now: number): Promise<boolean> => {
  if (!(await webhookStore.lockLine(trx, d.tenant_id, d.webhook_id))) return false;
  const recorded = await deliveryStore.record(trx, d.tenant_id, d.id, attempts, {
    status: outcome.status,
    next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
    last_status_code: outcome.statusCode,
    last_error: outcome.status === 'delivered' ? null : outcome.error.slice(0, 500),
    delivered_at: outcome.status === 'delivered' ? now : null,
  });
  if (!recorded || outcome.status === 'pending' || d.event_id === null) return recorded;
  const next = await deliveryStore.nextInLine(trx, d.tenant_id, d.webhook_id, Number(d.seq));
  if (next) await deliveryStore.makeHead(trx, d.tenant_id, next.id, now);
  return true;
};
