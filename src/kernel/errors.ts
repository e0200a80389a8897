/**
 * The one error catalogue. Every expected failure anywhere in kefu is an AppError with a code from
 * this table; each edge (HTTP, WebSocket, CLI) maps it to its own response in one place.
 * Codes are stable: clients may switch on them. Messages say what to fix.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid; see details for what to fix.' },
  MALFORMED_REQUEST: { status: 400, message: 'The request is not valid HTTP.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than the server accepts.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large.' },
  UNAUTHENTICATED: { status: 401, message: 'Log in or send a valid API key.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has expired or was revoked; log in again.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The organisation, email or password is wrong.' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this.' },
  ROLE_NOT_ASSIGNABLE: { status: 403, message: 'You may not grant this role.' },
  PERMISSION_NOT_GRANTABLE: { status: 403, message: 'An API key cannot hold a permission you do not have.' },
  TENANT_SUSPENDED: { status: 403, message: 'This organisation is suspended.' },
  USER_DISABLED: { status: 403, message: 'This account is disabled.' },
  NOT_FOUND: { status: 404, message: 'No such resource.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route; see /openapi.json for the API.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here.' },
  CONFLICT: { status: 409, message: 'The resource already exists or was changed.' },
  EMAIL_TAKEN: { status: 409, message: 'A user with this email already exists in this organisation.' },
  SLUG_TAKEN: { status: 409, message: 'An organisation with this slug already exists.' },
  IDENTITY_TAKEN: { status: 409, message: 'This identity already belongs to another customer; merge the two customers instead.' },
  CUSTOMER_MERGED: { status: 409, message: 'This customer was merged into another; use that customer (see mergedInto).' },
  TIER_IN_USE: { status: 409, message: 'Customers still hold this tier; move them to another tier first.' },
  UNKNOWN_TIER: { status: 422, message: 'No such customer tier in this organisation.' },
  UNKNOWN_QUEUE: { status: 422, message: 'No such queue in this organisation.' },
  UNKNOWN_SKILL: { status: 422, message: 'No such skill in this organisation.' },
  UNKNOWN_AGENT: { status: 422, message: 'No such agent in this organisation (agents need a routing profile).' },
  QUEUE_CLOSED: { status: 409, message: 'The queue is closed now; see its opening hours.' },
  NOT_YOUR_CONTACT: { status: 403, message: 'This contact is not offered or assigned to you.' },
  ILLEGAL_TRANSITION: { status: 409, message: 'This contact cannot make that change in its current state.' },
  OFFER_EXPIRED: { status: 409, message: 'The offer has expired or was withdrawn.' },
  WRAP_UP_EXPIRED: { status: 409, message: 'The wrap-up time ran out and the contact closed without a disposition.' },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 422,
    message: 'Webhooks may not point at private, loopback or internal addresses on this server; use a public URL.',
  },
  WEBHOOK_INACTIVE: { status: 409, message: 'This webhook is inactive; activate it first.' },
  WEBHOOK_LIMIT_REACHED: { status: 409, message: 'This organisation has as many webhooks as it may have; delete one first.' },
  IDENTITY_INVALID: { status: 401, message: 'The visitor identity signature is wrong or older than 10 minutes; sign it again.' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: 'The attachment is larger than 5 MiB.' },
  ATTACHMENT_QUOTA_EXCEEDED: {
    status: 409,
    message: 'This conversation already holds as many attachments as it may (20 files, 25 MiB in all); nothing was stored.',
  },
  ATTACHMENT_TYPE_REFUSED: {
    status: 415,
    message: 'Attachments may be PNG, JPEG, GIF, WebP, PDF or plain text, and their bytes must match the declared type.',
  },
  DISPOSITION_REQUIRED: { status: 422, message: 'Wrap-up needs a disposition: class, reason and whether it was resolved.' },
  WEAK_PASSWORD: { status: 422, message: 'The password does not meet the password policy.' },
  WRONG_PASSWORD: { status: 422, message: 'The current password is wrong.' },
  SELF_LOCKOUT: { status: 422, message: 'You cannot disable yourself or remove your own admin role.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait and try again.' },
  LOGIN_THROTTLED: { status: 429, message: 'Too many failed log-ins; wait and try again.' },
  NOT_READY: { status: 503, message: 'The service is not ready.' },
  SHUTTING_DOWN: { status: 503, message: 'The server is shutting down.' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is not valid.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side; the request id identifies it in the logs.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorDetail {
  readonly field?: string;
  readonly issue: string;
}

/** An expected failure. Thrown by services, caught by the edge that maps it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(code: ErrorCode, message?: string, details: readonly ErrorDetail[] = []) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `No such ${what}.`);
