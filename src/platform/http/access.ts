/**
 * The one place permissions are checked. Each route declares `config.access`; a route that forgets
 * to is refused at start-up, so no route can be open by omission.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type TenantContext } from '../../kernel/index.js';
import type { Authenticator, RouteAccess } from './types.js';

// Routes that plugins register (API docs under /docs, the static web app at / and /*) are public
// by nature. Matched exactly or below /docs/, so a new route elsewhere cannot slip through.
const isPluginRoute = (url: string): boolean => url === '/' || url === '/*' || url === '/docs' || url.startsWith('/docs/');

export const installAccessControl = (app: FastifyInstance, authenticate: Authenticator): void => {
  app.decorateRequest('tenantCtx', null);

  app.addHook('onRoute', (route) => {
    const declared = route.config?.access;
    if (declared) return;
    if (isPluginRoute(route.url)) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      return;
    }
    throw new Error(`route ${route.method} ${route.url} declares no config.access`);
  });

  app.addHook('onRequest', async (req) => {
    const access: RouteAccess | undefined = req.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const ctx = await authenticate(req);
    if (!ctx) throw new AppError('UNAUTHENTICATED');
    if (access !== 'authenticated' && !ctx.actor.permissions.has(access)) throw new AppError('FORBIDDEN');
    req.tenantCtx = ctx;
  });
};

/** The context of an authenticated route; the access hook guarantees it is present. */
export const ctxOf = (req: FastifyRequest): TenantContext => {
  if (!req.tenantCtx) throw new AppError('UNAUTHENTICATED');
  return req.tenantCtx;
};
