/**
 * Wires the real-time layer into the server: the staff credential check for upgrade requests
 * (the HTTP API's rules: bearer header, else the signed session cookie), the upgrade handler,
 * the live outbox subscription, and closing every socket when the server closes.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { OutboxDispatcher } from '../platform/events/index.js';
import { Realtime, type RealtimeOptions, type RealtimePorts, type StaffAuth } from '../realtime/index.js';
import { type AuthService, SESSION_COOKIE } from '../tenancy/index.js';

const BEARER = /^Bearer\s+/i;

const credentialOf = (server: FastifyInstance, req: IncomingMessage): string | null => {
  const header = req.headers.authorization;
  if (typeof header === 'string' && BEARER.test(header)) return header.replace(BEARER, '').trim();
  const cookies = typeof req.headers.cookie === 'string' ? server.parseCookie(req.headers.cookie) : {};
  const cookie = cookies[SESSION_COOKIE];
  if (typeof cookie !== 'string' || cookie === '') return null;
  // A cookie whose signature fails is no credential, as on HTTP.
  const unsigned = server.unsignCookie(cookie);
  return unsigned.valid ? unsigned.value : null;
};

export const staffAuthOf = (server: FastifyInstance, auth: AuthService): StaffAuth => ({
  authenticate: async (req) => {
    const raw = credentialOf(server, req);
    if (!raw) return null;
    return auth.authenticate(raw, { ip: req.socket.remoteAddress ?? null, requestId: `ws-${Date.now().toString(36)}` }).catch(() => null);
  },
});

/** Must run before `server.ready()`: it adds a preClose hook. */
export const attachRealtime = (
  server: FastifyInstance,
  dispatcher: OutboxDispatcher,
  ports: RealtimePorts,
  opts: RealtimeOptions,
): Realtime => {
  const realtime = new Realtime(ports, opts);
  realtime.attach(server.server);
  dispatcher.subscribeLive('realtime', realtime.events.handle);
  // Before the HTTP server closes: upgraded sockets would otherwise hold its close() open.
  server.addHook('preClose', async () => realtime.close());
  return realtime;
};
