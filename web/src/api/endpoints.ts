/** Typed calls, one per API route the web app uses. Bodies hold only the fields the server accepts. */
import { ApiError, request } from './client.js';
import { toContact, toLiveStats, toWorkspaceSnapshot } from './normalize.js';
import type {
  ApiKey,
  AuditPage,
  CannedInput,
  CannedResponse,
  ChatWidget,
  Contact,
  ContactClass,
  ContactPage,
  CreatedApiKey,
  CreatedTenant,
  Customer,
  Items,
  LiveStats,
  LoginResult,
  Me,
  PresenceState,
  Queue,
  SettablePresence,
  StoredMessage,
  Tenant,
  TenantRole,
  User,
  WidgetInput,
  WidgetWithSecret,
  WorkspaceSnapshot,
} from './types.js';

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

/* ---------- Contact centre ---------- */

export interface DispositionInput {
  readonly contactClass: ContactClass;
  readonly reason: string;
  readonly product: string;
  readonly resolved: boolean;
  readonly note?: string;
}

/** Where a transfer or a reassignment goes: exactly one of a queue and an agent. */
export type TransferTarget = { readonly queueId: string } | { readonly agentId: string };

const contactAction = (id: string, action: string, body?: unknown) =>
  request<unknown>(`/api/v1/contacts/${enc(id)}/${action}`, { method: 'POST', ...(body === undefined ? {} : { body }) }).then((c) =>
    toContact(typeof c === 'object' && c !== null ? (c as Record<string, unknown>) : {}),
  );

export const workspaceApi = {
  /** Colleagues a contact can be transferred to (any user who may handle contacts). */
  colleagues: (): Promise<{ items: { id: string; name: string; state: PresenceState }[] }> => request('/api/v1/chat/agents'),
  /** Everything the agent workspace needs after a reload: presence, open offers, handled contacts. */
  get: (signal?: AbortSignal): Promise<WorkspaceSnapshot> =>
    request<unknown>('/api/v1/workspace', signal ? { signal } : {}).then(toWorkspaceSnapshot),
  setMyState: (state: SettablePresence, reason?: string) =>
    request<void>('/api/v1/routing/me/state', { method: 'POST', body: reason ? { state, reason } : { state } }),
  accept: (id: string): Promise<Contact> => contactAction(id, 'accept'),
  reject: (id: string): Promise<Contact> => contactAction(id, 'reject'),
  end: (id: string): Promise<Contact> => contactAction(id, 'end'),
  wrapUp: (id: string, d: DispositionInput): Promise<Contact> =>
    contactAction(id, 'wrap-up', {
      disposition: {
        contactClass: d.contactClass,
        reason: d.reason.trim(),
        product: d.product.trim(),
        resolved: d.resolved,
        ...(d.note?.trim() ? { note: d.note.trim() } : {}),
      },
    }),
  transfer: (id: string, target: TransferTarget, note?: string): Promise<Contact> =>
    contactAction(id, 'transfer', { ...target, ...(note?.trim() ? { note: note.trim() } : {}) }),
};

export const contactsApi = {
  list: (q: { customerId?: string; state?: string; queueId?: string; limit?: number }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
    return request<ContactPage>(`/api/v1/contacts?${p.toString()}`);
  },
  messages: (id: string, after = 0) => request<Items<StoredMessage>>(`/api/v1/contacts/${enc(id)}/messages?after=${after}&limit=500`),
};

export const customersApi = {
  get: (id: string) => request<Customer>(`/api/v1/customers/${enc(id)}`),
};

/** The server answers a taken shortcut with the generic CONFLICT; named here so the message can say what clashed. */
const shortcutTaken = (e: unknown): never => {
  if (e instanceof ApiError && e.code === 'CONFLICT') throw new ApiError(e.status, 'SHORTCUT_TAKEN', e.message, e.details, e.requestId);
  throw e;
};

export const cannedApi = {
  list: () => request<Items<CannedResponse>>('/api/v1/canned-responses'),
  create: (i: CannedInput) => request<CannedResponse>('/api/v1/canned-responses', { method: 'POST', body: i }).catch(shortcutTaken),
  update: (id: string, patch: Partial<CannedInput>) =>
    request<CannedResponse>(`/api/v1/canned-responses/${enc(id)}`, { method: 'PATCH', body: patch }).catch(shortcutTaken),
  remove: (id: string) => request<void>(`/api/v1/canned-responses/${enc(id)}`, { method: 'DELETE' }),
};

export const widgetsApi = {
  list: () => request<Items<ChatWidget>>('/api/v1/chat/widgets'),
  create: (i: WidgetInput) => request<WidgetWithSecret>('/api/v1/chat/widgets', { method: 'POST', body: i }),
  update: (id: string, patch: Partial<WidgetInput>) =>
    request<ChatWidget>(`/api/v1/chat/widgets/${enc(id)}`, { method: 'PATCH', body: patch }),
  rotateSecret: (id: string) => request<WidgetWithSecret>(`/api/v1/chat/widgets/${enc(id)}/rotate-secret`, { method: 'POST' }),
};

export const routingApi = {
  queues: () => request<Items<Queue>>('/api/v1/routing/queues'),
  setAgentState: (agentId: string, state: SettablePresence, reason?: string) =>
    request<void>(`/api/v1/routing/agents/${enc(agentId)}/state`, { method: 'POST', body: reason ? { state, reason } : { state } }),
};

export const liveApi = {
  stats: (): Promise<LiveStats> => request<unknown>('/api/v1/live/stats').then(toLiveStats),
};
