/** Maps the engine's error values to the kernel catalogue at the service edge. */
import { AppError, type ErrorCode } from '../kernel/index.js';
import type { RoutingError, RoutingErrorCode } from './core/index.js';

const MAP: Record<RoutingErrorCode, ErrorCode> = {
  UNKNOWN_QUEUE: 'UNKNOWN_QUEUE',
  UNKNOWN_AGENT: 'UNKNOWN_AGENT',
  UNKNOWN_CONTACT: 'NOT_FOUND',
  UNKNOWN_TIER: 'UNKNOWN_TIER',
  UNKNOWN_CHANNEL: 'VALIDATION_FAILED',
  DUPLICATE_CONTACT: 'CONFLICT',
  NOT_OFFERED: 'OFFER_EXPIRED',
  NOT_ASSIGNED: 'ILLEGAL_TRANSITION',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  INVALID_CONFIG: 'VALIDATION_FAILED',
  IN_USE: 'CONFLICT',
};

export const toAppError = (e: RoutingError): AppError =>
  new AppError(MAP[e.code], e.message, e.field ? [{ field: e.field, issue: e.message }] : []);
