/**
 * What chat needs from other capabilities, as narrow interfaces the composition root fills in
 * (app/chat.ts). Chat imports no other capability's services; it only names shapes.
 */
import type { AuditService } from '../audit/index.js';
import type { ContactOutcome, ContactRouter, ContactView, MessageView, NewMessage, WithMessage } from '../contacts/index.js';
import type { CustomerView } from '../customers/index.js';
import type { Clock, IdSource, TenantContext } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Logger } from '../platform/logging/index.js';
import type { AgentLive, QueueLive, QueueTargets } from './core/index.js';

export interface ChatContacts {
  get(ctx: TenantContext, id: string): Promise<ContactView>;
  list(
    ctx: TenantContext,
    q: { state?: string; customerId?: string; agentId?: string; before?: string; limit: number },
  ): Promise<{ items: ContactView[]; nextBefore: string | null }>;
  /** Queue, tier, state and times of the contacts created since `from`. */
  outcomesSince(ctx: TenantContext, from: number): Promise<ContactOutcome[]>;
  /** `check` runs on the contact inside the posting transaction and throws to refuse. */
  postMessage(
    ctx: TenantContext,
    contactId: string,
    m: NewMessage,
    check?: (contact: { readonly agent_id: string | null; readonly state: string }) => void,
    within?: WithMessage,
  ): Promise<{ message: MessageView; duplicate: boolean }>;
  messages(ctx: TenantContext, contactId: string, afterSeq: number, limit: number): Promise<MessageView[]>;
}

export interface Presence {
  readonly state: string;
  readonly since: number;
  readonly reason: string | null;
}

export interface ChatRouting {
  readonly router: Pick<ContactRouter, 'openQueued'>;
  wait(ctx: TenantContext, contactId: string): Promise<{ position: number | null; estimatedWaitMs: number | null }>;
  /** The live engine's queues and agents (agents without names; chat adds them). */
  live(ctx: TenantContext): Promise<{ queues: QueueLive[]; agents: Omit<AgentLive, 'name'>[] }>;
  /** Every queue with its service-level thresholds per tier (defaults filled in). */
  queueTargets(ctx: TenantContext): Promise<QueueTargets[]>;
  queueExists(ctx: TenantContext, queueId: string): Promise<boolean>;
  /** The agent's presence, or null when the user has no routing profile. */
  presence(ctx: TenantContext, agentId: string): Promise<Presence | null>;
}

export interface LinkedCustomer {
  readonly id: string;
  readonly tier: string;
  readonly displayName: string;
}

export interface ChatCustomers {
  /** The customer with identity app_user = userId, created if new (signed visitors only). */
  linkAppUser(ctx: TenantContext, userId: string, displayName: string | null): Promise<LinkedCustomer>;
  /** A new anonymous profile with a web_visitor identity; never an existing one. */
  createVisitor(
    ctx: TenantContext,
    v: { visitorId: string; displayName: string; attributes: Record<string, string> },
  ): Promise<LinkedCustomer>;
  get(ctx: TenantContext, id: string): Promise<CustomerView | null>;
  /** The tenant's tier ids, highest first. */
  tierIds(ctx: TenantContext): Promise<string[]>;
}

export interface ChatStaff {
  /** Display names of the tenant's users by id. */
  names(ctx: TenantContext): Promise<ReadonlyMap<string, string>>;
}

export interface ChatDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly audit: AuditService;
  readonly log: Logger;
  /** Attachments are stored under `<dataDir>/attachments/<tenant>/<id>`. */
  readonly dataDir: string;
  readonly contacts: ChatContacts;
  readonly routing: ChatRouting;
  readonly customers: ChatCustomers;
  readonly staff: ChatStaff;
}
