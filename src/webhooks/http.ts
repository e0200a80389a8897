/** Webhooks API: every route needs `webhooks.manage` (tenant admins, and API keys granted it). */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import {
  createWebhookBody,
  deliveriesQuery,
  deliverySchema,
  idParam,
  listOf,
  patchWebhookBody,
  webhookSchema,
  withSecretSchema,
} from './schemas.js';
import type { DeliveryQuery, NewWebhook, WebhookPatch, WebhooksService } from './webhooks.service.js';

type Id = { Params: { id: string } };
const access = { access: 'webhooks.manage' } as const;
const tags = ['webhooks'];

export const webhookRoutes = (svc: WebhooksService) => async (app: FastifyInstance) => {
  app.get('/api/v1/webhooks', { config: access, schema: { tags, response: { 200: listOf(webhookSchema) } } }, async (req) => ({
    items: await svc.list(ctxOf(req)),
  }));
  app.post<{ Body: NewWebhook }>(
    '/api/v1/webhooks',
    { config: access, schema: { tags, body: createWebhookBody, response: { 201: withSecretSchema } } },
    async (req, reply) => reply.status(201).send(await svc.create(ctxOf(req), req.body)),
  );
  app.get<Id>(
    '/api/v1/webhooks/:id',
    { config: access, schema: { tags, params: idParam, response: { 200: webhookSchema } } },
    async (req) => svc.get(ctxOf(req), req.params.id),
  );
  app.patch<Id & { Body: WebhookPatch }>(
    '/api/v1/webhooks/:id',
    { config: access, schema: { tags, params: idParam, body: patchWebhookBody, response: { 200: webhookSchema } } },
    async (req) => svc.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete<Id>(
    '/api/v1/webhooks/:id',
    { config: access, schema: { tags, params: idParam, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await svc.remove(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post<Id>(
    '/api/v1/webhooks/:id/rotate-secret',
    { config: access, schema: { tags, params: idParam, response: { 200: withSecretSchema } } },
    async (req) => svc.rotateSecret(ctxOf(req), req.params.id),
  );
  app.post<Id>(
    '/api/v1/webhooks/:id/ping',
    { config: access, schema: { tags, params: idParam, response: { 202: deliverySchema } } },
    async (req, reply) => reply.status(202).send(await svc.ping(ctxOf(req), req.params.id)),
  );
  app.get<Id & { Querystring: DeliveryQuery }>(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: access,
      schema: {
        tags,
        params: idParam,
        querystring: deliveriesQuery,
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: deliverySchema }, nextBefore: { type: ['string', 'null'] } },
          },
        },
      },
    },
    async (req) => svc.deliveries(ctxOf(req), req.params.id, req.query),
  );
};
