/**
 * The agent workspace read model: everything the workspace shows, in one answer, so a page reload
 * loses nothing (presence, open offers, and the agent's conversations with customer, unread count
 * and last message).
 */
import type { ContactView } from '../contacts/index.js';
import type { CustomerView } from '../customers/index.js';
import type { TenantContext } from '../kernel/index.js';
import type { MessagesService } from './messages.service.js';
import type { ChatDeps, Presence } from './ports.js';
import { sessionStore } from './store.js';
import type { ChatMessage } from './views.js';

export interface EarlierContact {
  readonly id: string;
  readonly channel: string;
  readonly state: string;
  readonly subject: string | null;
  readonly createdAt: number;
}

export type WorkspaceCustomer = CustomerView & { readonly history: readonly EarlierContact[] };

export type WorkspaceContact = ContactView & {
  readonly customer: WorkspaceCustomer | null;
  readonly unread: number;
  readonly lastMessage: ChatMessage | null;
};

export interface Workspace {
  readonly presence: Presence;
  readonly offers: readonly (ContactView & { readonly expiresAt: number | null })[];
  readonly contacts: readonly WorkspaceContact[];
}

const HISTORY = 20;

export class WorkspaceService {
  constructor(
    private readonly d: ChatDeps,
    private readonly messages: MessagesService,
  ) {}

  /** Every contact in `state` held by the caller (through the agent index: bounded by its capacity). */
  private async held(ctx: TenantContext, state: string): Promise<ContactView[]> {
    const out: ContactView[] = [];
    let before: string | undefined;
    do {
      const page = await this.d.contacts.list(ctx, { state, agentId: ctx.actor.id, limit: 200, ...(before ? { before } : {}) });
      out.push(...page.items);
      before = page.nextBefore ?? undefined;
    } while (before);
    return out;
  }

  private async customerOf(ctx: TenantContext, c: ContactView): Promise<WorkspaceCustomer | null> {
    if (!c.customerId) return null;
    const customer = await this.d.customers.get(ctx, c.customerId);
    if (!customer) return null;
    const earlier = await this.d.contacts.list(ctx, { customerId: customer.id, limit: HISTORY + 1 });
    const history = earlier.items
      .filter((x) => x.id !== c.id)
      .slice(0, HISTORY)
      .map((x) => ({ id: x.id, channel: x.channel, state: x.state, subject: x.subject, createdAt: x.createdAt }));
    return { ...customer, history };
  }

  private async enrich(ctx: TenantContext, c: ContactView): Promise<WorkspaceContact> {
    const session = await this.d.db.tx(ctx.tenantId, (trx) => sessionStore.byContact(trx, ctx.tenantId, c.id));
    const readSeq = Number(session?.agent_read_seq ?? 0);
    const after = await this.d.contacts.messages(ctx, c.id, readSeq, 500);
    const last = c.lastSeq > 0 ? await this.messages.listStaffMessages(ctx, c.id, c.lastSeq - 1, 1) : [];
    return {
      ...c,
      customer: await this.customerOf(ctx, c),
      unread: after.filter((m) => m.author.kind === 'customer').length,
      lastMessage: last[0] ?? null,
    };
  }

  async workspace(ctx: TenantContext): Promise<Workspace> {
    const presence = (await this.d.routing.presence(ctx, ctx.actor.id)) ?? { state: 'offline', since: 0, reason: null };
    const offers = (await this.held(ctx, 'offered')).map((c) => ({ ...c, expiresAt: c.offerExpiresAt }));
    const mine = [...(await this.held(ctx, 'assigned')), ...(await this.held(ctx, 'wrap_up'))];
    const contacts: WorkspaceContact[] = [];
    for (const c of mine) contacts.push(await this.enrich(ctx, c));
    return { presence, offers, contacts };
  }
}
