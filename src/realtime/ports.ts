/**
 * What the real-time layer needs from the rest of kefu, as interfaces the composition root
 * implements (src/app adapts the chat, tenancy and routing services to them). The real-time layer
 * imports no capability: it authenticates, authorises and stores only through these ports.
 */
import type { IncomingMessage } from 'node:http';
import type { DeliveredEvent, TenantContext } from '../kernel/index.js';
import type { ContactAccess } from './core/subscriptions.js';

/** What a visitor token (`kfv.<tenant>.<contactId>.<secret>`) grants: one conversation. */
export interface VisitorSession {
  readonly tenantId: string;
  readonly contactId: string;
  readonly widgetId: string;
  readonly visitorId: string;
}

export interface VisitorAuth {
  /** The session a token grants, or null when it is malformed, unknown, forged or expired. */
  verify(token: string): Promise<VisitorSession | null>;
  /** The widget's allowed origins (kefu's own origin is always allowed besides). */
  allowedOrigins(tenantId: string, widgetId: string): Promise<readonly string[]>;
}

export interface StaffAuth {
  /**
   * The staff member behind an upgrade request (bearer header, else the signed session cookie),
   * or null when there is no valid credential. Same rules as the HTTP API.
   */
  authenticate(req: IncomingMessage): Promise<TenantContext | null>;
}

export type MessageVisibility = 'public' | 'internal' | 'whisper';

export interface AttachmentInfo {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** A stored message as frames carry it. */
export interface ChatMessage {
  readonly seq: number;
  readonly clientId: string;
  readonly author: { readonly kind: string; readonly name: string | null };
  readonly body: string;
  readonly attachment: AttachmentInfo | null;
  readonly at: number;
  readonly visibility: MessageVisibility;
}

/** The visitor's view of its conversation (the `welcome` and `state` frames). */
export interface VisitorContact {
  readonly id: string;
  readonly state: string;
  readonly agentName: string | null;
  /** The queue the contact waits in or was routed through; `wait` updates follow its changes. */
  readonly queueId: string | null;
  /** The highest seq the agent has read (read receipts after a reload). */
  readonly readSeq: number;
}

export interface WaitInfo {
  readonly position: number;
  readonly estimatedWaitMs: number;
}

/**
 * A contact as the staff app shows it (the workspace's contact shape). Frames carry the whole
 * object as the adapter returns it; these are the fields the real-time layer itself reads.
 */
export interface StaffContact {
  readonly id: string;
  readonly agentId: string | null;
  readonly offerExpiresAt: number | null;
}

export interface PostedMessage {
  readonly seq: number;
  readonly at: number;
}

export interface NewVisitorMessage {
  readonly clientId: string;
  readonly body: string;
  readonly attachmentId: string | null;
}

export interface NewStaffMessage extends NewVisitorMessage {
  readonly visibility: MessageVisibility;
}

export type Reader =
  | { readonly kind: 'visitor'; readonly session: VisitorSession }
  | { readonly kind: 'staff'; readonly ctx: TenantContext };

export interface ChatPort {
  visitorContact(session: VisitorSession): Promise<VisitorContact>;
  /** The contact's place in its queue, or null when it is not waiting. */
  waitInfo(tenantId: string, contactId: string): Promise<WaitInfo | null>;
  /** Messages with seq > afterSeq in seq order, at most `limit`; visitors get public ones only. */
  listMessages(
    tenantId: string,
    contactId: string,
    audience: 'visitor' | 'staff',
    afterSeq: number,
    limit: number,
  ): Promise<readonly ChatMessage[]>;
  /**
   * Stores a visitor's message once per clientId (a repeat answers the stored seq) and resolves
   * after commit. Throws AppErrors (e.g. ILLEGAL_TRANSITION once the contact is closed).
   */
  postVisitorMessage(session: VisitorSession, m: NewVisitorMessage): Promise<PostedMessage>;
  /** Same for staff; the service checks the sender may post this visibility on this contact. */
  postStaffMessage(ctx: TenantContext, contactId: string, m: NewStaffMessage): Promise<PostedMessage>;
  /**
   * Records a read receipt (customer_read_seq or agent_read_seq); never lowers it and never passes
   * the contact's last message. Returns the mark now stored, which is what peers are told.
   */
  markRead(reader: Reader, contactId: string, seq: number): Promise<number>;
  /** 'handler' for the contact's agent, 'monitor' for routing.supervise, else null (also unknown contacts). */
  contactAccess(ctx: TenantContext, contactId: string): Promise<ContactAccess>;
  /** The staff shape of a contact, for `offer` and `contact` frames; null if there is none. */
  staffContact(tenantId: string, contactId: string): Promise<StaffContact | null>;
  /** The visitor's view of a contact after a change, for `state` frames. */
  visitorContactById(tenantId: string, contactId: string): Promise<VisitorContact | null>;
  /** A `message.created` event as a message (author name and attachment looked up; cache them). */
  messageOf(event: DeliveredEvent): Promise<ChatMessage | null>;
  /** The supervisor's live statistics (the `stats` frame without `t`). */
  liveStats(tenantId: string): Promise<Readonly<Record<string, unknown>>>;
  /** The agent's presence (`presence` frame) for the initial frame of an agent subscription. */
  presence(ctx: TenantContext): Promise<{ readonly state: string; readonly since: number; readonly reason: string | null } | null>;
}

export interface RealtimePorts {
  readonly visitors: VisitorAuth;
  readonly staff: StaffAuth;
  readonly chat: ChatPort;
}
