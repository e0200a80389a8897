/**
 * The delivery worker: finds due deliveries across tenants (one platform-scope query, ADR 0008),
 * claims each in its tenant's scope, POSTs it signed, and records the outcome. Different webhooks
 * are sent in parallel; one webhook never has two event deliveries in flight, because only the
 * head of its line is ever due (line.ts). Delivery is at least once: a crash after sending and
 * before recording sends again when the claim's lease runs out.
 */
import type { Logger } from 'pino';
import type { Clock } from '../kernel/index.js';
import { type Database, PLATFORM_SCOPE, type WebhookDeliveriesTable, type WebhooksTable } from '../platform/db/index.js';
import { TimerLoop } from '../platform/events/index.js';
import { afterFailure, type Hmac, isDelivered, SIGNATURE_HEADER, signatureHeader } from './core/index.js';
import { finish, type Outcome } from './line.js';
import type { Sender, SendResult } from './sender.js';
import { deliveryStore, webhookStore } from './store.js';

export interface WorkerDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly sender: Sender;
  readonly hmac: Hmac;
}

export interface WorkerOptions {
  readonly pollMs?: number;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
}

interface Claimed {
  readonly delivery: WebhookDeliveriesTable;
  readonly webhook: WebhooksTable;
  readonly attempts: number;
}

export class DeliveryWorker {
  private readonly loop = new TimerLoop(() => this.tick());
  private readonly inflight = new Map<string, Promise<void>>();
  private stopping = new AbortController();
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  /** A claim outlives the request's timeout, so only a crashed worker's claims expire. */
  private readonly leaseMs: number;

  constructor(
    private readonly d: WorkerDeps,
    opts: WorkerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.concurrency = opts.concurrency ?? 8;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.leaseMs = this.timeoutMs + 55_000;
  }

  start(): void {
    if (this.loop.running) return;
    this.stopping = new AbortController();
    this.loop.start();
  }

  /** Asks for a pass soon: a delivery was queued or a line moved on. */
  wake(): void {
    this.loop.wake();
  }

  /** Stops polling and abandons requests in flight; their claims expire and they are sent again later. */
  async stop(): Promise<void> {
    const stopped = this.loop.stop();
    this.stopping.abort();
    await stopped;
    await Promise.allSettled(this.inflight.values());
    this.d.sender.close();
  }

  /** Sends everything due now, including what becomes due as lines move on; for tests and tools. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const started = await this.pass();
      await Promise.allSettled(this.inflight.values());
      if (started === 0) return total;
      total += started;
    }
  }

  /** One scan for due deliveries; returns the delay before the next scan. */
  private async tick(): Promise<number> {
    let started = 0;
    try {
      started = await this.pass();
    } catch (e) {
      this.d.log.error({ err: e }, 'webhook delivery scan failed; will retry');
    }
    return started > 0 ? 0 : this.pollMs;
  }

  /** Starts sending due deliveries up to the concurrency limit; returns how many it started. */
  private async pass(): Promise<number> {
    const free = this.concurrency - this.inflight.size;
    if (free <= 0) return 0;
    const now = this.d.clock.now();
    const due = await this.d.db.tx(PLATFORM_SCOPE, (trx) => deliveryStore.due(trx, now, free + this.inflight.size));
    let started = 0;
    for (const row of due) {
      if (started >= free || this.inflight.has(row.id) || row.next_attempt_at === null) continue;
      const task = this.attempt(row.tenant_id, row.id, Number(row.next_attempt_at))
        .catch((e: unknown) => this.d.log.error({ err: e, delivery: row.id }, 'webhook delivery failed unexpectedly'))
        .finally(() => {
          this.inflight.delete(row.id);
          this.wake();
        });
      this.inflight.set(row.id, task);
      started += 1;
    }
    return started;
  }

  private claim(tenantId: string, id: string, seenAt: number): Promise<Claimed | null> {
    const now = this.d.clock.now();
    return this.d.db.tx(tenantId, async (trx) => {
      const delivery = await deliveryStore.byId(trx, tenantId, id);
      const webhook = delivery ? await webhookStore.byId(trx, tenantId, delivery.webhook_id) : undefined;
      if (!delivery || !webhook || webhook.active !== 1) return null;
      if (!(await deliveryStore.claim(trx, tenantId, id, seenAt, now + this.leaseMs))) return null;
      return { delivery, webhook, attempts: Number(delivery.attempts) + 1 };
    });
  }

  private async attempt(tenantId: string, id: string, seenAt: number): Promise<void> {
    const claimed = await this.claim(tenantId, id, seenAt);
    if (!claimed) return;
    const { delivery, webhook, attempts } = claimed;
    const result = await this.d.sender.send({
      url: webhook.url,
      body: delivery.payload,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kefu-webhooks/1',
        'kefu-event': delivery.event_type,
        'kefu-delivery': delivery.id,
        [SIGNATURE_HEADER]: signatureHeader(webhook.secret, delivery.payload, this.d.clock.now(), this.d.hmac),
      },
      signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopping.signal]),
    });
    // Shutting down: leave the claim to expire rather than count an attempt we cut short.
    if (this.stopping.signal.aborted && result.statusCode === null) return;
    const now = this.d.clock.now();
    const outcome = outcomeOf(result, attempts, now);
    await this.d.db.tx(tenantId, (trx) => finish(trx, delivery, attempts, outcome, now));
    if (outcome.status !== 'delivered')
      this.d.log.warn(
        { delivery: id, webhook: webhook.id, attempts, status: outcome.status, error: outcome.error },
        'webhook attempt failed',
      );
  }
}

const outcomeOf = (r: SendResult, attempts: number, now: number): Outcome => {
  if (r.statusCode !== null && isDelivered(r.statusCode)) return { status: 'delivered', statusCode: r.statusCode };
  const error = r.error ?? `HTTP ${r.statusCode ?? 0}`;
  const next = afterFailure(attempts, now);
  return next.status === 'failed'
    ? { status: 'failed', statusCode: r.statusCode, error }
    : { status: 'pending', nextAttemptAt: next.nextAttemptAt, statusCode: r.statusCode, error };
};
