/**
 * The live routing of every tenant: one engine per tenant, built from the store on first use (so a
 * restart restores queued, offered and assigned contacts), changed only under the tenant's mutex.
 * A change is: engine first (it validates and decides), then one unit of the tenant's group commit
 * that writes the caller's rows and the engine's actions; the caller hears back after its commit.
 * If a unit fails, the engine is thrown away and rebuilt from the store once the tenant's pending
 * commits are done, and the changes decided after the failed one are made again on the rebuilt
 * engine, so memory never runs ahead of what is committed for longer than one group commit.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { CHANNELS, ContactLedger, contactStore } from '../contacts/index.js';
import type { AppError, Clock, IdSource } from '../kernel/index.js';
import type { ContactsTable, Database, DB } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import { engineAgent } from './agent-profile.js';
import {
  type Actions,
  knownTier,
  type PresenceState,
  type RankedTier,
  type RestoreContact,
  RoutingEngine,
  type RoutingResult,
  tierConfigs,
} from './core/index.js';
import { toAppError } from './errors.js';
import { Mutex } from './mutex.js';
import { persistActions } from './persist.js';
import { engineQueue, type QueueSettings } from './queue-settings.js';
import { agentStore, queueStore } from './store.js';

export interface RuntimeDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly log: Logger;
  /** The tenant's customer tiers, ranked; routing gives each a head start (tier-offsets.ts). */
  readonly tiersOf: (tenantId: string) => Promise<readonly RankedTier[]>;
}

interface TenantRouting {
  readonly engine: RoutingEngine;
  /** Each queue's stored settings (opening hours live here, not in the engine). */
  readonly queues: Map<string, QueueSettings>;
  readonly mutex: Mutex;
  timer: NodeJS.Timeout | null;
  /** Set when this engine was thrown away; callers still queued on its mutex go to the new one. */
  stale: boolean;
  /** Set when a change this engine holds failed to commit: its later, uncommitted changes redo. */
  poisoned: boolean;
}

const ROUTED_STATES = ['queued', 'offered', 'assigned', 'wrap_up'];

const restoreContact = (c: ContactsTable, tierOf: (t: string) => string): RestoreContact | null => {
  if (!c.queue_id) return null;
  const base = {
    id: c.id,
    queueId: c.queue_id,
    channel: c.channel,
    tier: tierOf(c.tier),
    enqueuedAt: Number(c.enqueued_at ?? c.created_at),
  };
  const customer = c.customer_id ? { ...base, customerId: c.customer_id } : base;
  // A contact transferred to a named agent, still waiting for or offered to them, keeps its target
  // after a restart (the engine ends it at the same moment it would have without the restart).
  const waiting = c.state === 'queued' || c.state === 'offered';
  const withCustomer =
    waiting && c.target_agent_id
      ? { ...customer, targetAgentId: c.target_agent_id, targetedAt: Number(c.targeted_at ?? c.state_changed_at) }
      : customer;
  if (c.state === 'queued') return { ...withCustomer, state: 'queued' };
  if (!c.agent_id) return null;
  if (c.state === 'offered')
    return { ...withCustomer, state: 'offered', agentId: c.agent_id, offerExpiresAt: Number(c.offer_expires_at ?? 0) };
  // Wrap-up still holds the agent's capacity until the disposition is in, or its time runs out.
  const assigned = {
    ...withCustomer,
    state: 'assigned' as const,
    agentId: c.agent_id,
    assignedAt: Number(c.answered_at ?? c.state_changed_at),
  };
  if (c.state !== 'wrap_up') return assigned;
  const wrapping = { ...assigned, wrapping: true };
  return c.wrap_up_expires_at === null ? wrapping : { ...wrapping, wrapUntil: Number(c.wrap_up_expires_at) };
};

/** The caller's rows; `ledger` is the transaction's contacts: read and move them through it. */
export type Write = (trx: Transaction<DB>, now: number, ledger: ContactLedger) => Promise<void>;
export type Read<T> = (trx: Transaction<DB>, ledger: ContactLedger) => Promise<T>;
export type Apply = (engine: RoutingEngine, now: number) => RoutingResult<Actions>;

/**
 * Thrown inside a unit decided by an engine that a failed commit has since poisoned: the unit
 * writes nothing and its change is made again, from the start, on the rebuilt engine.
 */
const REDO = Symbol('redo on the rebuilt engine');

/** What a change left to await outside the mutex. */
type Pending<T> =
  | { readonly stale: true }
  | { readonly stale: false; readonly commit: Promise<T> | null; readonly refused: AppError | null };

export class RoutingRuntime {
  private readonly tenants = new Map<string, Promise<TenantRouting>>();
  private closed = false;

  constructor(private readonly d: RuntimeDeps) {}

  /** Applies an engine change and its writes as one unit; returns what the engine said. */
  async change(tenantId: string, apply: Apply, write?: Write): Promise<Actions> {
    let actions: Actions = [];
    await this.changeAndRead(
      tenantId,
      apply,
      write,
      async () => undefined,
      (a) => {
        actions = a;
      },
    );
    return actions;
  }

  /**
   * The same, and reads a result at the end of the same transaction, after the engine's actions
   * are written (e.g. the contact as offered), saving a transaction on hot paths.
   *
   * The mutex covers only the engine's decision and the hand-over of its writes to the group
   * commit, so the next change is decided while this one is being written; the caller still
   * hears back only after its own commit. Commits of one tenant keep decision order.
   */
  async changeAndRead<T>(tenantId: string, apply: Apply, write: Write | undefined, read: Read<T>, seen?: (a: Actions) => void): Promise<T> {
    for (;;) {
      const t = await this.tenant(tenantId);
      const p: Pending<T> = await t.mutex.run(async () => {
        if (t.stale) return { stale: true };
        const now = this.d.clock.now();
        // What fell due (offer expiries, T1/T2, max waits) happens first and is written even when the
        // engine then refuses the change: a refused call has already moved the engine's time on.
        let due: Actions;
        let r: ReturnType<Apply>;
        try {
          due = t.engine.tick(now);
          r = apply(t.engine, now);
        } catch (e) {
          // An engine that threw may be half-changed, with what fell due unwritten: drop it, so the
          // next use rebuilds it from the store.
          this.forget(tenantId, t);
          throw e;
        }
        this.schedule(tenantId, t);
        if (!r.ok) {
          const commit = due.length > 0 ? this.submit(tenantId, t, due, [], now, undefined, async () => undefined as T) : null;
          return { stale: false, commit, refused: toAppError(r.error) };
        }
        seen?.(r.value);
        return { stale: false, commit: this.submit(tenantId, t, due, r.value, now, write, read), refused: null };
      });
      if (p.stale) continue;
      let result: T | undefined;
      try {
        result = p.commit ? await p.commit : undefined;
      } catch (e) {
        if (e === REDO) continue;
        throw e;
      }
      if (p.refused) throw p.refused;
      return result as T;
    }
  }

  /** Drops a tenant's engine (after its tiers change); the next use rebuilds it from the store. */
  async invalidate(tenantId: string): Promise<void> {
    const p = this.tenants.get(tenantId);
    const t = p ? await p.catch(() => null) : null;
    if (!t) return;
    await t.mutex.run(async () => this.forget(tenantId, t));
  }

  /** A queue's stored settings as routing knows them; null when the queue does not exist. */
  async queueSettings(tenantId: string, queueId: string): Promise<QueueSettings | null> {
    return (await this.tenant(tenantId)).queues.get(queueId) ?? null;
  }

  /** Keeps the settings cache in step after an administrator's change has committed. */
  async rememberQueue(tenantId: string, queueId: string, settings: QueueSettings): Promise<void> {
    (await this.tenant(tenantId)).queues.set(queueId, settings);
  }

  /**
   * Reads the engine under the tenant's mutex (positions, snapshots), once what it has decided is
   * committed: a reader never sees a decision the store does not hold yet.
   */
  async read<T>(tenantId: string, fn: (engine: RoutingEngine, now: number) => T): Promise<T> {
    for (;;) {
      const t = await this.tenant(tenantId);
      const out = await t.mutex.run(async () => {
        await this.d.db.idle(tenantId);
        return t.stale ? { stale: true as const } : { stale: false as const, value: fn(t.engine, this.d.clock.now()) };
      });
      if (!out.stale) return out.value;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [tenantId, p] of this.tenants) {
      const t = await p.catch(() => null);
      if (t?.timer) clearTimeout(t.timer);
      await this.d.db.idle(tenantId);
    }
    this.tenants.clear();
  }

  /**
   * Hands the writes of one decision to the tenant's group commit, in the order the engine made
   * them: what fell due before the change, then the caller's write, then the change's own actions.
   */
  private submit<T>(
    tenantId: string,
    t: TenantRouting,
    due: Actions,
    actions: Actions,
    now: number,
    write: Write | undefined,
    read: Read<T>,
  ): Promise<T> {
    return this.d.db.group(
      tenantId,
      async (trx) => {
        if (t.poisoned) throw REDO;
        // The transaction's ledger: units of one group commit share it, and it writes at commit.
        const ledger = ContactLedger.of(trx, this.d.outbox);
        // The caller's write sees the store as the engine saw it when deciding (after what fell due).
        if (due.length > 0) await persistActions(this.d, trx, ledger, tenantId, due, now);
        if (write) await write(trx, now, ledger);
        await persistActions(this.d, trx, ledger, tenantId, actions, now);
        return read(trx, ledger);
      },
      {
        // The engine already holds this change: drop it before a later unit, decided on top of
        // it, is written; those redo their change on an engine rebuilt from the store.
        onError: (e) => {
          if (e === REDO) return;
          t.poisoned = true;
          this.forget(tenantId, t);
        },
      },
    );
  }

  private forget(tenantId: string, t: TenantRouting): void {
    t.stale = true;
    if (t.timer) clearTimeout(t.timer);
    this.tenants.delete(tenantId);
  }

  private tenant(tenantId: string): Promise<TenantRouting> {
    let p = this.tenants.get(tenantId);
    if (!p) {
      p = this.load(tenantId);
      this.tenants.set(tenantId, p);
      p.catch(() => this.tenants.delete(tenantId));
    }
    return p;
  }

  private async load(tenantId: string): Promise<TenantRouting> {
    // A dropped engine's last changes may still be committing: build from the store after them.
    await this.d.db.idle(tenantId);
    const tiers = tierConfigs(await this.d.tiersOf(tenantId));
    const engine = new RoutingEngine({ channels: [...CHANNELS], tiers });
    const now = this.d.clock.now();
    const { queues, agents, contacts } = await this.d.db.tx(tenantId, async (trx) => ({
      queues: await queueStore.list(trx, tenantId),
      agents: await agentStore.list(trx, tenantId),
      contacts: await contactStore.inStates(trx, tenantId, ROUTED_STATES),
    }));
    // Overflow targets must exist before the queues that point at them: two passes.
    for (const q of queues)
      engine.upsertQueue(engineQueue(q.id, { ...(JSON.parse(q.config) as QueueSettings), overflowQueueId: undefined }), now);
    for (const q of queues) engine.upsertQueue(engineQueue(q.id, JSON.parse(q.config) as QueueSettings), now);
    for (const a of agents) engine.upsertAgent(engineAgent(a), now);
    const restored = engine.restore(
      {
        agents: agents.map((a) => ({
          id: a.user_id,
          presence: a.presence as PresenceState,
          breakReason: a.break_reason ?? undefined,
          since: Number(a.presence_since),
        })),
        contacts: contacts.map((c) => restoreContact(c, (t) => knownTier(tiers, t))).filter((c): c is RestoreContact => c !== null),
      },
      now,
    );
    if (!restored.ok) throw toAppError(restored.error);
    const settings = new Map(queues.map((q) => [q.id, JSON.parse(q.config) as QueueSettings]));
    const t: TenantRouting = { engine, queues: settings, mutex: new Mutex(), timer: null, stale: false, poisoned: false };
    if (restored.value.length > 0)
      await this.d.db.tx(tenantId, async (trx) => {
        await persistActions(this.d, trx, ContactLedger.of(trx, this.d.outbox), tenantId, restored.value, now);
      });
    this.schedule(tenantId, t);
    this.d.log.info({ tenantId, queues: queues.length, agents: agents.length, contacts: contacts.length }, 'routing restored');
    return t;
  }

  /** Arms one timer per tenant at the engine's next deadline (offer expiry, T1/T2, max wait). */
  private schedule(tenantId: string, t: TenantRouting): void {
    if (this.closed) return;
    const due = t.engine.nextDeadline();
    if (t.timer) clearTimeout(t.timer);
    t.timer = null;
    if (due === null) return;
    t.timer = setTimeout(
      () => {
        t.timer = null;
        this.change(tenantId, (engine, now) => ({ ok: true, value: engine.tick(now) })).catch((e: unknown) => {
          this.d.log.error({ err: e, tenantId }, 'routing timer failed; rebuilding from the store');
          // The failed commit dropped the engine; rebuild now so its timers are armed again even
          // if no request comes for this tenant.
          if (!this.closed) void this.tenant(tenantId).catch(() => undefined);
        });
      },
      Math.max(0, due - this.d.clock.now()),
    );
    t.timer.unref();
  }
}
