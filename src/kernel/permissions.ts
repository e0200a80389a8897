/**
 * Roles and permissions. Routes declare the permission they need; one hook checks it.
 * The role table is data, so tests can walk it.
 */
export const PERMISSIONS = [
  'profile.self',
  'users.read',
  'users.manage',
  'apikeys.read',
  'apikeys.manage',
  'audit.read',
  'tenant.read',
  'operator.tenants.read',
  'operator.tenants.manage',
  'operator.audit.read',
  'customers.read',
  'customers.manage',
  'customers.admin',
  'contacts.read',
  'contacts.write',
  'routing.agent',
  'routing.supervise',
  'routing.admin',
  'webhooks.manage',
  'chat.admin',
  'chat.canned.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['operator_admin', 'tenant_admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that live inside a client tenant (operator_admin lives only in the platform tenant). */
export const TENANT_ROLES = ['tenant_admin', 'supervisor', 'agent'] as const satisfies readonly Role[];
export type TenantRole = (typeof TENANT_ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  operator_admin: ['profile.self', 'operator.tenants.read', 'operator.tenants.manage', 'operator.audit.read'],
  tenant_admin: [
    'profile.self',
    'users.read',
    'users.manage',
    'apikeys.read',
    'apikeys.manage',
    'audit.read',
    'tenant.read',
    'customers.read',
    'customers.manage',
    'customers.admin',
    'contacts.read',
    'contacts.write',
    'routing.supervise',
    'routing.admin',
    'webhooks.manage',
    'chat.admin',
    'chat.canned.manage',
  ],
  supervisor: [
    'profile.self',
    'users.read',
    'tenant.read',
    'customers.read',
    'customers.manage',
    'contacts.read',
    'contacts.write',
    'routing.agent',
    'routing.supervise',
    'chat.canned.manage',
  ],
  agent: ['profile.self', 'tenant.read', 'customers.read', 'customers.manage', 'contacts.read', 'contacts.write', 'routing.agent'],
};

/** Permissions an API key may carry: never operator powers, never key management itself. */
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
  'chat.admin',
] as const satisfies readonly Permission[];

export const permissionsOf = (role: Role): ReadonlySet<Permission> => new Set(ROLE_PERMISSIONS[role]);

export const isPermission = (s: string): s is Permission => (PERMISSIONS as readonly string[]).includes(s);
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
