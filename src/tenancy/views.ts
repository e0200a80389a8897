/** Public shapes of tenancy records: what the API returns. Hashes never leave this module. */
import type { ApiKeysTable, TenantsTable, UsersTable } from '../platform/db/index.js';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly status: 'active' | 'disabled';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TenantView {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly status: 'active' | 'suspended';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly permissions: string[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export const userView = (u: UsersTable): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.display_name,
  role: u.role,
  status: u.status,
  createdAt: Number(u.created_at),
  updatedAt: Number(u.updated_at),
});

export const tenantView = (t: TenantsTable): TenantView => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  status: t.status,
  createdAt: Number(t.created_at),
  updatedAt: Number(t.updated_at),
});

export const apiKeyView = (k: ApiKeysTable): ApiKeyView => ({
  id: k.id,
  name: k.name,
  permissions: JSON.parse(k.permissions) as string[],
  createdBy: k.created_by,
  createdAt: Number(k.created_at),
  lastUsedAt: k.last_used_at === null ? null : Number(k.last_used_at),
  revokedAt: k.revoked_at === null ? null : Number(k.revoked_at),
});

/** The audit snapshot of a user: what changed, never the password hash. */
export const userAudit = (u: UserView): Record<string, unknown> => ({
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  status: u.status,
});
