/** A value-or-error for pure code that must not throw on expected failures. */
import type { AppError } from './errors.js';

export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Unwraps at an edge of pure code: an error value becomes a thrown AppError there. */
export const unwrap = <T>(r: Result<T, AppError>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
