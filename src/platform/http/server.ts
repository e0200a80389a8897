/**
 * Builds the Fastify server: limits, security headers, request ids, validation, error mapping,
 * access control, metrics, OpenAPI and the static web app. Capabilities add their routes as plugins.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError } from '../../kernel/index.js';
import { installAccessControl } from './access.js';
import { answerClientError } from './client-errors.js';
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

/** Once close() begins, requests still arriving on open connections are told to go elsewhere. */
const installShutdownGate = (app: FastifyInstance): void => {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Per-request hooks that never wait take a callback: an async hook costs a promise and a
  // microtask hop on every request (measured on the contact hot path, bench/routing).
  app.addHook('onRequest', (_req, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new AppError('SHUTTING_DOWN'));
  });
  // A request already in flight when close() began is answered, then its connection closed: kept
  // alive, the socket would hold the shutdown up for the whole keep-alive timeout.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
};

export const buildHttpServer = async (opts: HttpServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    bodyLimit: opts.bodyLimitBytes,
    trustProxy: opts.trustProxy,
    requestTimeout: opts.requestTimeoutMs,
    // Our own hook answers SHUTTING_DOWN in the error envelope (Fastify's would use its own shape).
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    forceCloseConnections: 'idle',
    // Errors Fastify raises before routing (an undecodable URL, an over-long parameter) would
    // otherwise be answered in Fastify's own shape, without our envelope or request id; no
    // onSend hook runs for them, so the request id header is set here.
    frameworkErrors: (e, req, reply) => {
      reply.header('x-request-id', req.id);
      handleError(e, req, reply);
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    serverFactory: (handler) =>
      createServer(
        {
          maxHeaderSize: opts.maxHeaderBytes,
          headersTimeout: opts.headersTimeoutMs,
          requestTimeout: opts.requestTimeoutMs,
          // Node enforces both timeouts only when it sweeps connections, every 30 s by default: a
          // slowloris client would hold its socket (and block graceful shutdown) for up to 30 s
          // past the configured limit. Sweeping every second keeps the limits close to their value.
          connectionsCheckingInterval: Math.min(1_000, opts.headersTimeoutMs),
        },
        handler,
      ),
  });
  app.setValidatorCompiler(makeValidatorCompiler());
  // The API speaks JSON only: a text/plain body would otherwise reach validation as a string and
  // get a 400 instead of the 415 that tells the client what to send (and it is the one body type
  // a cross-site form can post without a CORS preflight).
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  // Also sets every response's x-request-id (one onSend hook for both).
  installShutdownGate(app);
  await app.register(cookie, { secret: opts.cookieSecret });
  // Helmet's middleware is built once: @fastify/helmet rebuilt it on every request, which cost
  // about a tenth of the server's CPU on the contact hot path (bench/routing).
  const securityHeaders = helmet({
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
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)),
  );
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
