/** Audit routes: a tenant's own log, and the operator's view of any tenant's. */
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import type { AuditService } from './service.js';

const entry = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    at: { type: 'number' },
    actor: {
      type: 'object',
      properties: { kind: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' } },
    },
    action: { type: 'string' },
    targetType: { type: 'string' },
    targetId: { type: 'string' },
    before: { type: ['object', 'null'], additionalProperties: true },
    after: { type: ['object', 'null'], additionalProperties: true },
    ip: { type: ['string', 'null'] },
    requestId: { type: ['string', 'null'] },
  },
} as const;

const page = {
  type: 'object',
  properties: { items: { type: 'array', items: entry }, nextBefore: { type: ['string', 'null'] } },
} as const;

const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    before: { type: 'string', maxLength: 64 },
    action: { type: 'string', maxLength: 64 },
  },
} as const;

interface AuditQs {
  limit: number;
  before?: string;
  action?: string;
  tenantId?: string;
}

export const auditRoutes = (audit: AuditService) => async (app: FastifyInstance) => {
  app.get<{ Querystring: AuditQs }>(
    '/api/v1/audit',
    { config: { access: 'audit.read' }, schema: { tags: ['audit'], querystring: query, response: { 200: page } } },
    async (req) => audit.list(ctxOf(req), { limit: req.query.limit, before: req.query.before ?? null, action: req.query.action ?? null }),
  );
  app.get<{ Querystring: AuditQs & { tenantId: string } }>(
    '/api/v1/operator/audit',
    {
      config: { access: 'operator.audit.read' },
      schema: {
        tags: ['operator'],
        querystring: {
          ...query,
          required: ['tenantId'],
          properties: { ...query.properties, tenantId: { type: 'string', maxLength: 64 } },
        },
        response: { 200: page },
      },
    },
    async (req) =>
      audit.listForTenant(ctxOf(req), req.query.tenantId, {
        limit: req.query.limit,
        before: req.query.before ?? null,
        action: req.query.action ?? null,
      }),
  );
};
