/**
 * Operator use cases on tenants: create a client company with its first admin, list, rename,
 * suspend. Also bootstraps the platform tenant that holds the operator's own staff.
 */
import { AppError, notFound, PLATFORM_TENANT_ID, type TenantContext } from '../kernel/index.js';
import { isUniqueViolation, onCommit, PLATFORM_SCOPE, type TenantsTable, type UsersTable } from '../platform/db/index.js';
import { normaliseEmail, RESERVED_SLUGS } from './core/access-rules.js';
import { assertPasswordAcceptable } from './core/password-policy.js';
import type { TenancyDeps } from './deps.js';
import { tenantStore, userStore } from './store.js';
import { type TenantView, tenantView, type UserView, userAudit, userView } from './views.js';

export interface NewTenant {
  readonly slug: string;
  readonly name: string;
  readonly admin: { readonly email: string; readonly displayName: string; readonly password: string };
}

export interface TenantPatch {
  readonly name?: string;
  readonly status?: 'active' | 'suspended';
}

export class TenantsService {
  constructor(private readonly d: TenancyDeps) {}

  async list(_ctx: TenantContext): Promise<TenantView[]> {
    const rows = await this.d.db.tx(PLATFORM_SCOPE, (trx) => tenantStore.list(trx, PLATFORM_TENANT_ID));
    return rows.map(tenantView);
  }

  async get(_ctx: TenantContext, id: string): Promise<TenantView> {
    const row = id === PLATFORM_TENANT_ID ? undefined : await this.d.db.tx(PLATFORM_SCOPE, (trx) => tenantStore.byId(trx, id));
    if (!row) throw notFound('organisation');
    return tenantView(row);
  }

  /** The caller's own organisation. */
  async getOwn(ctx: TenantContext): Promise<TenantView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => tenantStore.byId(trx, ctx.tenantId));
    if (!row) throw notFound('organisation');
    return tenantView(row);
  }

  async bySlug(slug: string): Promise<TenantView | null> {
    const row = await this.d.db.tx(PLATFORM_SCOPE, (trx) => tenantStore.bySlug(trx, slug));
    return row && row.id !== PLATFORM_TENANT_ID ? tenantView(row) : null;
  }

  async create(ctx: TenantContext, input: NewTenant): Promise<{ tenant: TenantView; admin: UserView }> {
    const slug = input.slug.trim().toLowerCase();
    if (RESERVED_SLUGS.has(slug)) throw new AppError('SLUG_TAKEN', `The slug "${slug}" is reserved.`);
    const email = normaliseEmail(input.admin.email);
    assertPasswordAcceptable(input.admin.password, email);
    const hash = await this.d.hasher.hash(input.admin.password);
    const now = this.d.clock.now();
    const tenant: TenantsTable = {
      id: this.d.ids.next('tn'),
      slug,
      name: input.name.trim(),
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    const admin: UsersTable = {
      tenant_id: tenant.id,
      id: this.d.ids.next('usr'),
      email,
      display_name: input.admin.displayName.trim(),
      role: 'tenant_admin',
      password_hash: hash,
      status: 'active',
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    };
    await this.d.db
      .tx(PLATFORM_SCOPE, async (trx) => {
        if (await tenantStore.bySlug(trx, slug)) throw new AppError('SLUG_TAKEN');
        await tenantStore.insert(trx, tenant);
        await userStore.insert(trx, admin);
        const t = tenantView(tenant);
        await this.d.audit.record(
          trx,
          ctx,
          tenant.id,
          {
            action: 'tenant.create',
            targetType: 'tenant',
            targetId: tenant.id,
            before: null,
            after: { slug: t.slug, name: t.name, status: t.status },
          },
          now,
        );
        await this.d.audit.record(
          trx,
          ctx,
          tenant.id,
          { action: 'user.create', targetType: 'user', targetId: admin.id, before: null, after: userAudit(userView(admin)) },
          now,
        );
        await this.d.outbox.append(
          trx,
          tenant.id,
          [{ type: 'tenant.created', aggregateType: 'tenant', aggregateId: tenant.id, payload: { slug } }],
          now,
        );
      })
      .catch((e: unknown) => {
        // Two creates racing for one slug: the loser meets the unique key, not the check above.
        throw isUniqueViolation(e) ? new AppError('SLUG_TAKEN') : e;
      });
    return { tenant: tenantView(tenant), admin: userView(admin) };
  }

  async update(ctx: TenantContext, id: string, patch: TenantPatch): Promise<TenantView> {
    if (id === PLATFORM_TENANT_ID) throw notFound('organisation');
    const now = this.d.clock.now();
    return this.d.db.tx(PLATFORM_SCOPE, async (trx) => {
      const before = await tenantStore.byId(trx, id);
      if (!before) throw notFound('organisation');
      const next: TenantsTable = {
        ...before,
        name: patch.name?.trim() ?? before.name,
        status: patch.status ?? before.status,
        updated_at: now,
      };
      await tenantStore.update(trx, id, { name: next.name, status: next.status, updated_at: now });
      if (next.status !== before.status) onCommit(trx, () => this.d.keyCache.forgetTenant(id));
      const snap = (t: TenantsTable) => ({ slug: t.slug, name: t.name, status: t.status });
      const action = patch.status === 'suspended' && before.status !== 'suspended' ? 'tenant.suspend' : 'tenant.update';
      await this.d.audit.record(trx, ctx, id, { action, targetType: 'tenant', targetId: id, before: snap(before), after: snap(next) }, now);
      await this.d.outbox.append(
        trx,
        id,
        [{ type: 'tenant.updated', aggregateType: 'tenant', aggregateId: id, payload: { status: next.status } }],
        now,
      );
      return tenantView(next);
    });
  }

  /** Creates the platform tenant once; idempotent, so every start may call it. */
  async ensurePlatformTenant(): Promise<void> {
    const now = this.d.clock.now();
    await this.d.db.tx(PLATFORM_SCOPE, async (trx) => {
      if (await tenantStore.byId(trx, PLATFORM_TENANT_ID)) return;
      await tenantStore.insert(trx, {
        id: PLATFORM_TENANT_ID,
        slug: 'platform',
        name: 'kefu platform',
        status: 'active',
        created_at: now,
        updated_at: now,
      });
    });
  }
}
