/**
 * Reconnect delays: exponential with "full jitter" (a random point below the capped exponential),
 * so thousands of widgets dropped by one server restart do not all knock again at the same moment.
 * The random number comes in as a parameter to keep this pure.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** The smallest delay, so a flapping network never turns into a busy loop. */
  readonly minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, minMs: 250 };

/** Delay before reconnect attempt number `attempt` (0 for the first retry); `random` is in [0, 1). */
export const backoffDelay = (attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number => {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.max(policy.minMs, Math.floor(exp * r));
};
