/**
 * The widget's HTTP calls (docs/chat.md, "Public" and "Visitor"). Cross-origin from the host page,
 * so no cookies ride along: the visitor token is a bearer header. Failures become WidgetApiError
 * with the server's stable code.
 */

import { parseWidgetConfig, type StartRequest, type WidgetConfig } from '../core/prechat.js';
import type { Attachment } from '../core/protocol.js';
import { parseAttachment, parseWait } from '../core/protocol.js';

export class WidgetApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'WidgetApiError';
    this.status = status;
    this.code = code;
  }
}

export interface Started {
  readonly token: string;
  readonly contactId: string;
  readonly state: string;
  readonly wait: { readonly position: number; readonly estimatedWaitMs: number } | null;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const failure = async (res: Response): Promise<WidgetApiError> => {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status alone must do.
  }
  const err = isRec(body) && isRec(body.error) ? body.error : {};
  const code = typeof err.code === 'string' ? err.code : res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  return new WidgetApiError(res.status, code, typeof err.message === 'string' ? err.message : `HTTP ${res.status}`);
};

/** fetch that turns a network failure into an error with a code, like any other. */
const call = async (url: string, init: RequestInit): Promise<Response> => {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'omit', mode: 'cors' });
  } catch {
    throw new WidgetApiError(0, 'NETWORK', 'network error');
  }
  if (!res.ok) throw await failure(res);
  return res;
};

export interface WidgetApi {
  config(): Promise<WidgetConfig>;
  start(body: StartRequest): Promise<Started>;
  upload(token: string, contactId: string, file: Blob, fileName: string, contentType: string): Promise<Attachment>;
  attachment(token: string, contactId: string, attachmentId: string): Promise<Blob>;
  transcript(token: string, contactId: string): Promise<Blob>;
  rate(token: string, contactId: string, rating: number, comment: string): Promise<void>;
}

export const createApi = (origin: string, publicKey: string): WidgetApi => {
  const base = `${origin}/api/v1/widget`;
  const conv = (contactId: string) => `${base}/conversations/${encodeURIComponent(contactId)}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    async config() {
      const res = await call(`${base}/${encodeURIComponent(publicKey)}/config`, { method: 'GET' });
      const c = parseWidgetConfig(await res.json());
      if (!c) throw new WidgetApiError(res.status, 'BAD_RESPONSE', 'unexpected configuration');
      return c;
    },
    async start(body) {
      const res = await call(`${base}/${encodeURIComponent(publicKey)}/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const v: unknown = await res.json();
      if (!isRec(v) || typeof v.token !== 'string' || typeof v.contactId !== 'string') {
        throw new WidgetApiError(res.status, 'BAD_RESPONSE', 'unexpected conversation');
      }
      return { token: v.token, contactId: v.contactId, state: typeof v.state === 'string' ? v.state : 'queued', wait: parseWait(v) };
    },
    async upload(token, contactId, file, fileName, contentType) {
      const res = await call(`${conv(contactId)}/attachments`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
        body: file,
      });
      const a = parseAttachment(await res.json());
      if (!a) throw new WidgetApiError(res.status, 'BAD_RESPONSE', 'unexpected attachment');
      return a;
    },
    async attachment(token, contactId, attachmentId) {
      return (await call(`${conv(contactId)}/attachments/${encodeURIComponent(attachmentId)}`, { headers: bearer(token) })).blob();
    },
    async transcript(token, contactId) {
      return (await call(`${conv(contactId)}/transcript`, { headers: bearer(token) })).blob();
    },
    async rate(token, contactId, rating, comment) {
      const body = comment.trim() === '' ? { rating } : { rating, comment: comment.trim() };
      await call(`${conv(contactId)}/csat`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
  };
};
