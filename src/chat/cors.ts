/**
 * Cross-origin access for the public widget routes. A widget may be embedded on its allowed
 * origins and on kefu's own origin; responses carry Access-Control-Allow-Origin only for those.
 * No cookie is ever involved (visitors send a bearer token), so credentials are never allowed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/index.js';
import { originAllowed } from './core/index.js';

export const ownOrigin = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

export const originOf = (req: FastifyRequest): string | null => {
  const o = req.headers.origin;
  return typeof o === 'string' && o !== '' && o !== 'null' ? o : null;
};

/** Lets an allowed origin read the answer; refuses a request from any other site with 403. */
export const allowOrigin = (req: FastifyRequest, reply: FastifyReply, allowed: readonly string[]): void => {
  const origin = originOf(req);
  if (!originAllowed(origin, ownOrigin(req), allowed))
    throw new AppError('FORBIDDEN', 'This site is not one of the widget’s allowed origins.');
  if (origin !== null) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
};

export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'authorization, content-type, x-file-name',
  'access-control-max-age': '600',
} as const;
