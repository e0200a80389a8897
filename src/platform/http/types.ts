/** What every route declares and every request carries. */
import type { Permission, TenantContext } from '../../kernel/index.js';

/** 'public': anyone; 'authenticated': any logged-in principal; otherwise one permission. */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    tenantCtx: TenantContext | null;
  }
}

export type Authenticator = (req: import('fastify').FastifyRequest) => Promise<TenantContext | null>;
