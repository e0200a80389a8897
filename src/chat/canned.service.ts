/** Canned responses: the tenant's shared replies (audited changes) and their rendering for a conversation. */
import { AppError, notFound, type TenantContext } from '../kernel/index.js';
import { isUniqueViolation } from '../platform/db/index.js';
import { type CannedValues, renderCanned, unknownVariables } from './core/index.js';
import type { ChatDeps } from './ports.js';
import { cannedStore, sessionStore } from './store.js';
import { type CannedView, cannedView } from './views.js';

export interface CannedInput {
  readonly shortcut: string;
  readonly title: string;
  readonly body: string;
}

export type RenderedCanned = CannedView & { readonly rendered: string | null };

const checkBody = (body: string): void => {
  const unknown = unknownVariables(body);
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', undefined, [
      { field: 'body.body', issue: `uses unknown variables ${unknown.join(', ')}; known: customer.name, agent.name, contact.id` },
    ]);
};

const taken = (shortcut: string) => new AppError('CONFLICT', `A canned response with shortcut "${shortcut}" already exists.`);

export class CannedService {
  constructor(private readonly d: ChatDeps) {}

  private async values(ctx: TenantContext, contactId: string): Promise<CannedValues> {
    const contact = await this.d.contacts.get(ctx, contactId);
    const session = await this.d.db.tx(ctx.tenantId, (trx) => sessionStore.byContact(trx, ctx.tenantId, contactId));
    const customer = contact.customerId ? await this.d.customers.get(ctx, contact.customerId) : null;
    const agentName = ctx.actor.kind === 'user' ? ((await this.d.staff.names(ctx)).get(ctx.actor.id) ?? ctx.actor.name) : ctx.actor.name;
    return { 'customer.name': session?.name ?? customer?.displayName ?? null, 'agent.name': agentName, 'contact.id': contact.id };
  }

  /** Every canned response; with a contact, each also rendered for it. */
  async list(ctx: TenantContext, contactId?: string): Promise<RenderedCanned[]> {
    const rows = (await this.d.db.tx(ctx.tenantId, (trx) => cannedStore.list(trx, ctx.tenantId))).map(cannedView);
    const values = contactId ? await this.values(ctx, contactId) : null;
    return rows.map((r) => ({ ...r, rendered: values ? renderCanned(r.body, values) : null }));
  }

  async create(ctx: TenantContext, input: CannedInput): Promise<CannedView> {
    checkBody(input.body);
    const now = this.d.clock.now();
    const row = {
      tenant_id: ctx.tenantId,
      id: this.d.ids.next('cnr'),
      shortcut: input.shortcut.trim(),
      title: input.title.trim(),
      body: input.body,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.d.db.tx(ctx.tenantId, async (trx) => {
        await cannedStore.insert(trx, row);
        await this.d.audit.record(
          trx,
          ctx,
          ctx.tenantId,
          { action: 'canned_response.create', targetType: 'canned_response', targetId: row.id, before: null, after: { ...input } },
          now,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw taken(row.shortcut);
      throw e;
    }
    return cannedView(row);
  }

  private async get(ctx: TenantContext, id: string): Promise<CannedView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => cannedStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('canned response');
    return cannedView(row);
  }

  async update(ctx: TenantContext, id: string, patch: Partial<CannedInput>): Promise<CannedView> {
    if (patch.body !== undefined) checkBody(patch.body);
    const before = await this.get(ctx, id);
    const now = this.d.clock.now();
    const after = {
      ...before,
      shortcut: patch.shortcut?.trim() ?? before.shortcut,
      title: patch.title?.trim() ?? before.title,
      body: patch.body ?? before.body,
      updatedAt: now,
    };
    const snap = (v: CannedView) => ({ shortcut: v.shortcut, title: v.title, body: v.body });
    try {
      await this.d.db.tx(ctx.tenantId, async (trx) => {
        await cannedStore.update(trx, ctx.tenantId, id, {
          shortcut: after.shortcut,
          title: after.title,
          body: after.body,
          updated_at: now,
        });
        await this.d.audit.record(
          trx,
          ctx,
          ctx.tenantId,
          { action: 'canned_response.update', targetType: 'canned_response', targetId: id, before: snap(before), after: snap(after) },
          now,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw taken(after.shortcut);
      throw e;
    }
    return after;
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    const before = await this.get(ctx, id);
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await cannedStore.remove(trx, ctx.tenantId, id);
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        {
          action: 'canned_response.delete',
          targetType: 'canned_response',
          targetId: id,
          before: { shortcut: before.shortcut, title: before.title, body: before.body },
          after: null,
        },
        now,
      );
    });
  }
}
