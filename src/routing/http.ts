/** Routing API: skills, queues, agent profiles and presence, contact actions, snapshot, decisions. */
import type { FastifyInstance } from 'fastify';
import { contactSchema, dispositionRoute } from '../contacts/index.js';
import { ctxOf } from '../platform/http/index.js';
import type { AgentProfileInput, RoutingAdminService } from './admin.service.js';
import type { PresenceState } from './core/index.js';
import type { ContactFlows } from './flows.js';
import type { RoutingLiveService } from './live.service.js';
import type { QueueSettings } from './queue-settings.js';
import {
  agentSchema,
  createQueueBody,
  createSkillBody,
  idParam,
  listOf,
  patchQueueBody,
  putAgentBody,
  queueSchema,
  skillSchema,
  stateBody,
} from './schemas.js';

type Id = { Params: { id: string } };
const open = { type: 'object', additionalProperties: true } as const;
const noBody = { response: { 204: { type: 'null' } } } as const;

const adminRoutes = (app: FastifyInstance, admin: RoutingAdminService) => {
  app.get(
    '/api/v1/routing/skills',
    { config: { access: 'contacts.read' }, schema: { tags: ['routing'], response: { 200: listOf(skillSchema) } } },
    async (req) => ({
      items: await admin.listSkills(ctxOf(req)),
    }),
  );
  app.post<{ Body: { name: string; description?: string } }>(
    '/api/v1/routing/skills',
    { config: { access: 'routing.admin' }, schema: { tags: ['routing'], body: createSkillBody, response: { 201: skillSchema } } },
    async (req, reply) => reply.status(201).send(await admin.createSkill(ctxOf(req), req.body.name, req.body.description ?? null)),
  );
  app.get(
    '/api/v1/routing/queues',
    { config: { access: 'contacts.read' }, schema: { tags: ['routing'], response: { 200: listOf(queueSchema) } } },
    async (req) => ({
      items: await admin.listQueues(ctxOf(req)),
    }),
  );
  app.post<{ Body: { name: string; config?: QueueSettings } }>(
    '/api/v1/routing/queues',
    { config: { access: 'routing.admin' }, schema: { tags: ['routing'], body: createQueueBody, response: { 201: queueSchema } } },
    async (req, reply) => reply.status(201).send(await admin.createQueue(ctxOf(req), req.body.name, req.body.config ?? {})),
  );
  app.get<Id>(
    '/api/v1/routing/queues/:id',
    { config: { access: 'contacts.read' }, schema: { tags: ['routing'], params: idParam, response: { 200: queueSchema } } },
    async (req) => admin.getQueue(ctxOf(req), req.params.id),
  );
  app.patch<Id & { Body: { name?: string; config?: QueueSettings } }>(
    '/api/v1/routing/queues/:id',
    {
      config: { access: 'routing.admin' },
      schema: { tags: ['routing'], params: idParam, body: patchQueueBody, response: { 200: queueSchema } },
    },
    async (req) => admin.updateQueue(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/routing/agents',
    { config: { access: 'routing.supervise' }, schema: { tags: ['routing'], response: { 200: listOf(agentSchema) } } },
    async (req) => ({
      items: await admin.listAgents(ctxOf(req)),
    }),
  );
  app.put<Id & { Body: AgentProfileInput }>(
    '/api/v1/routing/agents/:id',
    {
      config: { access: 'routing.admin' },
      schema: { tags: ['routing'], params: idParam, body: putAgentBody, response: { 200: agentSchema } },
    },
    async (req) => admin.putAgent(ctxOf(req), req.params.id, req.body),
  );
};

const liveRoutes = (app: FastifyInstance, live: RoutingLiveService) => {
  app.post<{ Body: { state: PresenceState; reason?: string } }>(
    '/api/v1/routing/me/state',
    { config: { access: 'routing.agent' }, schema: { tags: ['routing'], body: stateBody, ...noBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await live.setPresence(ctx, ctx.actor.id, req.body.state, req.body.reason ?? null);
      return reply.status(204).send();
    },
  );
  app.post<Id & { Body: { state: PresenceState; reason?: string } }>(
    '/api/v1/routing/agents/:id/state',
    { config: { access: 'routing.supervise' }, schema: { tags: ['routing'], params: idParam, body: stateBody, ...noBody } },
    async (req, reply) => {
      await live.setPresence(ctxOf(req), req.params.id, req.body.state, req.body.reason ?? null);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/routing/snapshot',
    { config: { access: 'routing.supervise' }, schema: { tags: ['routing'], response: { 200: open } } },
    async (req) => live.snapshot(ctxOf(req)),
  );
  app.get<{ Querystring: { contactId?: string; before?: string; limit: number } }>(
    '/api/v1/routing/decisions',
    {
      config: { access: 'routing.supervise' },
      schema: {
        tags: ['routing'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            contactId: { type: 'string', maxLength: 64 },
            before: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: listOf({
            type: 'object',
            properties: {
              id: { type: 'string' },
              contactId: { type: 'string' },
              agentId: { type: 'string' },
              at: { type: 'number' },
              decision: open,
            },
          }),
        },
      },
    },
    async (req) => ({ items: await live.decisions(ctxOf(req), req.query) }),
  );
  app.get<Id>(
    '/api/v1/contacts/:id/wait',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags: ['contacts'],
        params: idParam,
        response: {
          200: {
            type: 'object',
            properties: {
              contactId: { type: 'string' },
              state: { type: 'string' },
              position: { type: ['number', 'null'] },
              estimatedWaitMs: { type: ['number', 'null'] },
            },
          },
        },
      },
    },
    async (req) => live.wait(ctxOf(req), req.params.id),
  );
};

const actionRoutes = (app: FastifyInstance, flows: ContactFlows) => {
  const simple = (
    path: string,
    access: 'routing.agent' | 'contacts.write',
    run: (ctx: ReturnType<typeof ctxOf>, id: string) => Promise<unknown>,
  ) =>
    app.post<Id>(
      path,
      { config: { access }, schema: { tags: ['contacts'], params: idParam, response: { 200: contactSchema } } },
      async (req) => run(ctxOf(req), req.params.id),
    );
  simple('/api/v1/contacts/:id/accept', 'routing.agent', (ctx, id) => flows.accept(ctx, id));
  simple('/api/v1/contacts/:id/reject', 'routing.agent', (ctx, id) => flows.reject(ctx, id));
  simple('/api/v1/contacts/:id/end', 'contacts.write', (ctx, id) => flows.end(ctx, id));
  simple('/api/v1/contacts/:id/abandon', 'contacts.write', (ctx, id) => flows.abandon(ctx, id));
  dispositionRoute(app, '/api/v1/contacts/:id/wrap-up', (ctx, id, d) => flows.wrapUp(ctx, id, d));
  app.post<Id & { Body: { queueId?: string; agentId?: string; note?: string } }>(
    '/api/v1/contacts/:id/transfer',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags: ['contacts'],
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          anyOf: [{ required: ['queueId'] }, { required: ['agentId'] }],
          properties: {
            queueId: { type: 'string', maxLength: 64 },
            agentId: { type: 'string', maxLength: 64 },
            note: { type: 'string', maxLength: 1000 },
          },
        },
        response: { 200: contactSchema },
      },
    },
    async (req) => {
      const { queueId, agentId, note } = req.body;
      return flows.transfer(ctxOf(req), req.params.id, { ...(queueId ? { queueId } : {}), ...(agentId ? { agentId } : {}) }, note ?? null);
    },
  );
};

export const routingRoutes =
  (admin: RoutingAdminService, live: RoutingLiveService, flows: ContactFlows) => async (app: FastifyInstance) => {
    adminRoutes(app, admin);
    liveRoutes(app, live);
    actionRoutes(app, flows);
  };
