/** Customer profiles, their identities, resolve and merge, for the caller's tenant. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import type { IdentityInput } from './core/identity.js';
import type { CustomerPatch, CustomerQuery, NewCustomer } from './profile.service.js';
import {
  createCustomerBody,
  customerPageSchema,
  customerSchema,
  identityBody,
  identityParams,
  idParam,
  listQuery,
  mergeBody,
  patchCustomerBody,
  resolveBody,
  resolveSchema,
} from './schemas.js';
import type { CustomersService } from './service.js';

type Id = { Params: { id: string } };
const tags = ['customers'];

export const customerRoutes = (customers: CustomersService) => async (app: FastifyInstance) => {
  app.get<{ Querystring: CustomerQuery }>(
    '/api/v1/customers',
    { config: { access: 'customers.read' }, schema: { tags, querystring: listQuery, response: { 200: customerPageSchema } } },
    async (req) => customers.list(ctxOf(req), req.query),
  );
  app.post<{ Body: NewCustomer }>(
    '/api/v1/customers',
    { config: { access: 'customers.manage' }, schema: { tags, body: createCustomerBody, response: { 201: customerSchema } } },
    async (req, reply) => reply.status(201).send(await customers.create(ctxOf(req), req.body)),
  );
  app.post<{ Body: { identities: IdentityInput[]; displayName?: string } }>(
    '/api/v1/customers/resolve',
    {
      config: { access: 'customers.manage' },
      schema: { tags, body: resolveBody, response: { 200: resolveSchema, 201: resolveSchema } },
    },
    async (req, reply) => {
      const { identities, displayName } = req.body;
      const r = await customers.resolve(ctxOf(req), identities, displayName === undefined ? {} : { displayName });
      const conflicts = r.conflicts.map((c) => ({ kind: c.identity.kind, value: c.identity.value, customerId: c.customerId }));
      return reply.status(r.created ? 201 : 200).send({ ...r, conflicts });
    },
  );
  app.get<Id>(
    '/api/v1/customers/:id',
    { config: { access: 'customers.read' }, schema: { tags, params: idParam, response: { 200: customerSchema } } },
    async (req) => customers.get(ctxOf(req), req.params.id),
  );
  app.patch<Id & { Body: CustomerPatch }>(
    '/api/v1/customers/:id',
    {
      config: { access: 'customers.manage' },
      schema: { tags, params: idParam, body: patchCustomerBody, response: { 200: customerSchema } },
    },
    async (req) => customers.update(ctxOf(req), req.params.id, req.body),
  );
  app.post<Id & { Body: IdentityInput }>(
    '/api/v1/customers/:id/identities',
    {
      config: { access: 'customers.manage' },
      schema: { tags, params: idParam, body: identityBody, response: { 200: customerSchema, 201: customerSchema } },
    },
    async (req, reply) => {
      const r = await customers.addIdentity(ctxOf(req), req.params.id, req.body);
      return reply.status(r.added ? 201 : 200).send(r.customer);
    },
  );
  app.delete<{ Params: { id: string; kind: string; value: string } }>(
    '/api/v1/customers/:id/identities/:kind/:value',
    { config: { access: 'customers.manage' }, schema: { tags, params: identityParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await customers.removeIdentity(ctxOf(req), req.params.id, req.params.kind, req.params.value);
      return reply.status(204).send();
    },
  );
  app.post<Id & { Body: { intoId: string } }>(
    '/api/v1/customers/:id/merge',
    {
      config: { access: 'customers.manage' },
      schema: { tags, params: idParam, body: mergeBody, response: { 200: customerSchema } },
    },
    async (req) => customers.merge(ctxOf(req), req.params.id, req.body.intoId),
  );
};
