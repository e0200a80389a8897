/** Typed calls, one per API route the web app uses. Bodies hold only the fields the server accepts. */
import { request } from './client.js';
import type { ApiKey, AuditPage, CreatedApiKey, CreatedTenant, Items, LoginResult, Me, Tenant, TenantRole, User } from './types.js';

const enc = encodeURIComponent;

export interface LoginInput {
  readonly organization: string;
  readonly email: string;
  readonly password: string;
}

export const authApi = {
  // An empty organisation means the platform operator, so the field is left out entirely.
  login: (i: LoginInput) =>
    request<LoginResult>('/api/v1/auth/login', {
      method: 'POST',
      body: { ...(i.organization.trim() ? { organization: i.organization.trim() } : {}), email: i.email.trim(), password: i.password },
    }),
  logout: () => request<void>('/api/v1/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => request<Me>('/api/v1/auth/me', signal ? { signal } : {}),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ token: string; expiresAt: number }>('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};

export interface NewUserInput {
  readonly email: string;
  readonly displayName: string;
  readonly role: TenantRole;
  readonly password: string;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly role?: TenantRole;
  readonly status?: 'active' | 'disabled';
}

export const usersApi = {
  list: () => request<Items<User>>('/api/v1/users'),
  create: (i: NewUserInput) => request<User>('/api/v1/users', { method: 'POST', body: i }),
  update: (id: string, patch: UserPatch) => request<User>(`/api/v1/users/${enc(id)}`, { method: 'PATCH', body: patch }),
  setPassword: (id: string, password: string) => request<void>(`/api/v1/users/${enc(id)}/password`, { method: 'PUT', body: { password } }),
};

export const apiKeysApi = {
  list: () => request<Items<ApiKey>>('/api/v1/api-keys'),
  create: (name: string, permissions: readonly string[]) =>
    request<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: { name, permissions } }),
  revoke: (id: string) => request<void>(`/api/v1/api-keys/${enc(id)}`, { method: 'DELETE' }),
};

const auditQuery = (params: Record<string, string | null | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
};

export const AUDIT_PAGE_SIZE = 50;

export const auditApi = {
  list: (before: string | null) => request<AuditPage>(`/api/v1/audit?${auditQuery({ limit: String(AUDIT_PAGE_SIZE), before })}`),
  listForTenant: (tenantId: string, before: string | null) =>
    request<AuditPage>(`/api/v1/operator/audit?${auditQuery({ tenantId, limit: String(AUDIT_PAGE_SIZE), before })}`),
};

export interface NewTenantInput {
  readonly slug: string;
  readonly name: string;
  readonly admin: { readonly email: string; readonly displayName: string; readonly password: string };
}

export const tenantsApi = {
  list: () => request<Items<Tenant>>('/api/v1/operator/tenants'),
  create: (i: NewTenantInput) => request<CreatedTenant>('/api/v1/operator/tenants', { method: 'POST', body: i }),
  update: (id: string, patch: { name?: string; status?: 'active' | 'suspended' }) =>
    request<Tenant>(`/api/v1/operator/tenants/${enc(id)}`, { method: 'PATCH', body: patch }),
};
