/**
 * Webhook administration: register, change, remove, rotate the secret, ping, and read the
 * deliveries. Every change is audited in its own transaction; the secret appears only in the
 * answers to create and rotate.
 */
import type { AuditService } from '../audit/index.js';
import { AppError, type Clock, type IdSource, notFound, type TenantContext } from '../kernel/index.js';
import { type Database, onCommit, type WebhooksTable } from '../platform/db/index.js';
import { pingEvent } from './core/index.js';
import { checkedDescription, checkedEvents, checkedUrl } from './input.js';
import { enqueue } from './line.js';
import { deliveryStore, webhookStore } from './store.js';
import { type DeliveryView, deliveryView, type WebhookView, webhookView } from './views.js';

export const MAX_WEBHOOKS_PER_TENANT = 20;

export interface WebhookDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly audit: AuditService;
  /** The server's KEFU_WEBHOOK_ALLOW_PRIVATE. */
  readonly allowPrivate: boolean;
  readonly newSecret: () => string;
  /** Tells the delivery worker that something was queued. */
  readonly wake: () => void;
  /** Runs a change of a tenant's webhooks so the fan-out's cache never hides it (active-cache.ts). */
  readonly changing: <T>(tenantId: string, change: () => Promise<T>) => Promise<T>;
}

export interface NewWebhook {
  readonly url: string;
  readonly events: readonly string[];
  readonly description?: string | null;
  readonly active?: boolean;
}

export type WebhookPatch = Partial<NewWebhook>;

export interface DeliveryQuery {
  readonly status?: 'pending' | 'delivered' | 'failed';
  readonly before?: string;
  readonly limit: number;
}

export interface DeliveryPage {
  readonly items: DeliveryView[];
  readonly nextBefore: string | null;
}

/** What the audit log keeps of a webhook: everything but the secret. */
const audited = (w: WebhookView): Record<string, unknown> => ({
  url: w.url,
  events: w.events,
  active: w.active,
  description: w.description,
});

export class WebhooksService {
  constructor(private readonly d: WebhookDeps) {}

  async list(ctx: TenantContext): Promise<WebhookView[]> {
    return (await this.d.db.tx(ctx.tenantId, (trx) => webhookStore.list(trx, ctx.tenantId))).map(webhookView);
  }

  async get(ctx: TenantContext, id: string): Promise<WebhookView> {
    return webhookView(await this.row(ctx, id));
  }

  async create(ctx: TenantContext, input: NewWebhook): Promise<{ webhook: WebhookView; secret: string }> {
    const now = this.d.clock.now();
    const row: WebhooksTable = {
      tenant_id: ctx.tenantId,
      id: this.d.ids.next('whk'),
      url: checkedUrl(input.url, this.d.allowPrivate),
      secret: this.d.newSecret(),
      events: JSON.stringify(checkedEvents(input.events)),
      active: input.active === false ? 0 : 1,
      description: checkedDescription(input.description),
      last_seq: 0,
      created_at: now,
      updated_at: now,
    };
    const view = webhookView(row);
    await this.d.changing(ctx.tenantId, () =>
      this.d.db.tx(ctx.tenantId, async (trx) => {
        if ((await webhookStore.count(trx, ctx.tenantId)) >= MAX_WEBHOOKS_PER_TENANT) throw new AppError('WEBHOOK_LIMIT_REACHED');
        await webhookStore.insert(trx, row);
        await this.d.audit.record(
          trx,
          ctx,
          ctx.tenantId,
          { action: 'webhook.create', targetType: 'webhook', targetId: row.id, before: null, after: audited(view) },
          now,
        );
      }),
    );
    return { webhook: view, secret: row.secret };
  }

  async update(ctx: TenantContext, id: string, patch: WebhookPatch): Promise<WebhookView> {
    const now = this.d.clock.now();
    const set = {
      ...(patch.url !== undefined ? { url: checkedUrl(patch.url, this.d.allowPrivate) } : {}),
      ...(patch.events !== undefined ? { events: JSON.stringify(checkedEvents(patch.events)) } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.description !== undefined ? { description: checkedDescription(patch.description) } : {}),
      updated_at: now,
    };
    return this.d.changing(ctx.tenantId, () => this.updateRow(ctx, id, set, now));
  }

  private updateRow(ctx: TenantContext, id: string, set: Partial<WebhooksTable>, now: number): Promise<WebhookView> {
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      const before = await webhookStore.byId(trx, ctx.tenantId, id);
      if (!before) throw notFound('webhook');
      await webhookStore.update(trx, ctx.tenantId, id, set);
      const after = webhookView({ ...before, ...set });
      const change = { action: 'webhook.update', targetType: 'webhook', targetId: id };
      await this.d.audit.record(trx, ctx, ctx.tenantId, { ...change, before: audited(webhookView(before)), after: audited(after) }, now);
      // Reactivating lets waiting deliveries go out again.
      if (after.active) onCommit(trx, this.d.wake);
      return after;
    });
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    await this.d.changing(ctx.tenantId, () => this.removeRow(ctx, id));
  }

  private async removeRow(ctx: TenantContext, id: string): Promise<void> {
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      const before = await webhookStore.byId(trx, ctx.tenantId, id);
      if (!before) throw notFound('webhook');
      // The webhook row first, as every change to its line does (line.ts), then its deliveries.
      await webhookStore.remove(trx, ctx.tenantId, id);
      await deliveryStore.removeForWebhook(trx, ctx.tenantId, id);
      const change = { action: 'webhook.delete', targetType: 'webhook', targetId: id };
      await this.d.audit.record(trx, ctx, ctx.tenantId, { ...change, before: audited(webhookView(before)), after: null }, now);
    });
  }

  async rotateSecret(ctx: TenantContext, id: string): Promise<{ webhook: WebhookView; secret: string }> {
    const now = this.d.clock.now();
    const secret = this.d.newSecret();
    const webhook = await this.d.db.tx(ctx.tenantId, async (trx) => {
      const before = await webhookStore.byId(trx, ctx.tenantId, id);
      if (!before) throw notFound('webhook');
      await webhookStore.update(trx, ctx.tenantId, id, { secret, updated_at: now });
      const change = { action: 'webhook.rotate_secret', targetType: 'webhook', targetId: id };
      await this.d.audit.record(trx, ctx, ctx.tenantId, { ...change, before: null, after: { secretRotatedAt: now } }, now);
      return webhookView({ ...before, updated_at: now });
    });
    return { webhook, secret };
  }

  /** Queues a `webhook.ping` delivery; it does not wait behind the webhook's events. */
  async ping(ctx: TenantContext, id: string): Promise<DeliveryView> {
    const now = this.d.clock.now();
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      const w = await webhookStore.byId(trx, ctx.tenantId, id);
      if (!w) throw notFound('webhook');
      if (w.active !== 1) throw new AppError('WEBHOOK_INACTIVE');
      const row = await enqueue(trx, this.d.ids, id, pingEvent(ctx.tenantId, id, now), null, now);
      if (!row) throw notFound('webhook');
      onCommit(trx, this.d.wake);
      return deliveryView(row);
    });
  }

  /** Newest first; `before` is the id of the last delivery of the previous page. */
  async deliveries(ctx: TenantContext, id: string, q: DeliveryQuery): Promise<DeliveryPage> {
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      if (!(await webhookStore.byId(trx, ctx.tenantId, id))) throw notFound('webhook');
      let beforeSeq: number | undefined;
      if (q.before !== undefined) {
        const cursor = await deliveryStore.byId(trx, ctx.tenantId, q.before);
        if (!cursor || cursor.webhook_id !== id)
          throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'before', issue: 'is not a delivery of this webhook' }]);
        beforeSeq = Number(cursor.seq);
      }
      const rows = await deliveryStore.page(trx, ctx.tenantId, id, { status: q.status, beforeSeq, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit).map(deliveryView);
      const last = items[items.length - 1];
      return { items, nextBefore: rows.length > q.limit && last ? last.id : null };
    });
  }

  private async row(ctx: TenantContext, id: string): Promise<WebhooksTable> {
    const r = await this.d.db.tx(ctx.tenantId, (trx) => webhookStore.byId(trx, ctx.tenantId, id));
    if (!r) throw notFound('webhook');
    return r;
  }
}
