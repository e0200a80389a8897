/**
 * The JSON a receiver gets. It is built once, when the delivery is queued, and stored, so every
 * retry sends the same bytes. `id` is the delivery's id: stable across retries, so receivers can
 * use it to drop duplicates (delivery is at least once). The outbox's global event number is not
 * exposed: it would let a tenant watch the whole platform's event rate.
 */

export interface WebhookEvent {
  readonly type: string;
  readonly tenantId: string;
  readonly occurredAt: number;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export const PING_EVENT = 'webhook.ping';

export const deliveryBody = (deliveryId: string, e: WebhookEvent): string =>
  JSON.stringify({
    id: deliveryId,
    type: e.type,
    tenantId: e.tenantId,
    occurredAt: e.occurredAt,
    aggregate: { type: e.aggregateType, id: e.aggregateId },
    data: e.payload,
  });

export const pingEvent = (tenantId: string, webhookId: string, now: number): WebhookEvent => ({
  type: PING_EVENT,
  tenantId,
  occurredAt: now,
  aggregateType: 'webhook',
  aggregateId: webhookId,
  payload: {},
});
