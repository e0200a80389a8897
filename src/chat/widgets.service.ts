/**
 * Widget administration (audited) and the public look-up of a widget by its key. The identity
 * secret is returned on create and rotate only and never written to the audit log.
 */
import { randomBytes } from 'node:crypto';
import { AppError, type ErrorDetail, notFound, type TenantContext, unwrap } from '../kernel/index.js';
import { PLATFORM_SCOPE } from '../platform/db/index.js';
import { checkPrechat, normaliseOrigin, type Prechat } from './core/index.js';
import type { ChatDeps } from './ports.js';
import { widgetStore } from './store.js';
import { type WidgetView, widgetView } from './views.js';

export interface WidgetInput {
  readonly name: string;
  readonly allowedOrigins: readonly string[];
  readonly prechat: Prechat;
  readonly identityRequired?: boolean;
}

export type WidgetPatch = Partial<WidgetInput>;

export interface WidgetWithSecret {
  readonly widget: WidgetView;
  readonly identitySecret: string;
}

export const PUBLIC_KEY_PATTERN = '^kfw_[A-Za-z0-9_-]{24}$';
const newPublicKey = (): string => `kfw_${randomBytes(18).toString('base64url')}`;
const newSecret = (): string => randomBytes(32).toString('hex');

const origins = (raw: readonly string[]): string[] => {
  const details: ErrorDetail[] = [];
  const out = raw.map((o, i) => {
    const n = normaliseOrigin(o);
    if (n === null) details.push({ field: `body.allowedOrigins.${i}`, issue: 'must be an origin such as https://shop.example (no path)' });
    return n ?? '';
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', undefined, details);
  return [...new Set(out)];
};

const audited = (w: WidgetView) => ({
  name: w.name,
  allowedOrigins: w.allowedOrigins,
  prechat: w.prechat,
  identityRequired: w.identityRequired,
});

export class WidgetsService {
  constructor(private readonly d: ChatDeps) {}

  async list(ctx: TenantContext): Promise<WidgetView[]> {
    return (await this.d.db.tx(ctx.tenantId, (trx) => widgetStore.list(trx, ctx.tenantId))).map(widgetView);
  }

  async get(ctx: TenantContext, id: string): Promise<WidgetView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => widgetStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('widget');
    return widgetView(row);
  }

  /** The widget a public key names, in any tenant; null for an unknown key. */
  async byPublicKey(publicKey: string) {
    const row = await this.d.db.tx(PLATFORM_SCOPE, (trx) => widgetStore.byPublicKey(trx, publicKey));
    return row ?? null;
  }

  private async checkQueues(ctx: TenantContext, prechat: Prechat): Promise<void> {
    unwrap(checkPrechat(prechat));
    for (const [i, t] of prechat.topics.entries()) {
      if (!(await this.d.routing.queueExists(ctx, t.queueId)))
        throw new AppError('UNKNOWN_QUEUE', `Topic ${t.id} names no queue of this organisation.`, [
          { field: `body.prechat.topics.${i}.queueId`, issue: 'is not a queue of this organisation' },
        ]);
    }
  }

  async create(ctx: TenantContext, input: WidgetInput): Promise<WidgetWithSecret> {
    await this.checkQueues(ctx, input.prechat);
    const now = this.d.clock.now();
    const secret = newSecret();
    const row = {
      tenant_id: ctx.tenantId,
      id: this.d.ids.next('wgt'),
      public_key: newPublicKey(),
      name: input.name.trim(),
      allowed_origins: JSON.stringify(origins(input.allowedOrigins)),
      prechat: JSON.stringify(input.prechat),
      identity_secret: secret,
      identity_required: input.identityRequired ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    const widget = widgetView(row);
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await widgetStore.insert(trx, row);
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'chat_widget.create', targetType: 'chat_widget', targetId: row.id, before: null, after: audited(widget) },
        now,
      );
    });
    return { widget, identitySecret: secret };
  }

  async update(ctx: TenantContext, id: string, patch: WidgetPatch): Promise<WidgetView> {
    const before = await this.get(ctx, id);
    if (patch.prechat) await this.checkQueues(ctx, patch.prechat);
    const now = this.d.clock.now();
    const after: WidgetView = {
      ...before,
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.allowedOrigins === undefined ? {} : { allowedOrigins: origins(patch.allowedOrigins) }),
      ...(patch.prechat === undefined ? {} : { prechat: patch.prechat }),
      ...(patch.identityRequired === undefined ? {} : { identityRequired: patch.identityRequired }),
      updatedAt: now,
    };
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await widgetStore.update(trx, ctx.tenantId, id, {
        name: after.name,
        allowed_origins: JSON.stringify(after.allowedOrigins),
        prechat: JSON.stringify(after.prechat),
        identity_required: after.identityRequired ? 1 : 0,
        updated_at: now,
      });
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'chat_widget.update', targetType: 'chat_widget', targetId: id, before: audited(before), after: audited(after) },
        now,
      );
    });
    return after;
  }

  async rotateSecret(ctx: TenantContext, id: string): Promise<WidgetWithSecret> {
    const before = await this.get(ctx, id);
    const now = this.d.clock.now();
    const secret = newSecret();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await widgetStore.update(trx, ctx.tenantId, id, { identity_secret: secret, updated_at: now });
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'chat_widget.rotate_secret', targetType: 'chat_widget', targetId: id, before: null, after: null },
        now,
      );
    });
    return { widget: { ...before, updatedAt: now }, identitySecret: secret };
  }
}
