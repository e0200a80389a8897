/** Who may grant what: no one grants more than they hold, and no admin locks themselves out. */
import { type Actor, API_KEY_PERMISSIONS, AppError, type Permission, TENANT_ROLES, type TenantRole } from '../../kernel/index.js';

export const isTenantRole = (r: string): r is TenantRole => (TENANT_ROLES as readonly string[]).includes(r);

/**
 * Route permissions already limit who manages users; this adds what a permission cannot say:
 * only tenant roles exist inside a tenant, and an API key may not mint an administrator (who could
 * then mint keys with more rights than the key had).
 */
export const assertRoleAssignable = (actor: Actor, target: string): TenantRole => {
  if (!isTenantRole(target)) throw new AppError('ROLE_NOT_ASSIGNABLE', `Role ${target} cannot be held inside an organisation.`);
  if (actor.kind === 'api_key' && target === 'tenant_admin') {
    throw new AppError('ROLE_NOT_ASSIGNABLE', 'An API key cannot grant the tenant_admin role.');
  }
  return target;
};

/**
 * The other half of the rule above: a key that could reset an administrator's password could log
 * in as them, and one that could demote or disable every administrator could lock the tenant out
 * of the rights it cannot grant back. So keys manage only accounts below tenant_admin.
 */
export const assertAccountManageable = (actor: Actor, targetRole: string): void => {
  if (actor.kind === 'api_key' && targetRole === 'tenant_admin') {
    throw new AppError('FORBIDDEN', 'An API key cannot change a tenant_admin account.');
  }
};

export const assertKeyPermissions = (requested: readonly string[], held: ReadonlySet<Permission>): Permission[] => {
  const out: Permission[] = [];
  for (const p of requested) {
    if (!(API_KEY_PERMISSIONS as readonly string[]).includes(p)) {
      throw new AppError('PERMISSION_NOT_GRANTABLE', `An API key cannot hold ${p}.`, [
        { field: 'permissions', issue: `${p} is not an API-key permission` },
      ]);
    }
    if (!held.has(p as Permission)) throw new AppError('PERMISSION_NOT_GRANTABLE', `You do not hold ${p}.`);
    if (!out.includes(p as Permission)) out.push(p as Permission);
  }
  return out;
};

export interface SelfChange {
  readonly actorUserId: string | null;
  readonly targetUserId: string;
  readonly newRole?: string;
  readonly newStatus?: string;
}

export const assertNoSelfLockout = (c: SelfChange): void => {
  if (c.actorUserId !== c.targetUserId) return;
  if (c.newStatus === 'disabled') throw new AppError('SELF_LOCKOUT', 'You cannot disable your own account.');
  if (c.newRole !== undefined && c.newRole !== 'tenant_admin') {
    throw new AppError('SELF_LOCKOUT', 'You cannot remove your own admin role; ask another admin.');
  }
};

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$';
export const RESERVED_SLUGS = new Set(['platform', 'operator', 'admin', 'api', 'www', 'kefu', 'system']);
