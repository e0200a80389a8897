/** Shapes of the kefu HTTP API as the web app sees them. Timestamps are epoch milliseconds. */

export type Role = 'operator_admin' | 'tenant_admin' | 'supervisor' | 'agent';

/** Roles an administrator can hand out inside an organisation. */
export const TENANT_ROLES = ['tenant_admin', 'supervisor', 'agent'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Permissions an API key may carry (the server refuses any other). */
export const API_KEY_PERMISSIONS = [
  'users.read',
  'users.manage',
  'audit.read',
  'tenant.read',
  'customers.read',
  'customers.manage',
  'contacts.read',
  'contacts.write',
  'routing.supervise',
  'routing.admin',
  'webhooks.manage',
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** The minimum the server's password policy accepts; checked client-side only to hint early. */
export const PASSWORD_MIN = 10;

export interface Me {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly tenantName: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly permissions: readonly string[];
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: number;
  readonly user: Me;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly status: 'active' | 'disabled';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  readonly secret: string;
}

export interface AuditEntry {
  readonly id: string;
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
  readonly items: readonly AuditEntry[];
  readonly nextBefore: string | null;
}

export interface Tenant {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly status: 'active' | 'suspended';
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface CreatedTenant {
  readonly tenant: Tenant;
  readonly admin: User;
}

export interface ErrorDetail {
  readonly field?: string;
  readonly issue: string;
}

export interface Items<T> {
  readonly items: readonly T[];
}
