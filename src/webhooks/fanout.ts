/**
 * The outbox subscriber: turns each event of a tenant into one pending delivery per active webhook
 * of that tenant whose filter matches. Idempotent through `consumeOnce`, so an event the
 * dispatcher delivers twice (after a crash) is queued once.
 */
import type { Clock, DeliveredEvent, IdSource } from '../kernel/index.js';
import { type Database, onCommit } from '../platform/db/index.js';
import { consumeOnce } from '../platform/events/index.js';
import { type ActiveRow, type ActiveWebhooks, interestOf } from './active-cache.js';
import { wantsEvent } from './core/index.js';
import { enqueue } from './line.js';
import { webhookStore } from './store.js';

export const WEBHOOKS_SUBSCRIBER = 'webhooks';

export interface FanoutDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly active: ActiveWebhooks;
  /** Called after a commit that queued deliveries, so the worker need not wait for its next poll. */
  readonly wake: () => void;
}

const interested = (rows: readonly ActiveRow[], e: DeliveredEvent): ActiveRow[] =>
  rows.filter((w) => wantsEvent(interestOf(w), e.type, e.occurredAt));

export const webhookFanout =
  (d: FanoutDeps) =>
  async (event: DeliveredEvent): Promise<void> => {
    // Most tenants have no webhook for most events: the cached list keeps those out of
    // processed_events and out of any transaction.
    const cached = await d.active.of(event.tenantId);
    if (!cached.some((w) => wantsEvent(w, event.type, event.occurredAt))) return;
    await consumeOnce(d.db, WEBHOOKS_SUBSCRIBER, event, d.clock.now(), async (trx) => {
      const now = d.clock.now();
      for (const w of interested(await webhookStore.active(trx, event.tenantId), event)) {
        await enqueue(trx, d.ids, w.id, event, event.id, now);
      }
      onCommit(trx, d.wake);
    });
  };
