/** What the API shows of webhooks and deliveries. The secret is never part of a view. */
import type { WebhookDeliveriesTable, WebhooksTable } from '../platform/db/index.js';

export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly events: string[];
  readonly active: boolean;
  readonly description: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DeliveryView {
  readonly id: string;
  readonly webhookId: string;
  readonly eventType: string;
  readonly status: WebhookDeliveriesTable['status'];
  readonly attempts: number;
  /** Null while it waits behind an earlier delivery of the same webhook, and once finished. */
  readonly nextAttemptAt: number | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
  /** The JSON body as sent. */
  readonly payload: Record<string, unknown>;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export const webhookView = (r: WebhooksTable): WebhookView => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as string[],
  active: r.active === 1,
  description: r.description,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export const deliveryView = (r: WebhookDeliveriesTable): DeliveryView => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventType: r.event_type,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: num(r.next_attempt_at),
  lastStatusCode: num(r.last_status_code),
  lastError: r.last_error,
  createdAt: Number(r.created_at),
  deliveredAt: num(r.delivered_at),
  payload: JSON.parse(r.payload) as Record<string, unknown>,
});
