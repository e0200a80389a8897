/**
 * Builds the Fastify server: limits, security headers, request ids, validation, error mapping,
 * access control, metrics, OpenAPI and the static web app. Capabilities add their routes as plugins.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '../../kernel/index.js';
import { installAccessControl } from './access.js';
import { errorBody, handleError } from './errors.js';
import { installMetrics } from './metrics.js';
import type { Authenticator } from './types.js';
import { makeValidatorCompiler } from './validation.js';

export interface HttpServerOptions {
  readonly logger: Logger;
  readonly authenticate: Authenticator;
  readonly isReady: () => Promise<boolean>;
  readonly bodyLimitBytes: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxHeaderBytes: number;
  readonly trustProxy: boolean;
  readonly webRoot: string | null;
  readonly version: string;
  readonly cookieSecret: string;
  /** Requests per minute per address across the API; generous, against floods not users. */
  readonly rateLimitPerMinute?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const NON_APP_PREFIXES = ['/api/', '/health', '/ready', '/metrics', '/openapi.json', '/docs'];

const healthRoutes = (app: FastifyInstance, isReady: () => Promise<boolean>): void => {
  const status = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } as const;
  app.get('/health', { config: { access: 'public' }, schema: { tags: ['ops'], response: { 200: status } } }, async () => ({
    status: 'ok',
  }));
  app.get('/ready', { config: { access: 'public' }, schema: { tags: ['ops'], response: { 200: status } } }, async () => {
    if (!(await isReady().catch(() => false))) throw new AppError('NOT_READY');
    return { status: 'ready' };
  });
};

const serveWebApp = async (app: FastifyInstance, webRoot: string | null): Promise<void> => {
  const hasApp = webRoot !== null && existsSync(webRoot);
  if (hasApp) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const isAppPath = !NON_APP_PREFIXES.some((p) => req.url.startsWith(p));
    if (hasApp && req.method === 'GET' && isAppPath) return reply.sendFile('index.html');
    return reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'), req.id));
  });
};

export const buildHttpServer = async (opts: HttpServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    bodyLimit: opts.bodyLimitBytes,
    trustProxy: opts.trustProxy,
    requestTimeout: opts.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    serverFactory: (handler) =>
      createServer(
        { maxHeaderSize: opts.maxHeaderBytes, headersTimeout: opts.headersTimeoutMs, requestTimeout: opts.requestTimeoutMs },
        handler,
      ),
  });
  app.setValidatorCompiler(makeValidatorCompiler());
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'kefu API', version: opts.version, description: 'Multi-tenant omnichannel contact-center platform.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token or an API key' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  installAccessControl(app, opts.authenticate);
  installMetrics(app);
  healthRoutes(app, opts.isReady);
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await serveWebApp(app, opts.webRoot);
  return app;
};
