/**
 * Wires the chat capability: its ports are filled from contacts, routing, customers and users,
 * so chat itself imports none of their services. Kept apart from app.ts like contact-center.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditService } from '../audit/index.js';
import { type ChatRouting, ChatService, chatRoutes, type LinkedCustomer } from '../chat/index.js';
import type { CustomersService, CustomerView } from '../customers/index.js';
import type { Clock, IdSource } from '../kernel/index.js';
import { isAppError, type TenantContext } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Logger } from '../platform/logging/index.js';
import { DEFAULT_SERVICE_LEVELS, FALLBACK_SERVICE_LEVEL } from '../routing/core/index.js';
import type { TenantsService, UsersService } from '../tenancy/index.js';
import type { ContactCenter } from './contact-center.js';
import { DEMO_SLUG } from './demo-slug.js';
import { systemContext } from './system-context.js';

export interface ChatWiring {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly audit: AuditService;
  readonly log: Logger;
  readonly dataDir: string;
  readonly contactCenter: ContactCenter;
  readonly customers: CustomersService;
  readonly users: UsersService;
}

const orNull = async <T>(p: Promise<T>): Promise<T | null> => {
  try {
    return await p;
  } catch (e) {
    if (isAppError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  }
};

const sum = (r: Readonly<Record<string, number>>): number => Object.values(r).reduce((a, b) => a + b, 0);
const linked = (c: CustomerView): LinkedCustomer => ({ id: c.id, tier: c.tier, displayName: c.displayName });

const tierIds = async (customers: CustomersService, ctx: TenantContext): Promise<string[]> =>
  [...(await customers.tiers(ctx))].sort((a, b) => a.rank - b.rank).map((t) => t.id);

const routingPort = (cc: ContactCenter, customers: CustomersService): ChatRouting => ({
  router: cc.flows,
  wait: (ctx, id) => cc.routingLive.wait(ctx, id),
  live: async (ctx) => {
    const snap = await cc.routingLive.snapshot(ctx);
    return {
      queues: snap.queues.map((q) => ({ id: q.id, waiting: q.waiting, waitingByTier: q.waitingByTier, longestWaitMs: q.longestWaitMs })),
      agents: snap.agents.map((a) => ({
        id: a.id,
        state: a.status,
        since: a.since,
        reason: a.breakReason,
        activeContacts: a.assigned.length,
        load: sum(a.load),
        capacity: sum(a.capacity),
      })),
    };
  },
  queueTargets: async (ctx) => {
    const [queues, tiers] = await Promise.all([cc.routingAdmin.listQueues(ctx), tierIds(customers, ctx)]);
    return queues.map((q) => ({
      id: q.id,
      name: q.name,
      thresholdMs: Object.fromEntries(
        tiers.map((t) => [t, (q.config.serviceLevels?.[t] ?? DEFAULT_SERVICE_LEVELS[t] ?? FALLBACK_SERVICE_LEVEL).thresholdMs]),
      ),
    }));
  },
  queueExists: async (ctx, id) => (await orNull(cc.routingAdmin.getQueue(ctx, id))) !== null,
  presence: async (ctx, agentId) => {
    const p = (await cc.routingAdmin.listAgents(ctx)).find((a) => a.userId === agentId);
    return p ? { state: p.presence, since: p.presenceSince, reason: p.breakReason } : null;
  },
});

export const buildChat = (w: ChatWiring): ChatService =>
  new ChatService({
    db: w.db,
    clock: w.clock,
    ids: w.ids,
    audit: w.audit,
    log: w.log,
    dataDir: w.dataDir,
    contacts: w.contactCenter.contacts,
    routing: routingPort(w.contactCenter, w.customers),
    customers: {
      linkAppUser: async (ctx, userId, displayName) =>
        linked((await w.customers.resolve(ctx, [{ kind: 'app_user', value: userId }], displayName ? { displayName } : {})).customer),
      createVisitor: async (ctx, v) =>
        linked(
          await w.customers.create(ctx, {
            displayName: v.displayName,
            identities: [{ kind: 'web_visitor', value: v.visitorId }],
            attributes: v.attributes,
          }),
        ),
      get: (ctx, id) => orNull(w.customers.get(ctx, id)),
      tierIds: (ctx) => tierIds(w.customers, ctx),
    },
    staff: { names: async (ctx) => new Map((await w.users.list(ctx)).map((u) => [u.id, u.displayName])) },
  });

/** The public key of the demo tenant's first widget (for the /demo page), or null. */
export const demoWidgetKey = async (tenants: TenantsService, chat: ChatService): Promise<string | null> => {
  const tenant = await tenants.bySlug(DEMO_SLUG);
  if (!tenant) return null;
  return (await chat.widgets.list(systemContext('demo', tenant.id)))[0]?.publicKey ?? null;
};

export const registerChat = async (server: FastifyInstance, chat: ChatService, tenants: TenantsService, widgetRoot: string) => {
  await server.register(chatRoutes(chat, { widgetRoot, demoPublicKey: () => demoWidgetKey(tenants, chat) }));
};
