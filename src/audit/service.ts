/**
 * The audit log: every administrative change is recorded in the same transaction as the change,
 * with who, what, before/after, when and from where.
 */
import type { Transaction } from 'kysely';
import type { IdSource, TenantContext } from '../kernel/index.js';
import { type Database, type DB, PLATFORM_SCOPE } from '../platform/db/index.js';
import { type AuditQuery, insertAudit, listAudit } from './store.js';

export interface AuditChange {
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly at: number;
  readonly actor: { readonly kind: string; readonly id: string; readonly name: string };
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly ip: string | null;
  readonly requestId: string | null;
}

export interface AuditPage {
  readonly items: AuditEntry[];
  readonly nextBefore: string | null;
}

const parse = (s: string | null): Record<string, unknown> | null => (s === null ? null : (JSON.parse(s) as Record<string, unknown>));

export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly ids: IdSource,
  ) {}

  /** Records a change inside the caller's transaction. `tenantId` is the tenant the change concerns. */
  async record(trx: Transaction<DB>, ctx: TenantContext, tenantId: string, change: AuditChange, now: number): Promise<void> {
    await insertAudit(trx, {
      tenant_id: tenantId,
      id: this.ids.next('aud'),
      at: now,
      actor_kind: ctx.actor.kind,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      action: change.action,
      target_type: change.targetType,
      target_id: change.targetId,
      before_json: change.before === null ? null : JSON.stringify(change.before),
      after_json: change.after === null ? null : JSON.stringify(change.after),
      ip: ctx.ip,
      request_id: ctx.requestId,
    });
  }

  /** A tenant's own log (tenant admins). */
  list(ctx: TenantContext, q: AuditQuery): Promise<AuditPage> {
    return this.db.tx(ctx.tenantId, (trx) => this.page(trx, ctx.tenantId, q));
  }

  /** Any tenant's log (operator admins); the caller's permission was checked at the edge. */
  listForTenant(_ctx: TenantContext, tenantId: string, q: AuditQuery): Promise<AuditPage> {
    return this.db.tx(PLATFORM_SCOPE, (trx) => this.page(trx, tenantId, q));
  }

  private async page(trx: Transaction<DB>, tenantId: string, q: AuditQuery): Promise<AuditPage> {
    const rows = await listAudit(trx, tenantId, { ...q, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit).map(
      (r): AuditEntry => ({
        id: r.id,
        tenantId: r.tenant_id,
        at: Number(r.at),
        actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        before: parse(r.before_json),
        after: parse(r.after_json),
        ip: r.ip,
        requestId: r.request_id,
      }),
    );
    const last = items[items.length - 1];
    return { items, nextBefore: rows.length > q.limit && last ? last.id : null };
  }
}
