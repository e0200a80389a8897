/** Public shapes of contacts, transitions and messages. */
import type { ContactsTable, ContactTransitionsTable, MessagesTable } from '../platform/db/index.js';
import type { Disposition } from './core/disposition.js';

export interface ContactView {
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
  /** When a timed wrap-up runs out and routing closes the contact. Kept on a contact it closed (so
   * closed without a disposition by its wrap-up time); null otherwise. */
  readonly wrapUpExpiresAt: number | null;
  readonly closedAt: number | null;
  readonly disposition: Disposition | null;
  readonly lastSeq: number;
}

const n = (v: number | null): number | null => (v === null ? null : Number(v));

export const contactView = (c: ContactsTable): ContactView => ({
  id: c.id,
  channel: c.channel,
  customerId: c.customer_id,
  queueId: c.queue_id,
  tier: c.tier,
  state: c.state,
  agentId: c.agent_id,
  subject: c.subject,
  createdAt: Number(c.created_at),
  stateChangedAt: Number(c.state_changed_at),
  enqueuedAt: n(c.enqueued_at),
  offeredAt: n(c.offered_at),
  offerExpiresAt: n(c.offer_expires_at),
  answeredAt: n(c.answered_at),
  wrapUpAt: n(c.wrap_up_at),
  wrapUpExpiresAt: n(c.wrap_up_expires_at),
  closedAt: n(c.closed_at),
  disposition: c.disposition === null ? null : (JSON.parse(c.disposition) as Disposition),
  lastSeq: Number(c.last_seq),
});

export interface TransitionView {
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  readonly at: number;
  readonly actor: string;
  readonly reason: string | null;
  readonly queueId: string | null;
  readonly agentId: string | null;
}

export const transitionView = (t: ContactTransitionsTable): TransitionView => ({
  seq: Number(t.seq),
  from: t.from_state,
  to: t.to_state,
  at: Number(t.at),
  actor: t.actor,
  reason: t.reason,
  queueId: t.queue_id,
  agentId: t.agent_id,
});

export interface MessageView {
  readonly id: string;
  readonly seq: number;
  readonly clientMessageId: string;
  readonly author: { readonly kind: string; readonly id: string | null };
  readonly body: string;
  readonly createdAt: number;
  readonly visibility: string;
  readonly attachmentId: string | null;
}

export const messageView = (m: MessagesTable): MessageView => ({
  id: m.id,
  seq: Number(m.seq),
  clientMessageId: m.client_message_id,
  author: { kind: m.author_kind, id: m.author_id },
  body: m.body,
  createdAt: Number(m.created_at),
  visibility: m.visibility,
  attachmentId: m.attachment_id,
});
