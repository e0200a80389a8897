/**
 * Writes what the engine decided: offers (with their decision records), requeues, agents set
 * not-ready after a missed offer, max-wait outcomes, and timed wrap-ups (their end, and the close
 * of those that ran out). Runs inside the caller's transaction,
 * in the order the engine emitted the actions; contacts move through the caller's ledger, so a
 * contact opened and offered in the same unit is written once, in its final state.
 */
import type { Transaction } from 'kysely';
import type { ContactLedger, ContactState } from '../contacts/index.js';
import type { IdSource } from '../kernel/index.js';
import { beforeCommit, type DB, type Flusher, type RoutingDecisionsTable } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { RoutingAction } from './core/index.js';
import { presenceChanged } from './events.js';
import { agentStore, decisionStore } from './store.js';

export interface PersistDeps {
  readonly ids: IdSource;
  readonly outbox: Outbox;
}

const ENGINE = 'system:routing';

const MAX_WAIT_STATE: Record<string, ContactState> = { abandon: 'abandoned', callback: 'timed_out', ticket: 'timed_out' };

// Decision records are a log nothing reads inside a writing transaction: one insert per commit.
const flushDecisions: Flusher<RoutingDecisionsTable> = (trx, rows) => decisionStore.insertMany(trx, rows);

export const persistActions = async (
  d: PersistDeps,
  trx: Transaction<DB>,
  ledger: ContactLedger,
  tenantId: string,
  actions: readonly RoutingAction[],
  now: number,
): Promise<void> => {
  for (const a of actions) {
    if (a.type === 'agent_not_ready') {
      await agentStore.setPresence(trx, tenantId, a.agentId, 'not_ready', a.reason, now);
      await d.outbox.append(trx, tenantId, [presenceChanged(a.agentId, 'not_ready', now, a.reason)], now);
      continue;
    }
    if (a.type === 'offer_expired' || a.type === 'offer_withdrawn') continue; // the requeue that follows records it
    if (a.type === 'wrap_up_started') {
      await ledger.patch(tenantId, a.contactId, { wrap_up_expires_at: a.endsAt });
      continue;
    }
    if (a.type === 'target_lapsed') {
      // The contact now routes normally: a restart must not make it wait for that agent again.
      await ledger.patch(tenantId, a.contactId, { target_agent_id: null, targeted_at: null });
      continue;
    }
    const row = await ledger.get(tenantId, a.contactId);
    if (!row) continue; // removed in this same batch
    if (a.type === 'offer') {
      await ledger.move(row, {
        to: 'offered',
        at: now,
        actor: ENGINE,
        reason: a.decision.why,
        patch: { agent_id: a.agentId, queue_id: a.queueId, offered_at: now, offer_expires_at: a.expiresAt },
      });
      beforeCommit(trx, flushDecisions, [
        {
          tenant_id: tenantId,
          id: d.ids.next('dec'),
          contact_id: a.contactId,
          agent_id: a.agentId,
          at: now,
          record: JSON.stringify(a.decision),
        },
      ]);
    } else if (a.type === 'requeued') {
      if (row.state !== 'offered') continue;
      await ledger.move(row, {
        to: 'queued',
        at: now,
        actor: ENGINE,
        reason: `offer_${a.why}`,
        patch: { agent_id: null, offer_expires_at: null },
      });
    } else if (a.type === 'wrap_up_expired') {
      // The agent did not record a disposition in time: the contact closes without one.
      if (row.state !== 'wrap_up') continue;
      await ledger.move(row, { to: 'closed', at: now, actor: ENGINE, reason: 'wrap_up_timeout', patch: { closed_at: now } });
    } else if (a.type === 'max_wait') {
      await ledger.move(row, {
        to: MAX_WAIT_STATE[a.action] ?? 'timed_out',
        at: now,
        actor: ENGINE,
        reason: `max_wait_${a.action}`,
        patch: { closed_at: now },
      });
    }
  }
};
