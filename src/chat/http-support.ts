/** Small HTTP helpers of the chat routes: bounded raw-body reading, upload admission, download headers. */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/index.js';
import type { Upload } from './attachments.service.js';
import { contentDisposition, isImage, MAX_ATTACHMENT_BYTES, mediaTypeOf } from './core/index.js';
import type { AttachmentView } from './views.js';

/**
 * Reads a raw body of at most `limit` bytes. A declared length over the limit is refused before a
 * byte is read; a body that grows past it is drained but not kept, then refused.
 */
export const readLimited = (payload: Readable, declared: string | undefined, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    if (declared !== undefined && Number(declared) > limit) {
      payload.resume();
      reject(new AppError('ATTACHMENT_TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    payload.on('error', reject);
    payload.on('end', () => (size > limit ? reject(new AppError('ATTACHMENT_TOO_LARGE')) : resolve(Buffer.concat(chunks))));
  });

/** The body's declared length, or null when it is not declared (chunked) or not a number. */
export const declaredLength = (req: FastifyRequest): number | null => {
  const h = req.headers['content-length'];
  const n = typeof h === 'string' && /^\d+$/.test(h) ? Number(h) : Number.NaN;
  return Number.isSafeInteger(n) ? n : null;
};

/**
 * Makes every body of this plugin context raw bytes of at most one attachment (JSON included, so a
 * file declared as JSON reaches the type check and is refused there, not by the JSON parser).
 * Register upload routes in a context of their own so no other route loses its JSON parser.
 */
export const acceptRawUploads = (raw: FastifyInstance): void => {
  const parse = (req: FastifyRequest, payload: Readable, done: (err: Error | null, body?: Buffer) => void) => {
    readLimited(payload, req.headers['content-length'], MAX_ATTACHMENT_BYTES).then(
      (b) => done(null, b),
      (e: unknown) => done(e as Error, undefined),
    );
  };
  raw.addContentTypeParser('*', parse);
  raw.removeContentTypeParser('application/json');
  raw.addContentTypeParser('application/json', parse);
};

/** The upload as the attachments service takes it: the declared type, the X-File-Name header, the bytes. */
export const uploadOf = (req: FastifyRequest): Upload => {
  const name = req.headers['x-file-name'];
  return {
    contentType: mediaTypeOf(req.headers['content-type']),
    encodedName: typeof name === 'string' ? name : null,
    bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
};

/**
 * Headers of an attachment download: a download by default (inline only for images), the stored
 * type and nothing else (nosniff), and a sandbox so a file can never run as a page of kefu.
 */
export const downloadHeaders = (a: AttachmentView): Record<string, string> => ({
  'content-type': a.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : a.contentType,
  'content-disposition': contentDisposition(a.fileName, isImage(a.contentType)),
  'x-content-type-options': 'nosniff',
  'content-security-policy': 'sandbox',
  'cache-control': 'private, no-store',
});
