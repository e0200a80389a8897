/**
 * The outbox subscriber: turns each event of a tenant into one pending delivery per active webhook
 * of that tenant whose filter matches. Idempotent through `consumeOnce`, so an event the
 * dispatcher delivers twice (after a crash) is queued once.
 */
import type { Clock, DeliveredEvent, IdSource } from '../kernel/index.js';
import { type Database, onCommit } from '../platform/db/index.js';
import { consumeOnce } from '../platform/events/index.js';
import { wantsEvent } from './core/index.js';
import { enqueue } from './line.js';
import { webhookStore } from './store.js';

export const WEBHOOKS_SUBSCRIBER = 'webhooks';

export interface FanoutDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Called after a commit that queued deliveries, so the worker need not wait for its next poll. */
  readonly wake: () => void;
}

type ActiveRow = Awaited<ReturnType<typeof webhookStore.active>>[number];

const interested = (rows: readonly ActiveRow[], e: DeliveredEvent): ActiveRow[] =>
  rows.filter((w) =>
    wantsEvent({ active: w.active === 1, events: JSON.parse(w.events) as string[], createdAt: Number(w.created_at) }, e.type, e.occurredAt),
  );

export const webhookFanout =
  (d: FanoutDeps) =>
  async (event: DeliveredEvent): Promise<void> => {
    // Most tenants have no webhook for most events: a read first keeps those out of processed_events.
    const first = await d.db.tx(event.tenantId, (trx) => webhookStore.active(trx, event.tenantId));
    if (interested(first, event).length === 0) return;
    await consumeOnce(d.db, WEBHOOKS_SUBSCRIBER, event, d.clock.now(), async (trx) => {
      const now = d.clock.now();
      for (const w of interested(await webhookStore.active(trx, event.tenantId), event)) {
        await enqueue(trx, d.ids, w.id, event, event.id, now);
      }
      onCommit(trx, d.wake);
    });
  };
