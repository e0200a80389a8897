/** The caller tenant's customer tiers: everyone who reads customers may read them; admins replace them. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import type { TierInput } from './core/tiers.js';
import { putTiersBody, tiersSchema } from './schemas.js';
import type { CustomersService } from './service.js';

const tags = ['customers'];

export const customerTierRoutes = (customers: CustomersService) => async (app: FastifyInstance) => {
  app.get(
    '/api/v1/customer-tiers',
    { config: { access: 'customers.read' }, schema: { tags, response: { 200: tiersSchema } } },
    async (req) => ({ items: await customers.tiers(ctxOf(req)) }),
  );
  app.put<{ Body: { tiers: TierInput[] } }>(
    '/api/v1/customer-tiers',
    { config: { access: 'customers.admin' }, schema: { tags, body: putTiersBody, response: { 200: tiersSchema } } },
    async (req) => ({ items: await customers.replaceTiers(ctxOf(req), req.body.tiers) }),
  );
};
