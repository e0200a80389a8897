/**
 * Who is acting, for which tenant, from where. Every service call carries one; stores use its
 * tenantId as the leading key of every query of tenant data.
 */
import type { Permission, Role } from './permissions.js';

export type ActorKind = 'user' | 'api_key' | 'system';

export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
  readonly name: string;
  readonly role: Role | null;
  readonly permissions: ReadonlySet<Permission>;
}

export interface TenantContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly requestId: string;
  readonly ip: string | null;
  /** Set when the actor authenticated with a log-in session (so log-out can end it). */
  readonly sessionId?: string;
}

/** The tenant that holds the platform operator's own staff. Never listed as a client tenant. */
export const PLATFORM_TENANT_ID = 'tn_platform';

export const systemActor = (name: string, permissions: ReadonlySet<Permission>): Actor => ({
  kind: 'system',
  id: `system:${name}`,
  name,
  role: null,
  permissions,
});

export const can = (ctx: TenantContext, p: Permission): boolean => ctx.actor.permissions.has(p);
