/**
 * The one place where HTTP maps failures to responses. AppErrors keep their catalogue code;
 * Fastify's own errors are translated to catalogue codes; anything else is a bug, logged with its
 * stack and answered as INTERNAL without one.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type ErrorDetail, isAppError } from '../../kernel/index.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: readonly ErrorDetail[]; requestId: string };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  // No route takes a parameter that long (ids are short), so no route matches: answered as such
  // rather than as Fastify's 414, without echoing the whole path back.
  FST_ERR_MAX_PARAM_LENGTH: 'ROUTE_NOT_FOUND',
};

const BY_STATUS: Record<number, ErrorCode> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const validationDetails = (err: FastifyError): ErrorDetail[] => {
  const issues = (err.validation ?? []) as AjvIssue[];
  const where = err.validationContext ?? 'body';
  return issues.map((i) => {
    const extra = i.params?.additionalProperty;
    const path = `${where}${(i.instancePath ?? '').replace(/\//g, '.')}${extra ? `.${String(extra)}` : ''}`;
    return { field: path, issue: extra ? 'is not an allowed field' : (i.message ?? 'is not valid') };
  });
};

export const toAppError = (e: unknown): AppError | null => {
  if (isAppError(e)) return e;
  const fe = e as Partial<FastifyError>;
  if (fe?.validation) return new AppError('VALIDATION_FAILED', undefined, validationDetails(fe as FastifyError));
  if (typeof fe?.code === 'string') {
    const mapped = FASTIFY_CODES[fe.code];
    if (mapped) return new AppError(mapped);
    if (fe.code === 'FST_ERR_RATE_LIMIT' || fe.statusCode === 429) return new AppError('RATE_LIMITED');
  }
  if (fe?.statusCode === 429) return new AppError('RATE_LIMITED');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // A client error Fastify raised that we have no specific code for: keep its status class.
    return new AppError(BY_STATUS[fe.statusCode] ?? 'VALIDATION_FAILED', fe.message);
  }
  return null;
};

export const errorBody = (e: AppError, requestId: string): ErrorBody => ({
  error: {
    code: e.code,
    message: e.message,
    ...(e.details.length > 0 ? { details: e.details } : {}),
    requestId,
  },
});

export const handleError = (e: unknown, req: FastifyRequest, reply: FastifyReply): void => {
  const app = toAppError(e);
  if (app) {
    if (app.status >= 500) req.log.error({ err: e }, 'request failed');
    void reply.status(app.status).send(errorBody(app, req.id));
    return;
  }
  req.log.error({ err: e }, 'unhandled error');
  const internal = new AppError('INTERNAL');
  void reply.status(ERROR_CATALOGUE.INTERNAL.status).send(errorBody(internal, req.id));
};
