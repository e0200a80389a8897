/**
 * Staff uploads of chat attachments (POST /api/v1/contacts/:id/attachments): the file's raw bytes
 * with its type and URL-encoded name in headers, as docs/chat.md says. XMLHttpRequest rather than
 * fetch, because only it reports upload progress.
 */
import { ApiError, failure } from './client.js';
import { toAttachment } from './normalize.js';
import type { Attachment } from './types.js';

export interface UploadHandle {
  /** The stored attachment, or an ApiError (an AbortError once aborted). */
  readonly done: Promise<Attachment>;
  abort(): void;
}

export interface UploadInput {
  readonly contactId: string;
  readonly file: Blob;
  readonly fileName: string;
  /** The type the server checks the bytes against (see workspace/attachments.ts). */
  readonly contentType: string;
  readonly onProgress: (loaded: number, total: number) => void;
}

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

export const uploadAttachment = (u: UploadInput): UploadHandle => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `/api/v1/contacts/${encodeURIComponent(u.contactId)}/attachments`);
    xhr.setRequestHeader('content-type', u.contentType);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(u.fileName));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => u.onProgress(e.loaded, e.lengthComputable ? e.total : u.file.size);
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      const stored = xhr.status === 201 ? toAttachment(body) : null;
      if (stored) resolve(stored);
      else reject(failure(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached.', [], null));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.send(u.file);
  });
  return { done, abort: () => xhr.abort() };
};
