/**
 * Row types of every table, for Kysely. Timestamps are epoch milliseconds (bigint) and JSON is
 * text on both dialects, so the same queries and the same tests run on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  status: 'active' | 'disabled';
  created_at: number;
  updated_at: number;
  password_changed_at: number;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  permissions: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  tenant_id: string;
  id: string;
  at: number;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface LoginThrottleTable {
  scope_key: string;
  failures: number;
  window_start: number;
  locked_until: number;
}

export interface OutboxTable {
  id: Generated<number>;
  tenant_id: string;
  aggregate_type: string;
  aggregate_id: string;
  type: string;
  payload: string;
  occurred_at: number;
}

export interface OutboxCursorsTable {
  subscriber: string;
  last_id: number;
  updated_at: number;
}

export interface ProcessedEventsTable {
  tenant_id: string;
  subscriber: string;
  event_id: number;
  processed_at: number;
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  display_name: string;
  /** display_name lower-cased, for prefix search. */
  search_name: string;
  tier: string;
  /** JSON object of string, number and boolean values. */
  attributes: string;
  /** JSON: { marketing, sms, email, phone, updatedAt }. */
  consent: string;
  status: 'active' | 'merged';
  merged_into: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomerIdentitiesTable {
  tenant_id: string;
  kind: string;
  value: string;
  customer_id: string;
  created_at: number;
}

export interface CustomerTagsTable {
  tenant_id: string;
  customer_id: string;
  tag: string;
}

export interface CustomerTiersTable {
  tenant_id: string;
  id: string;
  name: string;
  rank: number;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  login_throttle: LoginThrottleTable;
  outbox: OutboxTable;
  outbox_cursors: OutboxCursorsTable;
  processed_events: ProcessedEventsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  customer_tags: CustomerTagsTable;
  customer_tiers: CustomerTiersTable;
  contacts: ContactsTable;
  contact_transitions: ContactTransitionsTable;
  messages: MessagesTable;
  skills: SkillsTable;
  queues: QueuesTable;
  agent_profiles: AgentProfilesTable;
  routing_decisions: RoutingDecisionsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  chat_widgets: ChatWidgetsTable;
  chat_public_keys: ChatPublicKeysTable;
  chat_sessions: ChatSessionsTable;
  chat_attachments: ChatAttachmentsTable;
  csat_responses: CsatResponsesTable;
  canned_responses: CannedResponsesTable;
}

/** Tables of tenant data: tenant_id leads every key and index; RLS guards them on PostgreSQL. */
export const TENANT_TABLES = [
  'users',
  'sessions',
  'api_keys',
  'audit_log',
  'processed_events',
  'customers',
  'customer_identities',
  'customer_tags',
  'customer_tiers',
  'contacts',
  'contact_transitions',
  'messages',
  'skills',
  'queues',
  'agent_profiles',
  'routing_decisions',
  // The delivery worker's cross-tenant scan of due deliveries uses a tenant-led partial index (ADR 0008).
  'webhooks',
  'webhook_deliveries',
  'chat_widgets',
  'chat_sessions',
  'chat_attachments',
  'csat_responses',
  'canned_responses',
] as const;

/**
 * Platform tables that are deliberately not keyed by tenant (see docs/adr/0004): the outbox needs
 * one global order, the throttle counts addresses across tenants, cursors belong to subscribers,
 * and a widget's public key is unique across tenants because the widget finds its tenant by it.
 */
export const PLATFORM_TABLES = ['tenants', 'login_throttle', 'outbox', 'outbox_cursors', 'chat_public_keys'] as const;

export interface ContactsTable {
  tenant_id: string;
  id: string;
  channel: string;
  customer_id: string | null;
  queue_id: string | null;
  tier: string;
  state: string;
  agent_id: string | null;
  subject: string | null;
  created_at: number;
  state_changed_at: number;
  enqueued_at: number | null;
  first_queued_at: number | null;
  offered_at: number | null;
  offer_expires_at: number | null;
  answered_at: number | null;
  wrap_up_at: number | null;
  /** When a timed wrap-up runs out (the agent's wrap-up time after wrap_up_at); cleared when a disposition closes it. */
  wrap_up_expires_at: number | null;
  closed_at: number | null;
  disposition: string | null;
  last_seq: number;
  transition_seq: number;
  /** A transfer to a named agent: that agent, and when the transfer was made (routing restores the wait). */
  target_agent_id: string | null;
  targeted_at: number | null;
}

export interface ContactTransitionsTable {
  tenant_id: string;
  contact_id: string;
  seq: number;
  from_state: string;
  to_state: string;
  at: number;
  actor: string;
  reason: string | null;
  queue_id: string | null;
  agent_id: string | null;
}

export interface MessagesTable {
  tenant_id: string;
  contact_id: string;
  seq: number;
  id: string;
  client_message_id: string;
  author_kind: string;
  author_id: string | null;
  body: string;
  created_at: number;
  /** 'public' | 'internal' | 'whisper': only public messages ever reach a visitor. */
  visibility: string;
  attachment_id: string | null;
}

export interface SkillsTable {
  tenant_id: string;
  id: string;
  name: string;
  description: string | null;
  created_at: number;
}

export interface QueuesTable {
  tenant_id: string;
  id: string;
  name: string;
  config: string;
  created_at: number;
  updated_at: number;
}

export interface AgentProfilesTable {
  tenant_id: string;
  user_id: string;
  skills: string;
  capacity: string;
  /** How long a contact in wrap-up may hold this agent's capacity; null: until the agent is done. */
  wrap_up_seconds: number | null;
  presence: string;
  break_reason: string | null;
  presence_since: number;
  updated_at: number;
}

export interface RoutingDecisionsTable {
  tenant_id: string;
  id: string;
  contact_id: string;
  agent_id: string;
  at: number;
  record: string;
}

export interface WebhooksTable {
  tenant_id: string;
  id: string;
  url: string;
  /** Kept readable: every delivery is signed with it. Never returned after create or rotate. */
  secret: string;
  /** JSON array of event filters (`contact.queued`, `contact.*`). */
  events: string;
  /** 1 or 0. */
  active: number;
  description: string | null;
  /** The last delivery sequence number given out; the row is also the lock of the webhook's line. */
  last_seq: number;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: string;
  webhook_id: string;
  /** Position in the webhook's line (event order). */
  seq: number;
  /** The outbox event delivered; null for pings. */
  event_id: number | null;
  event_type: string;
  /** The exact JSON body sent on every attempt. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** Set only on the head of a webhook's line and on pings; null while waiting or when finished. */
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface ChatWidgetsTable {
  tenant_id: string;
  id: string;
  public_key: string;
  name: string;
  /** JSON array of origins (`https://shop.example`). */
  allowed_origins: string;
  /** JSON: { fields: { name, email, phone }, topics: [...] }. */
  prechat: string;
  /** Kept readable: identities are checked with it. Shown on create and rotate only. */
  identity_secret: string;
  /** 1 or 0. */
  identity_required: number;
  created_at: number;
  updated_at: number;
}

/** Platform table: the one global index of widget public keys (see migration 0006). */
export interface ChatPublicKeysTable {
  public_key: string;
  tenant_id: string;
  widget_id: string;
  created_at: number;
}

export interface ChatSessionsTable {
  tenant_id: string;
  contact_id: string;
  widget_id: string;
  visitor_id: string;
  /** SHA-256 (hex) of the visitor token's secret. */
  token_hash: string;
  name: string;
  expires_at: number;
  customer_read_seq: number;
  agent_read_seq: number;
  created_at: number;
}

export interface ChatAttachmentsTable {
  tenant_id: string;
  id: string;
  contact_id: string;
  message_seq: number | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** 'customer' or `user:<id>`. */
  uploaded_by: string;
  created_at: number;
}

export interface CsatResponsesTable {
  tenant_id: string;
  contact_id: string;
  rating: number;
  comment: string | null;
  created_at: number;
}

export interface CannedResponsesTable {
  tenant_id: string;
  id: string;
  shortcut: string;
  title: string;
  body: string;
  created_at: number;
  updated_at: number;
}
