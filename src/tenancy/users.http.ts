/** Users and roles of the caller's tenant. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import { createUserBody, idParam, listOf, patchUserBody, setPasswordBody, userSchema } from './schemas.js';
import type { NewUser, UserPatch, UsersService } from './users.service.js';

type Id = { Params: { id: string } };

export const userRoutes = (users: UsersService) => async (app: FastifyInstance) => {
  app.get(
    '/api/v1/users',
    { config: { access: 'users.read' }, schema: { tags: ['users'], response: { 200: listOf(userSchema) } } },
    async (req) => ({ items: await users.list(ctxOf(req)) }),
  );
  app.post<{ Body: NewUser }>(
    '/api/v1/users',
    { config: { access: 'users.manage' }, schema: { tags: ['users'], body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await users.create(ctxOf(req), req.body)),
  );
  app.get<Id>(
    '/api/v1/users/:id',
    { config: { access: 'users.read' }, schema: { tags: ['users'], params: idParam, response: { 200: userSchema } } },
    async (req) => users.get(ctxOf(req), req.params.id),
  );
  app.patch<Id & { Body: UserPatch }>(
    '/api/v1/users/:id',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], params: idParam, body: patchUserBody, response: { 200: userSchema } },
    },
    async (req) => users.update(ctxOf(req), req.params.id, req.body),
  );
  app.put<Id & { Body: { password: string } }>(
    '/api/v1/users/:id/password',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], params: idParam, body: setPasswordBody, response: { 204: { type: 'null' } } },
    },
    async (req, reply) => {
      await users.setPassword(ctxOf(req), req.params.id, req.body.password);
      return reply.status(204).send();
    },
  );
};
