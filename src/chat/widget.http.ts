/**
 * The widget's HTTP side: public routes by widget key (config, open a conversation) and the
 * visitor's routes, authorised by a visitor token that names exactly one conversation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/index.js';
import { idParam } from '../platform/http/index.js';
import { mediaTypeOf } from './core/index.js';
import { allowOrigin, originOf, PREFLIGHT_HEADERS } from './cors.js';
import { acceptRawUploads, declaredLength, downloadHeaders, uploadOf } from './http-support.js';
import {
  afterQuery,
  attachmentParams,
  attachmentSchema,
  csatBody,
  csatSchema,
  openConversationBody,
  openedSchema,
  publicKeyParam,
  visitorMessageSchema,
  widgetConfigSchema,
} from './schemas.js';
import type { ChatService } from './service.js';
import { visitorMessage, widgetView } from './views.js';
import type { VisitorSession } from './visitor.js';
import type { OpenInput } from './visitors.service.js';

type KeyParams = { Params: { publicKey: string } };
type ConvParams = { Params: { id: string } };

const bearer = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  return typeof h === 'string' && /^Bearer\s+kfv\./i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() : null;
};

const publicRoutes = (app: FastifyInstance, chat: ChatService) => {
  const widgetFor = async (req: FastifyRequest<KeyParams>, reply: FastifyReply) => {
    const w = await chat.widgets.byPublicKey(req.params.publicKey);
    if (!w) throw new AppError('NOT_FOUND', 'No widget has this key.');
    allowOrigin(req, reply, JSON.parse(w.allowed_origins) as string[]);
    return w;
  };
  app.get<KeyParams>(
    '/api/v1/widget/:publicKey/config',
    { config: { access: 'public' }, schema: { tags: ['widget'], params: publicKeyParam, response: { 200: widgetConfigSchema } } },
    async (req, reply) => {
      const v = widgetView(await widgetFor(req, reply));
      return { widgetId: v.id, name: v.name, prechat: v.prechat, identityRequired: v.identityRequired };
    },
  );
  app.post<KeyParams & { Body: OpenInput }>(
    '/api/v1/widget/:publicKey/conversations',
    {
      config: { access: 'public' },
      schema: { tags: ['widget'], params: publicKeyParam, body: openConversationBody, response: { 201: openedSchema } },
    },
    async (req, reply) => {
      const w = await widgetFor(req, reply);
      const opened = await chat.visitors.open(w, req.body, { requestId: req.id, ip: req.ip });
      return reply.status(201).send(opened);
    },
  );
};

const WIDGET_PATHS: readonly (readonly [string, object])[] = [
  ['/api/v1/widget/:publicKey/config', publicKeyParam],
  ['/api/v1/widget/:publicKey/conversations', publicKeyParam],
  ['/api/v1/widget/conversations/:id/messages', idParam],
  ['/api/v1/widget/conversations/:id/attachments', idParam],
  ['/api/v1/widget/conversations/:id/attachments/:attachmentId', attachmentParams],
  ['/api/v1/widget/conversations/:id/csat', idParam],
  ['/api/v1/widget/conversations/:id/transcript', idParam],
];

/**
 * Preflight: the widget sends a bearer token and JSON, so browsers ask first. The answer grants
 * nothing by itself (no credentials are ever allowed); every real request checks its origin
 * against its own widget and is refused with 403 from a site the widget does not allow.
 */
const preflightRoutes = (app: FastifyInstance) => {
  for (const [path, params] of WIDGET_PATHS) {
    app.options(
      path,
      {
        config: { access: 'public' },
        schema: { tags: ['widget'], params, response: { 204: { type: 'null', description: 'CORS preflight' } } },
      },
      async (req, reply) => {
        const origin = originOf(req);
        if (origin !== null) reply.header('access-control-allow-origin', origin).header('vary', 'Origin').headers(PREFLIGHT_HEADERS);
        return reply.status(204).send();
      },
    );
  }
};

/** Downloads are bytes, not JSON; documented as a string body. */
const fileResponse = { 200: { type: 'string', description: 'The file' } } as const;

const visitorRoutes = (app: FastifyInstance, chat: ChatService) => {
  /** The visitor of conversation `:id`; a token of any other conversation gets the same 404 as a missing one. */
  const visitorOf = async (req: FastifyRequest<ConvParams>, reply: FastifyReply): Promise<VisitorSession> => {
    const origin = originOf(req);
    // Errors must be readable by the widget (an expired token), so every answer names the origin;
    // the origin check below refuses sites the widget does not allow.
    if (origin !== null) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    const token = bearer(req);
    const v = token ? await chat.verifyVisitorToken(token) : null;
    if (!v) throw new AppError('UNAUTHENTICATED', 'Send the visitor token of this conversation.');
    if (v.contactId !== req.params.id) throw new AppError('NOT_FOUND', 'No such conversation.');
    allowOrigin(req, reply, v.allowedOrigins);
    return v;
  };
  const conv = { config: { access: 'public' as const } };
  app.get<ConvParams & { Querystring: { after: number; limit: number } }>(
    '/api/v1/widget/conversations/:id/messages',
    {
      ...conv,
      schema: {
        tags: ['widget'],
        params: idParam,
        querystring: afterQuery,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: visitorMessageSchema } } } },
      },
    },
    async (req, reply) => {
      const v = await visitorOf(req, reply);
      return { items: (await chat.listVisitorMessages(v, req.query.after, req.query.limit)).map(visitorMessage) };
    },
  );
  app.post<ConvParams & { Body: { rating: number; comment?: string } }>(
    '/api/v1/widget/conversations/:id/csat',
    { ...conv, schema: { tags: ['widget'], params: idParam, body: csatBody, response: { 201: csatSchema } } },
    async (req, reply) => {
      const v = await visitorOf(req, reply);
      return reply.status(201).send(await chat.feedback.rate(v, req.body.rating, req.body.comment ?? null));
    },
  );
  app.get<ConvParams>(
    '/api/v1/widget/conversations/:id/transcript',
    { ...conv, schema: { tags: ['widget'], params: idParam, response: fileResponse } },
    async (req, reply) => {
      const v = await visitorOf(req, reply);
      const text = await chat.feedback.visitorTranscript(v);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="transcript-${v.contactId}.txt"`)
        .send(text);
    },
  );
  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/v1/widget/conversations/:id/attachments/:attachmentId',
    { ...conv, schema: { tags: ['widget'], params: attachmentParams, response: fileResponse } },
    async (req, reply) => {
      const v = await visitorOf(req, reply);
      const file = await chat.attachments.readForVisitor(v, req.params.attachmentId);
      return reply.headers(downloadHeaders(file.meta)).send(file.bytes);
    },
  );
  // Raw bytes, not JSON: its own context, so the catch-all parser applies to this route alone.
  app.register(async (raw) => {
    acceptRawUploads(raw);
    const admitted = new WeakMap<FastifyRequest, VisitorSession>();
    raw.post<ConvParams & { Body: Buffer }>(
      '/api/v1/widget/conversations/:id/attachments',
      {
        ...conv,
        schema: { tags: ['widget'], params: idParam, response: { 201: attachmentSchema } },
        // Runs before the body is read: a bad or expired token, a suspended tenant, a site the
        // widget does not allow, a finished or full conversation are answered without the server
        // first taking in up to 5 MiB (Node then discards the unread body without keeping it).
        onRequest: async (req, reply) => {
          const v = await visitorOf(req, reply);
          const release = await chat.attachments.admitVisitorUpload(v, mediaTypeOf(req.headers['content-type']), declaredLength(req));
          // The place is held until the response is done or the connection drops, whatever happened.
          reply.raw.once('close', release);
          admitted.set(req, v);
        },
      },
      async (req, reply) => {
        const v = admitted.get(req) ?? (await visitorOf(req, reply));
        return reply.status(201).send(await chat.attachments.uploadForVisitor(v, uploadOf(req)));
      },
    );
  });
};

export const widgetRoutes = (chat: ChatService) => async (app: FastifyInstance) => {
  publicRoutes(app, chat);
  preflightRoutes(app);
  visitorRoutes(app, chat);
};
