/** API keys of the caller's tenant. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import type { ApiKeysService } from './api-keys.service.js';
import { apiKeySchema, createApiKeyBody, idParam, listOf } from './schemas.js';

export const apiKeyRoutes = (keys: ApiKeysService) => async (app: FastifyInstance) => {
  app.get(
    '/api/v1/api-keys',
    { config: { access: 'apikeys.read' }, schema: { tags: ['api keys'], response: { 200: listOf(apiKeySchema) } } },
    async (req) => ({ items: await keys.list(ctxOf(req)) }),
  );
  app.post<{ Body: { name: string; permissions: string[] } }>(
    '/api/v1/api-keys',
    {
      config: { access: 'apikeys.manage' },
      schema: {
        tags: ['api keys'],
        body: createApiKeyBody,
        response: { 201: { type: 'object', properties: { apiKey: apiKeySchema, secret: { type: 'string' } } } },
      },
    },
    async (req, reply) => reply.status(201).send(await keys.create(ctxOf(req), req.body.name, req.body.permissions)),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/api-keys/:id',
    { config: { access: 'apikeys.manage' }, schema: { tags: ['api keys'], params: idParam, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await keys.revoke(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
