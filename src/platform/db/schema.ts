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
}

/** Tables of tenant data: tenant_id leads every key and index; RLS guards them on PostgreSQL. */
export const TENANT_TABLES = ['users', 'sessions', 'api_keys', 'audit_log', 'processed_events'] as const;

/**
 * Platform tables that are deliberately not keyed by tenant (see docs/adr/0004): the outbox needs
 * one global order, the throttle counts addresses across tenants, cursors belong to subscribers.
 */
export const PLATFORM_TABLES = ['tenants', 'login_throttle', 'outbox', 'outbox_cursors'] as const;
