/**
 * The one fetch wrapper. Auth rides on the httpOnly session cookie, so every call is same-origin
 * with credentials; failures become ApiError carrying the server's stable error code.
 */
import type { ErrorDetail } from './types.js';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: readonly ErrorDetail[];
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, details: readonly ErrorDetail[], requestId: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

/** Codes meaning "nobody is logged in (any more)": the app returns to the log-in screen. */
export const isSessionLost = (e: unknown): boolean =>
  e instanceof ApiError && (e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_EXPIRED');

type Listener = (e: ApiError) => void;
let onSessionLost: Listener | null = null;

/** The session provider registers here, so any screen's call that finds the session gone logs out. */
export const setSessionLostListener = (l: Listener | null): void => {
  onSessionLost = l;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const toDetails = (v: unknown): ErrorDetail[] =>
  Array.isArray(v)
    ? v.filter(isRecord).map((d) => ({
        ...(typeof d.field === 'string' ? { field: d.field } : {}),
        issue: typeof d.issue === 'string' ? d.issue : '',
      }))
    : [];

const toApiError = (status: number, body: unknown, fallbackRequestId: string | null): ApiError => {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!err) return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', `HTTP ${status}`, [], fallbackRequestId);
  return new ApiError(
    status,
    typeof err.code === 'string' ? err.code : 'HTTP_ERROR',
    typeof err.message === 'string' ? err.message : `HTTP ${status}`,
    toDetails(err.details),
    typeof err.requestId === 'string' ? err.requestId : fallbackRequestId,
  );
};

/**
 * The ApiError of a failed answer (for callers that cannot use `request`, such as uploads with
 * progress); a lost session is reported to the session provider as `request` does.
 */
export const failure = (status: number, body: unknown, requestId: string | null): ApiError => {
  const err = toApiError(status, body, requestId);
  if (isSessionLost(err)) onSessionLost?.(err);
  return err;
};

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export const request = async <T>(path: string, opts: RequestOptions = {}): Promise<T> => {
  const hasBody = opts.body !== undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      // Only bodies get a content type: the server rejects an empty body declared as JSON.
      headers: hasBody ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
      ...(hasBody ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.', [], null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw failure(res.status, body, res.headers.get('x-request-id'));
  return body as T;
};
