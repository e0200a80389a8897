/**
 * Writes what the engine decided: offers (with their decision records), requeues, agents set
 * not-ready after a missed offer, and max-wait outcomes. Runs inside the caller's transaction,
 * in the order the engine emitted the actions.
 */
import type { Transaction } from 'kysely';
import { applyTransition, type ContactState, contactStore } from '../contacts/index.js';
import type { IdSource } from '../kernel/index.js';
import type { ContactsTable, DB } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { RoutingAction } from './core/index.js';
import { agentStore, decisionStore } from './store.js';

export interface PersistDeps {
  readonly ids: IdSource;
  readonly outbox: Outbox;
}

const ENGINE = 'system:routing';

/** Loads each contact once per batch, so consecutive actions see each other's changes. */
class Rows {
  private readonly cache = new Map<string, ContactsTable>();
  constructor(
    private readonly trx: Transaction<DB>,
    private readonly tenantId: string,
  ) {}
  async get(id: string): Promise<ContactsTable | null> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const row = await contactStore.byId(this.trx, this.tenantId, id);
    if (row) this.cache.set(id, row);
    return row ?? null;
  }
  set(row: ContactsTable): void {
    this.cache.set(row.id, row);
  }
}

const MAX_WAIT_STATE: Record<string, ContactState> = { abandon: 'abandoned', callback: 'timed_out', ticket: 'timed_out' };

export const persistActions = async (
  d: PersistDeps,
  trx: Transaction<DB>,
  tenantId: string,
  actions: readonly RoutingAction[],
  now: number,
): Promise<void> => {
  const rows = new Rows(trx, tenantId);
  for (const a of actions) {
    if (a.type === 'agent_not_ready') {
      await agentStore.setPresence(trx, tenantId, a.agentId, 'not_ready', a.reason, now);
      continue;
    }
    if (a.type === 'offer_expired' || a.type === 'offer_withdrawn') continue; // the requeue that follows records it
    const row = await rows.get(a.contactId);
    if (!row) continue; // removed in this same batch
    if (a.type === 'offer') {
      rows.set(
        await applyTransition(trx, d.outbox, row, {
          to: 'offered',
          at: now,
          actor: ENGINE,
          reason: a.decision.why,
          patch: { agent_id: a.agentId, queue_id: a.queueId, offered_at: now, offer_expires_at: a.expiresAt },
        }),
      );
      await decisionStore.insert(trx, {
        tenant_id: tenantId,
        id: d.ids.next('dec'),
        contact_id: a.contactId,
        agent_id: a.agentId,
        at: now,
        record: JSON.stringify(a.decision),
      });
    } else if (a.type === 'requeued') {
      if (row.state !== 'offered') continue;
      rows.set(
        await applyTransition(trx, d.outbox, row, {
          to: 'queued',
          at: now,
          actor: ENGINE,
          reason: `offer_${a.why}`,
          patch: { agent_id: null, offer_expires_at: null },
        }),
      );
    } else if (a.type === 'max_wait') {
      const to = MAX_WAIT_STATE[a.action] ?? 'timed_out';
      rows.set(
        await applyTransition(trx, d.outbox, row, {
          to,
          at: now,
          actor: ENGINE,
          reason: `max_wait_${a.action}`,
          patch: { closed_at: now },
        }),
      );
    }
  }
};
