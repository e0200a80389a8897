/**
 * Writes one contact transition: checks it against the state machine, updates the contact,
 * appends the transition log row and the domain event, all inside the caller's transaction.
 * Routing and the contacts API both change contact state only through here.
 */
import type { Transaction } from 'kysely';
import type { ContactsTable, DB } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import { assertTransition, type ContactState } from './core/state-machine.js';
import { type ContactPatch, contactStore, transitionStore } from './store.js';

export interface TransitionInput {
  readonly to: ContactState;
  readonly at: number;
  readonly actor: string;
  readonly reason?: string | null;
  readonly patch?: ContactPatch;
}

export const applyTransition = async (
  trx: Transaction<DB>,
  outbox: Outbox,
  contact: ContactsTable,
  t: TransitionInput,
): Promise<ContactsTable> => {
  assertTransition(contact.state as ContactState, t.to);
  const seq = Number(contact.transition_seq) + 1;
  const next: ContactsTable = { ...contact, ...t.patch, state: t.to, state_changed_at: t.at, transition_seq: seq };
  await contactStore.update(trx, contact.tenant_id, contact.id, { ...t.patch, state: t.to, state_changed_at: t.at, transition_seq: seq });
  await transitionStore.insert(trx, {
    tenant_id: contact.tenant_id,
    contact_id: contact.id,
    seq,
    from_state: contact.state,
    to_state: t.to,
    at: t.at,
    actor: t.actor,
    reason: t.reason ?? null,
    queue_id: next.queue_id,
    agent_id: next.agent_id,
  });
  await outbox.append(
    trx,
    contact.tenant_id,
    [
      {
        type: `contact.${t.to}`,
        aggregateType: 'contact',
        aggregateId: contact.id,
        payload: {
          from: contact.state,
          to: t.to,
          queueId: next.queue_id,
          agentId: next.agent_id,
          channel: next.channel,
          reason: t.reason ?? null,
        },
      },
    ],
    t.at,
  );
  return next;
};

/** A new contact row in state `new`, with its first transition logged by the caller's next step. */
export const newContactRow = (
  tenantId: string,
  id: string,
  input: { channel: string; customerId: string | null; queueId: string | null; tier: string; subject: string | null },
  now: number,
): ContactsTable => ({
  tenant_id: tenantId,
  id,
  channel: input.channel,
  customer_id: input.customerId,
  queue_id: input.queueId,
  tier: input.tier,
  state: 'new',
  agent_id: null,
  subject: input.subject,
  created_at: now,
  state_changed_at: now,
  enqueued_at: null,
  first_queued_at: null,
  offered_at: null,
  offer_expires_at: null,
  answered_at: null,
  wrap_up_at: null,
  closed_at: null,
  disposition: null,
  last_seq: 0,
  transition_seq: 0,
});
