/**
 * Each tenant's active webhooks, as the fan-out filters them, kept in memory for a few seconds.
 * The fan-out asks for every outbox event, and most tenants have no webhook for most events:
 * reading the table in a transaction per event cost more than committing the chat message that
 * raised it.
 *
 * The cache may answer "someone is interested" wrongly (the fan-out then re-reads the table inside
 * its own transaction), but never "nobody is" while a matching webhook exists. So every change to a
 * tenant's webhooks runs inside `around`: while one is in flight the table is read and nothing is
 * kept (between a change's COMMIT and its callback an event may already be fanned out), and when it
 * ends the tenant's entry is dropped; a read that raced with a change is used once but not kept
 * (generation check). The short lifetime bounds what a writer this process never saw could cost.
 */
import type { Clock } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { WebhookInterest } from './core/index.js';
import { webhookStore } from './store.js';

/** Reads a tenant's active webhooks from the table. */
export type LoadActive = (tenantId: string) => Promise<readonly WebhookInterest[]>;

export type ActiveRow = Awaited<ReturnType<typeof webhookStore.active>>[number];

/** What the event filter needs of a stored webhook. */
export const interestOf = (w: ActiveRow): WebhookInterest => ({
  active: w.active === 1,
  events: JSON.parse(w.events) as string[],
  createdAt: Number(w.created_at),
});

export const loadActive =
  (db: Database): LoadActive =>
  async (tenantId) =>
    (await db.tx(tenantId, (trx) => webhookStore.active(trx, tenantId))).map(interestOf);

const TTL_MS = 5_000;

interface Entry {
  readonly list: readonly WebhookInterest[];
  readonly until: number;
}

export class ActiveWebhooks {
  private readonly byTenant = new Map<string, Entry>();
  private readonly generation = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly load: LoadActive,
    private readonly clock: Clock,
  ) {}

  async of(tenantId: string): Promise<readonly WebhookInterest[]> {
    const now = this.clock.now();
    const hit = this.byTenant.get(tenantId);
    if (hit && hit.until > now && !this.inFlight.has(tenantId)) return hit.list;
    const gen = this.generation.get(tenantId) ?? 0;
    const list = await this.load(tenantId);
    if ((this.generation.get(tenantId) ?? 0) === gen && !this.inFlight.has(tenantId))
      this.byTenant.set(tenantId, { list, until: now + TTL_MS });
    return list;
  }

  /** Runs a change to the tenant's webhooks (its whole transaction) with the cache out of the way. */
  async around<T>(tenantId: string, change: () => Promise<T>): Promise<T> {
    this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 0) + 1);
    this.forget(tenantId);
    try {
      return await change();
    } finally {
      const left = (this.inFlight.get(tenantId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(tenantId, left);
      else this.inFlight.delete(tenantId);
      this.forget(tenantId);
    }
  }

  private forget(tenantId: string): void {
    this.generation.set(tenantId, (this.generation.get(tenantId) ?? 0) + 1);
    this.byTenant.delete(tenantId);
  }
}
