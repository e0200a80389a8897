/** Use cases on users of one tenant: create, list, read, change, reset password. */
import { AppError, notFound, PLATFORM_TENANT_ID, type TenantContext } from '../kernel/index.js';
import { isUniqueViolation, type UsersTable } from '../platform/db/index.js';
import { assertAccountManageable, assertNoSelfLockout, assertRoleAssignable, normaliseEmail } from './core/access-rules.js';
import { assertPasswordAcceptable } from './core/password-policy.js';
import type { TenancyDeps } from './deps.js';
import { sessionStore, userStore } from './store.js';
import { type UserView, userAudit, userView } from './views.js';

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly password: string;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly role?: string;
  readonly status?: 'active' | 'disabled';
}

export class UsersService {
  constructor(private readonly d: TenancyDeps) {}

  async list(ctx: TenantContext): Promise<UserView[]> {
    const rows = await this.d.db.tx(ctx.tenantId, (trx) => userStore.list(trx, ctx.tenantId));
    return rows.map(userView);
  }

  async get(ctx: TenantContext, id: string): Promise<UserView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => userStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('user');
    return userView(row);
  }

  async create(ctx: TenantContext, input: NewUser): Promise<UserView> {
    return this.insert(ctx, ctx.tenantId, assertRoleAssignable(ctx.actor, input.role), input);
  }

  /** Adds a platform operator admin; only the system (CLI, first start) may call this. */
  async createOperatorAdmin(ctx: TenantContext, input: Omit<NewUser, 'role'>): Promise<UserView> {
    if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
    return this.insert(ctx, PLATFORM_TENANT_ID, 'operator_admin', input);
  }

  private async insert(ctx: TenantContext, tenantId: string, role: string, input: Omit<NewUser, 'role'>): Promise<UserView> {
    const email = normaliseEmail(input.email);
    assertPasswordAcceptable(input.password, email);
    const hash = await this.d.hasher.hash(input.password);
    const now = this.d.clock.now();
    const row: UsersTable = {
      tenant_id: tenantId,
      id: this.d.ids.next('usr'),
      email,
      display_name: input.displayName.trim(),
      role,
      password_hash: hash,
      status: 'active',
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    };
    const view = userView(row);
    try {
      await this.d.db.tx(tenantId, async (trx) => {
        if (await userStore.byEmail(trx, tenantId, email)) throw new AppError('EMAIL_TAKEN');
        await userStore.insert(trx, row);
        await this.d.audit.record(
          trx,
          ctx,
          tenantId,
          { action: 'user.create', targetType: 'user', targetId: row.id, before: null, after: userAudit(view) },
          now,
        );
        await this.d.outbox.append(
          trx,
          tenantId,
          [{ type: 'user.created', aggregateType: 'user', aggregateId: row.id, payload: { role } }],
          now,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('EMAIL_TAKEN');
      throw e;
    }
    return view;
  }

  async update(ctx: TenantContext, id: string, patch: UserPatch): Promise<UserView> {
    if (patch.role !== undefined) assertRoleAssignable(ctx.actor, patch.role);
    const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
    assertNoSelfLockout({ actorUserId, targetUserId: id, newRole: patch.role, newStatus: patch.status });
    const now = this.d.clock.now();
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      const before = await userStore.byId(trx, ctx.tenantId, id);
      if (!before) throw notFound('user');
      assertAccountManageable(ctx.actor, before.role);
      const next: UsersTable = {
        ...before,
        display_name: patch.displayName?.trim() ?? before.display_name,
        role: patch.role ?? before.role,
        status: patch.status ?? before.status,
        updated_at: now,
      };
      await userStore.update(trx, ctx.tenantId, id, {
        display_name: next.display_name,
        role: next.role,
        status: next.status,
        updated_at: now,
      });
      // A disabled account or a changed role must not keep sessions minted under the old rights.
      if (next.status === 'disabled' || next.role !== before.role) await sessionStore.revokeAllOfUser(trx, ctx.tenantId, id, now);
      const [b, a] = [userView(before), userView(next)];
      const action = patch.status === 'disabled' && before.status !== 'disabled' ? 'user.disable' : 'user.update';
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action, targetType: 'user', targetId: id, before: userAudit(b), after: userAudit(a) },
        now,
      );
      await this.d.outbox.append(
        trx,
        ctx.tenantId,
        [{ type: 'user.updated', aggregateType: 'user', aggregateId: id, payload: { role: a.role, status: a.status } }],
        now,
      );
      return a;
    });
  }

  /** An administrator sets a user's password; every session of that user ends. */
  async setPassword(ctx: TenantContext, id: string, password: string): Promise<void> {
    const target = await this.d.db.tx(ctx.tenantId, (trx) => userStore.byId(trx, ctx.tenantId, id));
    if (!target) throw notFound('user');
    assertAccountManageable(ctx.actor, target.role);
    assertPasswordAcceptable(password, target.email);
    // Hash outside the transaction: argon2 takes tens of milliseconds and must not hold a write lock.
    const hash = await this.d.hasher.hash(password);
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      if (!(await userStore.byId(trx, ctx.tenantId, id))) throw notFound('user');
      await userStore.update(trx, ctx.tenantId, id, { password_hash: hash, password_changed_at: now, updated_at: now });
      await sessionStore.revokeAllOfUser(trx, ctx.tenantId, id, now);
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'user.set_password', targetType: 'user', targetId: id, before: null, after: null },
        now,
      );
    });
  }
}
