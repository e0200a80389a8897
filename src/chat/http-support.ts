/** Small HTTP helpers of the chat routes: bounded raw-body reading and download headers. */
import type { Readable } from 'node:stream';
import { AppError } from '../kernel/index.js';
import { contentDisposition, isImage } from './core/index.js';
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
