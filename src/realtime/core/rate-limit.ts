/**
 * A token bucket with time passed in: `rate` tokens per second refill up to `burst`. Pure, so the
 * limits in docs/chat.md (10 frames/s burst 20 per connection, 5 messages/s burst 10 per visitor)
 * are tested without a clock.
 */
export interface BucketLimits {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export const CONNECTION_LIMITS: BucketLimits = { ratePerSecond: 10, burst: 20 };
export const VISITOR_MESSAGE_LIMITS: BucketLimits = { ratePerSecond: 5, burst: 10 };
/** Refused frames a connection may send before it is closed with 1008. */
export const MAX_REFUSALS = 100;

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limits: BucketLimits,
    now: number,
  ) {
    this.tokens = limits.burst;
    this.at = now;
  }

  /** Takes one token if there is one; false means the caller is over its limit. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely: forgetting it then changes nothing. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limits.burst;
  }

  private refill(now: number): void {
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.limits.burst, this.tokens + (elapsed * this.limits.ratePerSecond) / 1000);
    this.at = Math.max(this.at, now);
  }
}

/** Buckets by key (a visitor across its connections); full buckets can be swept away. */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limits: BucketLimits) {}

  take(key: string, now: number): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.limits, now);
      this.buckets.set(key, b);
    }
    return b.take(now);
  }

  /** Forgets buckets that have refilled: a fresh bucket would behave the same. */
  sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.isFull(now)) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
