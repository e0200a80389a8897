/** Staff routes of chat: widget administration, canned responses, workspace, live stats, uploads and downloads. */
import type { FastifyInstance } from 'fastify';
import { ctxOf, idParam, listOf } from '../platform/http/index.js';
import type { CannedInput } from './canned.service.js';
import { mediaTypeOf } from './core/index.js';
import { acceptRawUploads, declaredLength, downloadHeaders, uploadOf } from './http-support.js';
import {
  attachmentParams,
  attachmentSchema,
  cannedBody,
  cannedQuery,
  cannedSchema,
  createWidgetBody,
  csatSchema,
  openObject,
  patchCannedBody,
  patchWidgetBody,
  widgetSchema,
  widgetWithSecretSchema,
} from './schemas.js';
import type { ChatService } from './service.js';
import type { WidgetInput, WidgetPatch } from './widgets.service.js';

type Id = { Params: { id: string } };
/** Downloads are bytes, not JSON; documented as a string body. */
const fileResponse = { 200: { type: 'string', description: 'The file' } } as const;
const tags = ['chat'];

const widgetAdmin = (app: FastifyInstance, chat: ChatService) => {
  app.get(
    '/api/v1/chat/widgets',
    { config: { access: 'chat.admin' }, schema: { tags, response: { 200: listOf(widgetSchema) } } },
    async (req) => ({ items: await chat.widgets.list(ctxOf(req)) }),
  );
  app.post<{ Body: WidgetInput }>(
    '/api/v1/chat/widgets',
    { config: { access: 'chat.admin' }, schema: { tags, body: createWidgetBody, response: { 201: widgetWithSecretSchema } } },
    async (req, reply) => reply.status(201).send(await chat.widgets.create(ctxOf(req), req.body)),
  );
  app.patch<Id & { Body: WidgetPatch }>(
    '/api/v1/chat/widgets/:id',
    { config: { access: 'chat.admin' }, schema: { tags, params: idParam, body: patchWidgetBody, response: { 200: widgetSchema } } },
    async (req) => chat.widgets.update(ctxOf(req), req.params.id, req.body),
  );
  app.post<Id>(
    '/api/v1/chat/widgets/:id/rotate-secret',
    { config: { access: 'chat.admin' }, schema: { tags, params: idParam, response: { 200: widgetWithSecretSchema } } },
    async (req) => chat.widgets.rotateSecret(ctxOf(req), req.params.id),
  );
};

const cannedRoutes = (app: FastifyInstance, chat: ChatService) => {
  app.get<{ Querystring: { contactId?: string } }>(
    '/api/v1/canned-responses',
    { config: { access: 'contacts.read' }, schema: { tags, querystring: cannedQuery, response: { 200: listOf(cannedSchema) } } },
    async (req) => ({ items: await chat.canned.list(ctxOf(req), req.query.contactId) }),
  );
  app.post<{ Body: CannedInput }>(
    '/api/v1/canned-responses',
    { config: { access: 'chat.canned.manage' }, schema: { tags, body: cannedBody, response: { 201: cannedSchema } } },
    async (req, reply) => reply.status(201).send(await chat.canned.create(ctxOf(req), req.body)),
  );
  app.patch<Id & { Body: Partial<CannedInput> }>(
    '/api/v1/canned-responses/:id',
    { config: { access: 'chat.canned.manage' }, schema: { tags, params: idParam, body: patchCannedBody, response: { 200: cannedSchema } } },
    async (req) => chat.canned.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete<Id>(
    '/api/v1/canned-responses/:id',
    { config: { access: 'chat.canned.manage' }, schema: { tags, params: idParam, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await chat.canned.remove(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};

const contactExtras = (app: FastifyInstance, chat: ChatService) => {
  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/v1/contacts/:id/attachments/:attachmentId',
    { config: { access: 'contacts.read' }, schema: { tags: ['contacts'], params: attachmentParams, response: fileResponse } },
    async (req, reply) => {
      const file = await chat.attachments.readForStaff(ctxOf(req), req.params.id, req.params.attachmentId);
      return reply.headers(downloadHeaders(file.meta)).send(file.bytes);
    },
  );
  app.get<Id>(
    '/api/v1/contacts/:id/transcript',
    { config: { access: 'contacts.read' }, schema: { tags: ['contacts'], params: idParam, response: fileResponse } },
    async (req, reply) => {
      const text = await chat.feedback.staffTranscript(ctxOf(req), req.params.id);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="transcript-${req.params.id}.txt"`)
        .send(text);
    },
  );
  app.get<Id>(
    '/api/v1/contacts/:id/csat',
    { config: { access: 'contacts.read' }, schema: { tags: ['contacts'], params: idParam, response: { 200: csatSchema } } },
    async (req) => chat.feedback.csat(ctxOf(req), req.params.id),
  );
};

/**
 * The staff side's upload: the same raw body, header and limits as the visitor's. Who may upload,
 * the declared type and length and the quota are checked before the body is read.
 */
const staffUpload = (app: FastifyInstance, chat: ChatService) => {
  // Raw bytes, not JSON: its own context, so the catch-all parser applies to this route alone.
  app.register(async (raw) => {
    acceptRawUploads(raw);
    raw.post<Id & { Body: Buffer }>(
      '/api/v1/contacts/:id/attachments',
      {
        config: { access: 'contacts.write' },
        schema: { tags: ['contacts'], params: idParam, response: { 201: attachmentSchema } },
        onRequest: async (req, reply) => {
          const release = await chat.attachments.admitStaffUpload(
            ctxOf(req),
            req.params.id,
            mediaTypeOf(req.headers['content-type']),
            declaredLength(req),
          );
          // The place is held until the response is done or the connection drops, whatever happened.
          reply.raw.once('close', release);
        },
      },
      async (req, reply) => reply.status(201).send(await chat.attachments.uploadForStaff(ctxOf(req), req.params.id, uploadOf(req))),
    );
  });
};

const liveRoutes = (app: FastifyInstance, chat: ChatService) => {
  app.get('/api/v1/workspace', { config: { access: 'routing.agent' }, schema: { tags, response: { 200: openObject } } }, async (req) =>
    chat.workspace(ctxOf(req)),
  );
  app.get(
    '/api/v1/chat/agents',
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        response: {
          200: listOf({
            type: 'object',
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              state: { type: 'string' },
              activeContacts: { type: 'number' },
              capacity: { type: 'number' },
            },
          }),
        },
      },
    },
    async (req) => ({ items: await chat.stats.directory(ctxOf(req)) }),
  );
  app.get('/api/v1/live/stats', { config: { access: 'routing.supervise' }, schema: { tags, response: { 200: openObject } } }, async (req) =>
    chat.liveStats(ctxOf(req)),
  );
};

export const staffChatRoutes = (chat: ChatService) => async (app: FastifyInstance) => {
  widgetAdmin(app, chat);
  cannedRoutes(app, chat);
  contactExtras(app, chat);
  staffUpload(app, chat);
  liveRoutes(app, chat);
};
