/**
 * Contact use cases that go through routing: open into a queue, bot-to-human hand-over, accept,
 * reject, transfer, end, wrap-up with disposition, abandon. Each one is a runtime change: the
 * engine decides, then the contact transitions and the engine's actions commit together.
 */
import type { Transaction } from 'kysely';
import {
  actorLabel,
  ContactLedger,
  type ContactRouter,
  type ContactView,
  contactStore,
  contactView,
  type Disposition,
  newContactRow,
  type QueueRequest,
  validateDisposition,
} from '../contacts/index.js';
import { AppError, type Clock, type IdSource, isAppError, notFound, type TenantContext } from '../kernel/index.js';
import type { Database, DB } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { Actions, RoutingEngine, RoutingResult } from './core/index.js';
import { isOpen } from './core/opening-hours.js';
import type { RoutingRuntime, Write } from './runtime.js';

/** What the row may be when the write comes, by what routing held when the change was decided. */
const ABANDONABLE: Record<'none' | 'waiting' | 'answered', ReadonlySet<string>> = {
  none: new Set(['new', 'bot']),
  waiting: new Set(['queued', 'offered']),
  answered: new Set(['assigned']),
};

const NO_CHANGE: RoutingResult<Actions> = { ok: true, value: [] };

export interface FlowDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly runtime: RoutingRuntime;
}

/** Where a transfer goes: a queue, an agent (in the contact's queue unless one is named), or both. */
export interface TransferTarget {
  readonly queueId?: string;
  readonly agentId?: string;
}

export class ContactFlows implements ContactRouter {
  constructor(private readonly d: FlowDeps) {}

  private async loadContact(ctx: TenantContext, id: string) {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('contact');
    return row;
  }

  private async view(ctx: TenantContext, id: string): Promise<ContactView> {
    return contactView(await this.loadContact(ctx, id));
  }

  async checkQueue(ctx: TenantContext, queueId: string): Promise<void> {
    await this.assertQueueOpen(ctx, queueId);
  }

  /**
   * Closes a contact that never reached an agent (new, or with the bot): self-service answered it.
   * The disposition (resolved or not) is what containment figures count. A contact an agent
   * handled closes through its wrap-up instead; a routed one leaves routing first (abandon). Runs
   * as a routing change that changes no routing, so it is ordered with a concurrent hand-over.
   */
  async closeSelfService(ctx: TenantContext, contactId: string, disposition: Disposition): Promise<ContactView> {
    const d = validateDisposition(disposition);
    const notClosable = (state: string) =>
      new AppError(
        'ILLEGAL_TRANSITION',
        `Only a new or self-service contact is closed this way; this one is ${state} (an agent's contact closes with its wrap-up).`,
      );
    const row = await this.loadContact(ctx, contactId);
    if (row.state !== 'new' && row.state !== 'bot') throw notClosable(row.state);
    const plan = { refused: null as AppError | null };
    await this.d.runtime.change(
      ctx.tenantId,
      (engine) => {
        const held = engine.contact(contactId);
        plan.refused = held === null ? null : notClosable(held.state);
        return NO_CHANGE;
      },
      async (_trx, now, ledger) => {
        if (plan.refused) return;
        const fresh = await ledger.get(ctx.tenantId, contactId);
        if (!fresh) throw notFound('contact');
        // Refused after the commit: this unit changed no routing, so it must not fail either.
        if (fresh.state !== 'new' && fresh.state !== 'bot') {
          plan.refused = notClosable(fresh.state);
          return;
        }
        await ledger.move(fresh, {
          to: 'closed',
          at: now,
          actor: actorLabel(ctx),
          reason: 'self_service',
          patch: { closed_at: now, disposition: JSON.stringify(d) },
        });
      },
    );
    if (plan.refused) throw plan.refused;
    return this.view(ctx, contactId);
  }

  private async assertQueueOpen(ctx: TenantContext, queueId: string): Promise<void> {
    const settings = await this.d.runtime.queueSettings(ctx.tenantId, queueId);
    if (!settings) throw new AppError('UNKNOWN_QUEUE', `No queue ${queueId} in this organisation.`);
    if (!isOpen(settings.openingHours ?? null, this.d.clock.now())) throw new AppError('QUEUE_CLOSED');
  }

  private async lastAgent(ctx: TenantContext, customerId: string | null) {
    if (!customerId) return {};
    const last = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.lastHandled(trx, ctx.tenantId, customerId));
    return last?.agent_id && last.answered_at ? { lastAgentId: last.agent_id, lastContactAt: Number(last.answered_at) } : {};
  }

  async openQueued(ctx: TenantContext, req: QueueRequest): Promise<ContactView> {
    await this.assertQueueOpen(ctx, req.queueId);
    const last = await this.lastAgent(ctx, req.customerId);
    const id = this.d.ids.next('con');
    const row = await this.d.runtime.changeAndRead(
      ctx.tenantId,
      (engine, now) =>
        engine.enqueue(
          {
            id,
            queueId: req.queueId,
            channel: req.channel,
            tier: req.tier,
            enqueuedAt: now,
            ...(req.customerId ? { customerId: req.customerId } : {}),
            ...last,
          },
          now,
        ),
      // Opened straight into the ledger: with the engine's offer (if any) it is one insert of the
      // contact in its final state, its transitions and events deferred to the group's commit.
      async (_trx, now, ledger) => {
        const row = newContactRow(ctx.tenantId, id, req, now);
        ledger.open(row);
        await ledger.move(row, {
          to: 'queued',
          at: now,
          actor: actorLabel(ctx),
          patch: { enqueued_at: now, first_queued_at: now },
        });
      },
      (_trx, ledger) => ledger.get(ctx.tenantId, id),
    );
    if (!row) throw notFound('contact');
    return contactView(row);
  }

  async queue(ctx: TenantContext, contactId: string, queueId: string): Promise<ContactView> {
    const row = await this.loadContact(ctx, contactId);
    if (row.state !== 'new' && row.state !== 'bot')
      throw new AppError('ILLEGAL_TRANSITION', `Only a new or self-service contact can be queued; this one is ${row.state}.`);
    await this.assertQueueOpen(ctx, queueId);
    const last = await this.lastAgent(ctx, row.customer_id);
    await this.d.runtime.change(
      ctx.tenantId,
      (engine, now) =>
        engine.enqueue(
          {
            id: row.id,
            queueId,
            channel: row.channel,
            tier: row.tier,
            enqueuedAt: now,
            ...(row.customer_id ? { customerId: row.customer_id } : {}),
            ...last,
          },
          now,
        ),
      async (trx, now) => {
        const fresh = await this.ledger(trx).get(ctx.tenantId, contactId);
        if (!fresh) throw notFound('contact');
        await this.ledger(trx).move(fresh, {
          to: 'queued',
          at: now,
          actor: actorLabel(ctx),
          reason: 'handover',
          patch: { queue_id: queueId, enqueued_at: now, first_queued_at: fresh.first_queued_at ?? now },
        });
      },
    );
    return this.view(ctx, contactId);
  }

  /** The agent (the caller) takes the contact offered to them. */
  async accept(ctx: TenantContext, contactId: string): Promise<ContactView> {
    const agentId = this.agentOf(ctx);
    await this.d.runtime
      .change(
        ctx.tenantId,
        (engine, now) => engine.accept(contactId, agentId, now),
        async (trx) => {
          const row = await this.ledger(trx).get(ctx.tenantId, contactId);
          if (!row) throw notFound('contact');
          const now = this.d.clock.now();
          await this.ledger(trx).move(row, {
            to: 'assigned',
            at: now,
            actor: actorLabel(ctx),
            patch: { answered_at: row.answered_at ?? now, offer_expires_at: null },
          });
        },
      )
      .catch((e: unknown) => this.offerGone(ctx, contactId, e));
    return this.view(ctx, contactId);
  }

  /** The agent declines: the contact returns to the head of its line and the agent goes not-ready. */
  async reject(ctx: TenantContext, contactId: string): Promise<ContactView> {
    const agentId = this.agentOf(ctx);
    await this.d.runtime
      .change(ctx.tenantId, (engine, now) => engine.reject(contactId, agentId, now))
      .catch((e: unknown) => this.offerGone(ctx, contactId, e));
    return this.view(ctx, contactId);
  }

  /**
   * Ends the conversation: wrap-up begins. The agent keeps the contact (and its capacity) until the
   * disposition is in, or until the agent's wrap-up time runs out (routing then closes it).
   */
  async end(ctx: TenantContext, contactId: string): Promise<ContactView> {
    const row = await this.loadContact(ctx, contactId);
    this.assertHandler(ctx, row.agent_id);
    const notEndable = (state: string) =>
      new AppError('ILLEGAL_TRANSITION', `Only an assigned contact can be ended; this one is ${state}.`);
    if (row.state !== 'assigned') throw notEndable(row.state);
    const raced = { state: null as string | null };
    await this.d.runtime.change(
      ctx.tenantId,
      (engine, now) => engine.wrapUp(contactId, now),
      async (_trx, now, ledger) => {
        const fresh = await ledger.get(ctx.tenantId, contactId);
        if (!fresh) throw notFound('contact');
        // A concurrent End (a double click) or the customer leaving got there first. Refused after
        // the commit: a failing unit would make routing rebuild the tenant's engine.
        if (fresh.state !== 'assigned') {
          raced.state = fresh.state;
          return;
        }
        await ledger.move(fresh, { to: 'wrap_up', at: now, actor: actorLabel(ctx), patch: { wrap_up_at: now } });
      },
    );
    if (raced.state !== null) throw notEndable(raced.state);
    return this.view(ctx, contactId);
  }

  /** Records the disposition, closes the contact and frees the agent's capacity. */
  async wrapUp(ctx: TenantContext, contactId: string, disposition: Disposition): Promise<ContactView> {
    const d = validateDisposition(disposition);
    const row = await this.loadContact(ctx, contactId);
    this.assertHandler(ctx, row.agent_id);
    if (row.state !== 'assigned' && row.state !== 'wrap_up') throw this.notWrappable(contactId, row);
    await this.d.runtime
      .change(
        ctx.tenantId,
        (engine, now) => engine.release(contactId, now),
        async (trx) => {
          let fresh = await this.ledger(trx).get(ctx.tenantId, contactId);
          if (!fresh) throw notFound('contact');
          const now = this.d.clock.now();
          if (fresh.state === 'assigned')
            fresh = await this.ledger(trx).move(fresh, {
              to: 'wrap_up',
              at: now,
              actor: actorLabel(ctx),
              patch: { wrap_up_at: now },
            });
          await this.ledger(trx).move(fresh, {
            to: 'closed',
            at: now,
            actor: actorLabel(ctx),
            // The deadline is moot once the disposition is in (it marks contacts closed by it).
            patch: { closed_at: now, disposition: JSON.stringify(d), wrap_up_expires_at: null },
          });
        },
      )
      .catch((e: unknown) => this.wrapUpGone(ctx, contactId, e));
    return this.view(ctx, contactId);
  }

  /**
   * Why a contact cannot be wrapped up: its wrap-up time ran out (routing closed it without a
   * disposition; only that close leaves a deadline on a closed row), or it is in another state.
   */
  private notWrappable(
    contactId: string,
    row: { readonly state: string; readonly disposition: string | null; readonly wrap_up_expires_at: number | null },
  ): AppError {
    if (row.state === 'closed' && row.disposition === null && row.wrap_up_expires_at !== null)
      return new AppError(
        'WRAP_UP_EXPIRED',
        `Contact ${contactId} closed when its wrap-up time ran out; the disposition was not recorded.`,
      );
    return new AppError('ILLEGAL_TRANSITION', `Only an assigned contact or one in wrap-up can be wrapped up; this one is ${row.state}.`);
  }

  /**
   * Routing no longer held the contact when the wrap-up came (its time ran out, or a concurrent
   * wrap-up closed it): answered from the row once what routing decided is committed.
   */
  private async wrapUpGone(ctx: TenantContext, contactId: string, e: unknown): Promise<never> {
    if (isAppError(e) && e.code === 'NOT_FOUND') {
      await this.d.db.idle(ctx.tenantId);
      const row = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.byId(trx, ctx.tenantId, contactId));
      if (row && row.state !== 'assigned' && row.state !== 'wrap_up') throw this.notWrappable(contactId, row);
    }
    throw e;
  }

  /** Moves an assigned contact to another queue; it keeps its place in line by arrival time. */
  /**
   * Moves an assigned contact to a queue, or to a named agent (who alone is offered it until the
   * queue's T1 passes, then it routes normally in its queue). The handler transfers; a supervisor
   * may too (reassign).
   */
  async transfer(ctx: TenantContext, contactId: string, to: TransferTarget, note: string | null): Promise<ContactView> {
    const row = await this.loadContact(ctx, contactId);
    this.assertHandler(ctx, row.agent_id);
    // Checked before the engine is touched: the engine would release a queued or offered contact too.
    if (row.state !== 'assigned')
      throw new AppError('ILLEGAL_TRANSITION', `Only an assigned contact can be transferred; this one is ${row.state}.`);
    const queueId = to.queueId ?? row.queue_id;
    if (!queueId) throw new AppError('VALIDATION_FAILED', 'Name the queue to transfer to.', [{ field: 'queueId', issue: 'is required' }]);
    if (to.agentId !== undefined && to.agentId === row.agent_id)
      throw new AppError('VALIDATION_FAILED', 'The contact is already with this agent.', [
        { field: 'agentId', issue: 'is the handling agent' },
      ]);
    await this.assertQueueOpen(ctx, queueId);
    const target = to.agentId ?? null;
    const input = {
      id: row.id,
      queueId,
      channel: row.channel,
      tier: row.tier,
      ...(row.customer_id ? { customerId: row.customer_id } : {}),
    };
    // The customer already waited once: the new queue ranks them by their original arrival.
    const keepPlace = row.enqueued_at === null ? null : Number(row.enqueued_at);
    await this.d.runtime.change(
      ctx.tenantId,
      (engine, now) => {
        const targeted = target ? { targetAgentId: target, targetedAt: now } : {};
        return engine.transfer({ ...input, ...targeted, enqueuedAt: keepPlace ?? now }, now);
      },
      async (trx, now) => {
        const fresh = await this.ledger(trx).get(ctx.tenantId, contactId);
        if (!fresh) throw notFound('contact');
        const moved = await this.ledger(trx).move(fresh, {
          to: 'transferred',
          at: now,
          actor: actorLabel(ctx),
          reason: note,
        });
        await this.ledger(trx).move(moved, {
          to: 'queued',
          at: now,
          actor: actorLabel(ctx),
          reason: target ? `transfer_to_agent:${target}` : 'transfer',
          patch: {
            queue_id: queueId,
            agent_id: null,
            enqueued_at: keepPlace ?? now,
            target_agent_id: target,
            targeted_at: target ? now : null,
          },
        });
      },
    );
    return this.view(ctx, contactId);
  }

  /**
   * The customer left. Waiting contacts are abandoned; an answered one goes to wrap-up; one not
   * routed (new, bot) is abandoned too. Checked on the row first, then decided on what routing
   * holds at that moment (an accept, a hand-over or a re-offer may have come in between), and the
   * row is checked once more by the write: a race is refused after the commit, never inside it (a
   * failing unit would make routing rebuild the tenant's engine).
   */
  async abandon(ctx: TenantContext, contactId: string): Promise<ContactView> {
    const row = await this.loadContact(ctx, contactId);
    this.assertMayAbandon(ctx, row);
    const plan = { routed: 'none' as 'none' | 'waiting' | 'answered', refused: null as AppError | null };
    const decide = (engine: RoutingEngine, now: number): RoutingResult<Actions> => {
      const held = engine.contact(contactId);
      plan.refused = null;
      plan.routed = held === null ? 'none' : held.state === 'assigned' ? 'answered' : 'waiting';
      if (held === null) return NO_CHANGE;
      if (!this.mayAbandon(ctx, held.state, held.agentId, held.targetAgentId)) {
        plan.refused = new AppError('NOT_YOUR_CONTACT');
        return NO_CHANGE;
      }
      // The agent's wrap-up time starts now, as when the agent ends the conversation.
      return held.state === 'assigned' ? engine.wrapUp(contactId, now) : engine.remove(contactId, now, 'abandoned');
    };
    const write: Write = async (_trx, now, ledger) => {
      if (plan.refused) return;
      const fresh = await ledger.get(ctx.tenantId, contactId);
      if (!fresh) throw notFound('contact');
      if (!ABANDONABLE[plan.routed].has(fresh.state)) {
        const refused = new AppError(
          'ILLEGAL_TRANSITION',
          `Only a waiting or answered contact can be abandoned; this one is ${fresh.state} already.`,
        );
        // Routing took a waiting contact out that the store no longer has waiting: they disagree,
        // so the unit fails and routing is rebuilt from the store. Otherwise nothing changed.
        if (plan.routed === 'waiting') throw refused;
        plan.refused = refused;
        return;
      }
      const to = plan.routed === 'answered' ? 'wrap_up' : 'abandoned';
      await ledger.move(fresh, {
        to,
        at: now,
        actor: actorLabel(ctx),
        reason: 'customer_left',
        patch: to === 'wrap_up' ? { wrap_up_at: now } : { closed_at: now },
      });
    };
    await this.d.runtime.change(ctx.tenantId, decide, write);
    if (plan.refused) throw plan.refused;
    return this.view(ctx, contactId);
  }

  /**
   * An accept or reject of a contact routing no longer holds (closed, abandoned, timed out): the
   * offer is gone, which the agent should hear as such rather than as an unknown contact.
   */
  private async offerGone(ctx: TenantContext, contactId: string, e: unknown): Promise<never> {
    if (isAppError(e) && e.code === 'NOT_FOUND') {
      const row = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.byId(trx, ctx.tenantId, contactId));
      if (row) throw new AppError('OFFER_EXPIRED', `Contact ${contactId} is ${row.state}; it is no longer on offer.`);
    }
    throw e;
  }

  /** The transaction's contacts: routing reads and moves them only through it (see ContactLedger). */
  private ledger(trx: Transaction<DB>): ContactLedger {
    return ContactLedger.of(trx, this.d.outbox);
  }

  private agentOf(ctx: TenantContext): string {
    if (ctx.actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Only an agent can take or decline an offer.');
    return ctx.actor.id;
  }

  /**
   * Who may say a contact's customer left: the agent it is offered or assigned to, or that it waits
   * for (a transfer to them); anyone who supervises routing; and callers that are not staff (API
   * keys of integrations such as a channel gateway, the system), which hear of it from the channel.
   */
  private assertMayAbandon(
    ctx: TenantContext,
    row: { readonly state: string; readonly agent_id: string | null; readonly target_agent_id: string | null },
  ): void {
    if (!this.mayAbandon(ctx, row.state, row.agent_id, row.target_agent_id)) throw new AppError('NOT_YOUR_CONTACT');
  }

  /** API keys and the system may abandon any contact; a user supervises, holds it or is its target. */
  private mayAbandon(ctx: TenantContext, state: string, agentId: string | null, targetAgentId: string | null): boolean {
    if (ctx.actor.kind !== 'user' || ctx.actor.permissions.has('routing.supervise')) return true;
    const self = ctx.actor.id;
    return agentId === self || (state === 'queued' && targetAgentId === self);
  }

  /** The handling agent, or a supervisor/admin acting for them. */
  private assertHandler(ctx: TenantContext, agentId: string | null): void {
    if (ctx.actor.permissions.has('routing.supervise')) return;
    if (ctx.actor.kind === 'user' && ctx.actor.id === agentId) return;
    throw new AppError('NOT_YOUR_CONTACT');
  }
}
