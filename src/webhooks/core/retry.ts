/**
 * The retry schedule: exponential back-off with a cap, then give up. Deliveries of one webhook go
 * in order, so a failing delivery holds back the ones behind it; the schedule therefore gives up
 * after about 21 minutes (8 attempts) rather than days, and the line moves on.
 */

export const MAX_ATTEMPTS = 8;
export const FIRST_RETRY_MS = 10_000;
export const MAX_RETRY_MS = 60 * 60_000;

/** The wait before the next attempt after `attempts` failed attempts (1-based). */
export const retryDelayMs = (attempts: number): number => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

export type AfterFailure = { readonly status: 'pending'; readonly nextAttemptAt: number } | { readonly status: 'failed' };

/** What becomes of a delivery whose attempt number `attempts` has just failed at `now`. */
export const afterFailure = (attempts: number, now: number): AfterFailure =>
  attempts >= MAX_ATTEMPTS ? { status: 'failed' } : { status: 'pending', nextAttemptAt: now + retryDelayMs(attempts) };

/** Whether an HTTP answer counts as delivered: any 2xx. Redirects are not followed, so they fail. */
export const isDelivered = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;
