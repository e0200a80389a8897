/** The channel-agnostic contacts API: open a contact, post and read messages, read its history. */
import type { FastifyInstance } from 'fastify';
import { AppError, can, type TenantContext } from '../kernel/index.js';
import { ctxOf } from '../platform/http/index.js';
import { type Disposition, type DispositionBody, dispositionOf } from './core/disposition.js';
import type { ContactRouter } from './ports.js';
import {
  contactSchema,
  dispositionRequestBody,
  idParam,
  messageBody,
  messageSchema,
  openContactBody,
  transitionSchema,
} from './schemas.js';
import type { AuthorKind, ContactsService } from './service.js';
import type { ContactView } from './views.js';

/**
 * A POST on a contact that records its disposition (wrap-up, self-service close): one request
 * schema, one place for the defaults (dispositionOf), the contact back.
 */
export const dispositionRoute = (
  app: FastifyInstance,
  url: string,
  run: (ctx: TenantContext, contactId: string, d: Disposition) => Promise<ContactView>,
): void => {
  app.post<{ Params: { id: string }; Body: { disposition: DispositionBody } }>(
    url,
    {
      config: { access: 'contacts.write' },
      schema: { tags: ['contacts'], params: idParam, body: dispositionRequestBody, response: { 200: contactSchema } },
    },
    async (req) => run(ctxOf(req), req.params.id, dispositionOf(req.body.disposition)),
  );
};

/** How a contact's tier is found: from its customer, else the tenant's default tier. */
export interface ContactIdentity {
  readonly kind: string;
  readonly value: string;
}

/** What contacts need of the customers capability (the app fills it in). */
export interface CustomerLookup {
  /** A customer's tier (from the customer profile); null when the customer is unknown. */
  of(ctx: TenantContext, customerId: string): Promise<string | null>;
  /** The tier of a contact that names neither a tier nor a customer: the tenant's default. */
  fallback(ctx: TenantContext): Promise<string>;
  /** The id of the customer owning these identities, created with them when nobody does. */
  resolve(ctx: TenantContext, identities: readonly ContactIdentity[], name: string | null): Promise<string>;
}

interface OpenBody {
  channel: string;
  customerId?: string;
  tier?: string;
  subject?: string;
  queueId?: string;
  bot?: boolean;
  identities?: ContactIdentity[];
  customerName?: string;
}

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', maxLength: 20 },
    queueId: { type: 'string', maxLength: 64 },
    customerId: { type: 'string', maxLength: 64 },
    agentId: { type: 'string', maxLength: 64 },
    before: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

export const contactRoutes =
  (contacts: ContactsService, router: ContactRouter, customers: CustomerLookup) => async (app: FastifyInstance) => {
    const resolveTier = async (ctx: TenantContext, body: OpenBody, customerId: string | null): Promise<string> => {
      if (!customerId) return body.tier ?? (await customers.fallback(ctx));
      // Looked up even when the caller gives the tier: a contact may only name this tenant's customers.
      const tier = await customers.of(ctx, customerId);
      if (tier === null) throw new AppError('NOT_FOUND', 'No such customer.');
      return body.tier ?? tier;
    };

    /** The contact's customer: the one named, the one its identities lead to (or a new one), or none. */
    const customerOf = async (ctx: TenantContext, b: OpenBody): Promise<string | null> => {
      if (!b.identities) {
        if (b.customerName !== undefined)
          throw new AppError('VALIDATION_FAILED', 'customerName names a customer created from identities; give identities too.');
        return b.customerId ?? null;
      }
      if (b.customerId) throw new AppError('VALIDATION_FAILED', 'Give either customerId or identities, not both.');
      // Resolving may create a customer: the same right as POST /api/v1/customers/resolve.
      if (!can(ctx, 'customers.manage'))
        throw new AppError('FORBIDDEN', 'Opening a contact by identities needs the customers.manage permission.');
      // Resolving commits (and may create a customer): refuse what the open would refuse first.
      if (b.queueId) await router.checkQueue(ctx, b.queueId);
      return customers.resolve(ctx, b.identities, b.customerName ?? null);
    };

    app.post<{ Body: OpenBody }>(
      '/api/v1/contacts',
      { config: { access: 'contacts.write' }, schema: { tags: ['contacts'], body: openContactBody, response: { 201: contactSchema } } },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const b = req.body;
        if (b.queueId && b.bot)
          throw new AppError('VALIDATION_FAILED', 'Give either queueId (route to a human) or bot (self-service first), not both.');
        const customerId = await customerOf(ctx, b);
        const base = { channel: b.channel, customerId, tier: await resolveTier(ctx, b, customerId), subject: b.subject ?? null };
        const view = b.queueId
          ? await router.openQueued(ctx, { ...base, queueId: b.queueId })
          : await contacts.open(ctx, { ...base, bot: b.bot === true });
        return reply.status(201).send(view);
      },
    );
    app.get<{ Querystring: { state?: string; queueId?: string; customerId?: string; before?: string; limit: number } }>(
      '/api/v1/contacts',
      {
        config: { access: 'contacts.read' },
        schema: {
          tags: ['contacts'],
          querystring: listQuery,
          response: {
            200: {
              type: 'object',
              properties: { items: { type: 'array', items: contactSchema }, nextBefore: { type: ['string', 'null'] } },
            },
          },
        },
      },
      async (req) => contacts.list(ctxOf(req), req.query),
    );
    app.get<{ Params: { id: string } }>(
      '/api/v1/contacts/:id',
      { config: { access: 'contacts.read' }, schema: { tags: ['contacts'], params: idParam, response: { 200: contactSchema } } },
      async (req) => contacts.get(ctxOf(req), req.params.id),
    );
    app.get<{ Params: { id: string } }>(
      '/api/v1/contacts/:id/transitions',
      {
        config: { access: 'contacts.read' },
        schema: {
          tags: ['contacts'],
          params: idParam,
          response: { 200: { type: 'object', properties: { items: { type: 'array', items: transitionSchema } } } },
        },
      },
      async (req) => ({ items: await contacts.transitions(ctxOf(req), req.params.id) }),
    );
    dispositionRoute(app, '/api/v1/contacts/:id/close', (ctx, id, d) => router.closeSelfService(ctx, id, d));
    app.post<{ Params: { id: string }; Body: { queueId: string } }>(
      '/api/v1/contacts/:id/queue',
      {
        config: { access: 'contacts.write' },
        schema: {
          tags: ['contacts'],
          params: idParam,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['queueId'],
            properties: { queueId: { type: 'string', maxLength: 64 } },
          },
          response: { 200: contactSchema },
        },
      },
      async (req) => router.queue(ctxOf(req), req.params.id, req.body.queueId),
    );
    app.post<{ Params: { id: string }; Body: { clientMessageId: string; body: string; author?: AuthorKind } }>(
      '/api/v1/contacts/:id/messages',
      {
        config: { access: 'contacts.write' },
        schema: { tags: ['contacts'], params: idParam, body: messageBody, response: { 200: messageSchema, 201: messageSchema } },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const isUser = ctx.actor.kind === 'user';
        // Staff post as agents, never in the customer's name, and only into contacts they handle
        // unless they supervise (as on /ws/staff); integrations (API keys) relay the customer's side
        // by default and may say otherwise. Checked on the contact the posting transaction reads, so
        // another tenant's contact answers 404 first.
        const authorKind: AuthorKind = req.body.author ?? (isUser ? 'agent' : 'customer');
        const authorId = isUser ? ctx.actor.id : null;
        const supervises = ctx.actor.permissions.has('routing.supervise');
        const staffRules = (c: { readonly agent_id: string | null }): void => {
          if (!isUser) return;
          if (authorKind !== 'agent')
            throw new AppError(
              'FORBIDDEN',
              'Staff post as agents; only an integration (API key) may post for the customer, a bot or the system.',
            );
          if (!supervises && c.agent_id !== ctx.actor.id) throw new AppError('NOT_YOUR_CONTACT');
        };
        const r = await contacts.postMessage(
          ctx,
          req.params.id,
          { clientMessageId: req.body.clientMessageId, body: req.body.body, authorKind, authorId },
          staffRules,
        );
        return reply.status(r.duplicate ? 200 : 201).send(r.message);
      },
    );
    app.get<{ Params: { id: string }; Querystring: { after: number; limit: number } }>(
      '/api/v1/contacts/:id/messages',
      {
        config: { access: 'contacts.read' },
        schema: {
          tags: ['contacts'],
          params: idParam,
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              after: { type: 'integer', minimum: 0, default: 0 },
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            },
          },
          response: { 200: { type: 'object', properties: { items: { type: 'array', items: messageSchema } } } },
        },
      },
      async (req) => ({ items: await contacts.messages(ctxOf(req), req.params.id, req.query.after, req.query.limit) }),
    );
  };
