/**
 * Writes contact transitions: checks each against the state machine, updates the contact,
 * appends the transition log row and the domain event, all inside the caller's transaction.
 * Routing and the contacts API both change contact state only through here (applyTransition for
 * one step, ContactLedger for the several steps of one unit of work).
 */
import type { Transaction } from 'kysely';
import { beforeCommit, type ContactsTable, type ContactTransitionsTable, type DB, type Flusher } from '../platform/db/index.js';
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

interface Entry {
  row: ContactsTable;
  /** Not stored yet: inserted at commit in whatever state it has reached by then. */
  isNew: boolean;
  /** Columns changed since the row was stored (stored contacts only). */
  patch: ContactPatch | null;
}

const ledgers = new WeakMap<object, ContactLedger>();

// Registered once per transaction; runs just before COMMIT (see platform/db tx-hooks).
const flushLedgers: Flusher<ContactLedger> = async (_trx, list) => {
  for (const l of list) await l.flush();
};

/**
 * The contacts a transaction reads and moves, kept in memory and written at commit: a contact
 * opened and moved twice (new -> queued -> offered) is one insert, a stored contact moved twice
 * is one update, and every transition row of the transaction is one multi-row insert (the log is
 * never read back inside a writing transaction). One ledger per transaction, so the units of a
 * group commit share it: a contact opened by one unit and requeued by the next is found here.
 *
 * Inside such a transaction, read contacts through get(), not with SQL: a row the ledger holds is
 * newer than the stored one until commit. applyTransition writes its contact at once for callers
 * that read with SQL afterwards.
 */
export class ContactLedger {
  private readonly rows = new Map<string, Entry>();
  private transitions: ContactTransitionsTable[] = [];
  private armed = false;

  private constructor(
    private readonly trx: Transaction<DB>,
    private readonly outbox: Outbox,
  ) {}

  /** The ledger of `trx`, created on first use. */
  static of(trx: Transaction<DB>, outbox: Outbox): ContactLedger {
    let l = ledgers.get(trx);
    if (!l) {
      l = new ContactLedger(trx, outbox);
      ledgers.set(trx, l);
    }
    return l;
  }

  /**
   * The contact as `trx` has left it so far, if the transaction's ledger holds it; null when it
   * has no ledger or the ledger never read that contact. For callers that read with SQL (which sees
   * only the stored row) inside a group commit whose earlier units may have moved the contact.
   */
  static peek(trx: Transaction<DB>, id: string): ContactsTable | null {
    return ledgers.get(trx)?.rows.get(id)?.row ?? null;
  }

  /** A contact created in this transaction (state `new`, see newContactRow). */
  open(row: ContactsTable): void {
    this.rows.set(row.id, { row, isNew: true, patch: null });
    this.arm();
  }

  /** The contact as this transaction last left it; read from the store the first time. */
  async get(tenantId: string, id: string): Promise<ContactsTable | null> {
    const hit = this.rows.get(id);
    if (hit) return hit.row;
    const row = await contactStore.byId(this.trx, tenantId, id);
    if (!row) return null;
    this.rows.set(id, { row, isNew: false, patch: null });
    return row;
  }

  /** Checks and records one transition; returns the contact after it. */
  async move(contact: ContactsTable, t: TransitionInput): Promise<ContactsTable> {
    assertTransition(contact.state as ContactState, t.to);
    const entry = this.rows.get(contact.id);
    // A row read around the ledger would lose its pending steps: a bug, not a user error.
    if (entry && entry.row.transition_seq !== contact.transition_seq) throw new Error(`stale row of contact ${contact.id}`);
    const seq = Number(contact.transition_seq) + 1;
    const change: ContactPatch = { ...t.patch, state: t.to, state_changed_at: t.at, transition_seq: seq };
    const next: ContactsTable = { ...contact, ...change };
    if (entry) {
      entry.row = next;
      if (!entry.isNew) entry.patch = { ...entry.patch, ...change };
    } else this.rows.set(contact.id, { row: next, isNew: false, patch: change });
    this.transitions.push({
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
    this.arm();
    await this.outbox.append(
      this.trx,
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
  }

  /** Changes fields that are not a transition (e.g. routing's target after it lapsed). */
  async patch(tenantId: string, id: string, patch: ContactPatch): Promise<void> {
    const row = await this.get(tenantId, id);
    if (!row) return;
    const entry = this.rows.get(id);
    if (!entry) return;
    entry.row = { ...row, ...patch };
    if (!entry.isNew) entry.patch = { ...entry.patch, ...patch };
    this.arm();
  }

  /** Writes one contact's row now, for a caller that reads it back with SQL in this transaction. */
  async write(id: string): Promise<void> {
    const e = this.rows.get(id);
    if (!e) return;
    if (e.isNew) await contactStore.insert(this.trx, e.row);
    else if (e.patch) await contactStore.update(this.trx, e.row.tenant_id, id, e.patch);
    e.isNew = false;
    e.patch = null;
  }

  /** Writes what is pending: new contacts (one insert), changed ones, then the transition rows. */
  async flush(): Promise<void> {
    const fresh: ContactsTable[] = [];
    for (const e of this.rows.values()) {
      if (e.isNew) fresh.push(e.row);
      else if (e.patch) await contactStore.update(this.trx, e.row.tenant_id, e.row.id, e.patch);
      e.isNew = false;
      e.patch = null;
    }
    await contactStore.insertMany(this.trx, fresh);
    const log = this.transitions;
    this.transitions = [];
    await transitionStore.insertMany(this.trx, log);
    this.armed = false;
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    beforeCommit(this.trx, flushLedgers, [this]);
  }
}

/** Writes one transition of a contact now: its row at once, its log row and event at commit. */
export const applyTransition = async (
  trx: Transaction<DB>,
  outbox: Outbox,
  contact: ContactsTable,
  t: TransitionInput,
): Promise<ContactsTable> => {
  const ledger = ContactLedger.of(trx, outbox);
  const next = await ledger.move(contact, t);
  await ledger.write(contact.id);
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
  wrap_up_expires_at: null,
  closed_at: null,
  disposition: null,
  last_seq: 0,
  transition_seq: 0,
  target_agent_id: null,
  targeted_at: null,
});
