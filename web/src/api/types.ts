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
  'chat.admin',
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

/* ---------- Contact centre: contacts, presence, workspace, live statistics (docs/chat.md) ---------- */

/** Presence an agent can be in; `wrap_up` is set by the server only. */
export const PRESENCE_STATES = ['available', 'not_ready', 'break', 'offline', 'wrap_up'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
export type SettablePresence = Exclude<PresenceState, 'wrap_up'>;

export interface Presence {
  readonly state: PresenceState;
  readonly since: number;
  readonly reason: string | null;
}

/** The disposition classes the server accepts at wrap-up (src/contacts/core/disposition.ts). */
export const CONTACT_CLASSES = ['query', 'consultation', 'complaint'] as const;
export type ContactClass = (typeof CONTACT_CLASSES)[number];

export interface Disposition {
  readonly contactClass: ContactClass;
  readonly reason: string;
  readonly product: string | null;
  readonly campaign: string | null;
  readonly resolved: boolean;
  readonly note: string | null;
}

export interface Contact {
  readonly id: string;
  readonly channel: string;
  readonly customerId: string | null;
  readonly queueId: string | null;
  readonly tier: string;
  readonly state: string;
  readonly agentId: string | null;
  readonly subject: string | null;
  readonly createdAt: number;
  readonly stateChangedAt: number;
  readonly enqueuedAt: number | null;
  readonly offeredAt: number | null;
  readonly offerExpiresAt: number | null;
  readonly answeredAt: number | null;
  readonly wrapUpAt: number | null;
  /** When a timed wrap-up runs out (the contact then closes without a disposition). */
  readonly wrapUpExpiresAt: number | null;
  readonly closedAt: number | null;
  readonly disposition: Disposition | null;
  readonly lastSeq: number;
}

export interface ContactPage {
  readonly items: readonly Contact[];
  readonly nextBefore: string | null;
}

export type Visibility = 'public' | 'internal' | 'whisper';

export interface Attachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** One message of a conversation as the staff app holds it (from `msg` frames). */
export interface ChatMessage {
  readonly seq: number;
  readonly clientId: string | null;
  readonly author: { readonly kind: string; readonly name: string | null };
  readonly body: string;
  readonly attachment: Attachment | null;
  readonly at: number;
  readonly visibility: Visibility;
}

/** A message as GET /contacts/:id/messages returns it. */
export interface StoredMessage {
  readonly id: string;
  readonly seq: number;
  readonly clientMessageId: string;
  readonly author: { readonly kind: string; readonly id: string | null };
  readonly body: string;
  readonly createdAt: number;
  readonly visibility?: string;
  readonly attachmentId?: string | null;
}

/** The few customer facts the workspace read model carries with each contact. */
export interface CustomerSummary {
  readonly id: string;
  readonly displayName: string;
  readonly tier: string;
  readonly tags: readonly string[];
}

export interface LastMessage {
  readonly seq: number;
  readonly body: string;
  readonly at: number;
  readonly authorKind: string;
  readonly visibility: Visibility;
}

export interface WorkspaceContact extends Contact {
  readonly customer: CustomerSummary | null;
  readonly unread: number;
  readonly lastMessage: LastMessage | null;
}

export interface Offer extends Contact {
  readonly expiresAt: number;
}

export interface WorkspaceSnapshot {
  readonly presence: Presence;
  readonly offers: readonly Offer[];
  readonly contacts: readonly WorkspaceContact[];
}

export interface Identity {
  readonly kind: string;
  readonly value: string;
  readonly createdAt: number;
}

export interface Customer {
  readonly id: string;
  readonly displayName: string;
  readonly tier: string;
  readonly tags: readonly string[];
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
  readonly status: 'active' | 'merged';
  readonly mergedInto: string | null;
  readonly identities: readonly Identity[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Queue {
  readonly id: string;
  readonly name: string;
}

export interface CannedResponse {
  readonly id: string;
  readonly shortcut: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

export interface CannedInput {
  readonly shortcut: string;
  readonly title: string;
  readonly body: string;
}

/* ---------- Chat widgets (docs/chat.md, src/chat/schemas.ts) ---------- */

export const FIELD_RULES = ['required', 'optional', 'hidden'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];
export const PRECHAT_FIELDS = ['name', 'email', 'phone'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];

export interface PrechatTopic {
  readonly id: string;
  readonly label: { readonly 'zh-CN': string; readonly en: string };
  readonly queueId: string;
  readonly product: string | null;
}

export interface Prechat {
  readonly fields: Readonly<Record<PrechatField, FieldRule>>;
  readonly topics: readonly PrechatTopic[];
}

export interface ChatWidget {
  readonly id: string;
  readonly publicKey: string;
  readonly name: string;
  readonly allowedOrigins: readonly string[];
  readonly prechat: Prechat;
  readonly identityRequired: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface WidgetInput {
  readonly name: string;
  readonly allowedOrigins: readonly string[];
  readonly prechat: Prechat;
  readonly identityRequired: boolean;
}

/** The identity secret comes back on create and rotate only. */
export interface WidgetWithSecret {
  readonly widget: ChatWidget;
  readonly identitySecret: string;
}

export interface TierStats {
  readonly tier: string;
  readonly waiting: number;
  readonly answeredToday: number;
  readonly abandonedToday: number;
  /** 0..1, or null before anything was answered or abandoned today. */
  readonly serviceLevelToday: number | null;
}

export interface QueueStats {
  readonly id: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitMs: number;
  readonly answeredToday: number;
  readonly abandonedToday: number;
  readonly serviceLevelToday: number | null;
  readonly tiers: readonly TierStats[];
}

export interface AgentStats {
  readonly id: string;
  readonly name: string;
  readonly state: PresenceState;
  readonly since: number;
  readonly reason: string | null;
  readonly activeContacts: number;
  readonly capacity: number;
  /** 0..1 */
  readonly occupancy: number;
}

export interface LiveStats {
  readonly at: number;
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentStats[];
}
