// A client-side token bucket per endpoint, so the console stays under Stripe's per-endpoint rate limit.
export interface LimiterTiming {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realTiming: LimiterTiming = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Bucket {
  tokens: number;
  refilledAt: number;
  /** No request on this endpoint before this instant (a 429's Retry-After). */
  blockedUntil: number;
}

/** Requests per second by mode when the setting is not set: Stripe allows 25 live; test mode is stricter. */
export const DEFAULT_RATE: Record<'live' | 'test', number> = { live: 20, test: 10 };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** `perSecond` 0 means unlimited (except for Retry-After pauses, which are always honoured). */
  constructor(
    private perSecond: number,
    private readonly timing: LimiterTiming = realTiming,
  ) {}

  setRate(perSecond: number): void {
    this.perSecond = Math.max(0, perSecond);
  }

  get rate(): number {
    return this.perSecond;
  }

  private bucket(endpoint: string): Bucket {
    let b = this.buckets.get(endpoint);
    if (!b) {
      b = { tokens: Math.max(1, this.perSecond), refilledAt: this.timing.now(), blockedUntil: 0 };
      this.buckets.set(endpoint, b);
    }
    return b;
  }

  /** Waits until a request on `endpoint` may go out, then takes a token. */
  async acquire(endpoint: string): Promise<void> {
    const b = this.bucket(endpoint);
    for (;;) {
      const now = this.timing.now();
      if (now < b.blockedUntil) {
        await this.timing.sleep(b.blockedUntil - now);
        continue;
      }
      if (this.perSecond <= 0) return;
      const burst = Math.max(1, this.perSecond);
      b.tokens = Math.min(burst, b.tokens + ((now - b.refilledAt) * this.perSecond) / 1000);
      b.refilledAt = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      await this.timing.sleep(((1 - b.tokens) * 1000) / this.perSecond);
    }
  }

  /** After a 429: nothing goes to this endpoint for `ms`. */
  pause(endpoint: string, ms: number): void {
    const b = this.bucket(endpoint);
    b.blockedUntil = Math.max(b.blockedUntil, this.timing.now() + ms);
    b.tokens = Math.min(b.tokens, 0);
  }
}
