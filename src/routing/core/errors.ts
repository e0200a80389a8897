/**
 * Expected failures of the routing engine, as values. The kernel's catalogue has no routing codes
 * yet, so the service maps these codes to AppErrors at its edge; nothing here throws for bad input.
 */
import { err, type Result } from '../../kernel/index.js';

export type RoutingErrorCode =
  | 'UNKNOWN_QUEUE'
  | 'UNKNOWN_AGENT'
  | 'UNKNOWN_CONTACT'
  | 'UNKNOWN_TIER'
  | 'UNKNOWN_CHANNEL'
  | 'DUPLICATE_CONTACT'
  | 'NOT_OFFERED'
  | 'NOT_ASSIGNED'
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_CONFIG'
  | 'IN_USE';

export interface RoutingError {
  readonly code: RoutingErrorCode;
  readonly message: string;
  readonly field?: string;
}

export type RoutingResult<T> = Result<T, RoutingError>;

export const routingError = (code: RoutingErrorCode, message: string, field?: string): RoutingError =>
  field === undefined ? { code, message } : { code, message, field };

export const fail = (code: RoutingErrorCode, message: string, field?: string): RoutingResult<never> =>
  err(routingError(code, message, field));
