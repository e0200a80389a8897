/** Log-in, log-out, who am I, change my password. The session travels as an httpOnly cookie or a bearer token. */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../platform/http/index.js';
import type { AuthService, IssuedSession } from './auth.service.js';
import { changePasswordBody, loginBody, meSchema, sessionSchema } from './schemas.js';

export const SESSION_COOKIE = 'kefu_session';

const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, s: IssuedSession): void => {
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true,
    signed: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
    expires: new Date(s.expiresAt),
  });
};

interface LoginBody {
  organization?: string;
  email: string;
  password: string;
}

export const authRoutes = (auth: AuthService) => async (app: FastifyInstance) => {
  app.post<{ Body: LoginBody }>(
    '/api/v1/auth/login',
    { config: { access: 'public' }, schema: { tags: ['auth'], security: [], body: loginBody, response: { 200: sessionSchema } } },
    async (req, reply) => {
      const session = await auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      const ctx = await auth.authenticate(session.token, { ip: req.ip, requestId: req.id });
      setSessionCookie(req, reply, session);
      return { token: session.token, expiresAt: session.expiresAt, user: await auth.me(ctx) };
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await auth.logout(ctxOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
  app.get('/api/v1/auth/me', { config: { access: 'profile.self' }, schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req) =>
    auth.me(ctxOf(req)),
  );
  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/v1/auth/password',
    {
      config: { access: 'profile.self' },
      schema: {
        tags: ['auth'],
        body: changePasswordBody,
        response: { 200: { type: 'object', properties: { token: { type: 'string' }, expiresAt: { type: 'number' } } } },
      },
    },
    async (req, reply) => {
      const s = await auth.changeOwnPassword(ctxOf(req), req.body.currentPassword, req.body.newPassword, req.headers['user-agent'] ?? null);
      setSessionCookie(req, reply, s);
      return { token: s.token, expiresAt: s.expiresAt };
    },
  );
};
