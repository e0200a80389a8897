/**
 * Builds the webhooks capability from its dependencies: the admin service, the outbox subscriber
 * (register it with `dispatcher.subscribe(WEBHOOKS_SUBSCRIBER, handleEvent)`) and the delivery
 * worker (start and stop it with the app).
 */
import type { Logger } from 'pino';
import type { AuditService } from '../audit/index.js';
import type { Clock, DeliveredEvent, IdSource } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import { ActiveWebhooks, loadActive } from './active-cache.js';
import { webhookFanout } from './fanout.js';
import { makeSender } from './sender.js';
import { hmacSha256Hex, newWebhookSecret } from './signing.js';
import { WebhooksService } from './webhooks.service.js';
import { DeliveryWorker, type WorkerOptions } from './worker.js';

export interface WebhooksDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly audit: AuditService;
  readonly log: Logger;
  /** KEFU_WEBHOOK_ALLOW_PRIVATE: may webhooks reach loopback, private and internal addresses. */
  readonly allowPrivate: boolean;
  readonly worker?: WorkerOptions;
}

export interface Webhooks {
  readonly service: WebhooksService;
  readonly worker: DeliveryWorker;
  readonly handleEvent: (event: DeliveredEvent) => Promise<void>;
}

export const buildWebhooks = (d: WebhooksDeps): Webhooks => {
  const worker = new DeliveryWorker(
    { db: d.db, clock: d.clock, log: d.log, sender: makeSender(d.allowPrivate), hmac: hmacSha256Hex },
    d.worker,
  );
  const wake = () => worker.wake();
  const active = new ActiveWebhooks(loadActive(d.db), d.clock);
  const changing = <T>(tenantId: string, change: () => Promise<T>) => active.around(tenantId, change);
  return {
    service: new WebhooksService({ ...d, newSecret: newWebhookSecret, wake, changing }),
    worker,
    handleEvent: webhookFanout({ db: d.db, clock: d.clock, ids: d.ids, wake, active }),
  };
};
