/** The operator's tenant administration. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import { createTenantBody, idParam, listOf, patchTenantBody, tenantSchema, userSchema } from './schemas.js';
import type { NewTenant, TenantPatch, TenantsService } from './tenants.service.js';

export const tenantRoutes = (tenants: TenantsService) => async (app: FastifyInstance) => {
  app.get(
    '/api/v1/operator/tenants',
    { config: { access: 'operator.tenants.read' }, schema: { tags: ['operator'], response: { 200: listOf(tenantSchema) } } },
    async (req) => ({ items: await tenants.list(ctxOf(req)) }),
  );
  app.post<{ Body: NewTenant }>(
    '/api/v1/operator/tenants',
    {
      config: { access: 'operator.tenants.manage' },
      schema: {
        tags: ['operator'],
        body: createTenantBody,
        response: { 201: { type: 'object', properties: { tenant: tenantSchema, admin: userSchema } } },
      },
    },
    async (req, reply) => reply.status(201).send(await tenants.create(ctxOf(req), req.body)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/operator/tenants/:id',
    { config: { access: 'operator.tenants.read' }, schema: { tags: ['operator'], params: idParam, response: { 200: tenantSchema } } },
    async (req) => tenants.get(ctxOf(req), req.params.id),
  );
  app.patch<{ Params: { id: string }; Body: TenantPatch }>(
    '/api/v1/operator/tenants/:id',
    {
      config: { access: 'operator.tenants.manage' },
      schema: { tags: ['operator'], params: idParam, body: patchTenantBody, response: { 200: tenantSchema } },
    },
    async (req) => tenants.update(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/tenant',
    { config: { access: 'tenant.read' }, schema: { tags: ['tenant'], response: { 200: tenantSchema } } },
    async (req) => {
      const ctx = ctxOf(req);
      return tenants.getOwn(ctx);
    },
  );
};
