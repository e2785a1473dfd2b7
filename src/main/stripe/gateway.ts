// The only way the sync talks to Stripe: every call waits for the endpoint's rate limiter and is retried by policy.
import type Stripe from 'stripe';
import { createStripeClient, type StripeApiAddress } from './client';
import { DEFAULT_RATE, RateLimiter } from './rate-limiter';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry';

export interface GatewayOptions {
  secretKey: string;
  api?: StripeApiAddress;
  /** Requests per second per endpoint; 0 = unlimited. Default by the key's mode. */
  ratePerSecond?: number;
  retry?: Partial<RetryPolicy>;
}

/** What a response carries besides its body: Stripe's clock (seconds) from the `Date` header. */
export interface Timed<T> {
  value: T;
  observedAt: number;
}

export function keyMode(secretKey: string): 'live' | 'test' {
  return /^(sk|rk)_live_/.test(secretKey) ? 'live' : 'test';
}

/** Stripe's clock for a response, in epoch seconds; falls back to the local clock without a Date header. */
export function responseTime(response: unknown): number {
  const headers = (response as { lastResponse?: { headers?: Record<string, string> } } | null)?.lastResponse
    ?.headers;
  const parsed = headers?.date ? Date.parse(headers.date) : NaN;
  return Math.floor((Number.isNaN(parsed) ? Date.now() : parsed) / 1000);
}

export class StripeGateway {
  readonly stripe: Stripe;
  readonly limiter: RateLimiter;
  private readonly policy: RetryPolicy;

  constructor(options: GatewayOptions) {
    this.stripe = createStripeClient({ secretKey: options.secretKey, api: options.api });
    this.limiter = new RateLimiter(options.ratePerSecond ?? DEFAULT_RATE[keyMode(options.secretKey)]);
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Runs one Stripe request on `endpoint` (e.g. "GET /v1/charges") under the limiter and the retry policy. */
  call<T>(endpoint: string, request: (stripe: Stripe) => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        await this.limiter.acquire(endpoint);
        return request(this.stripe);
      },
      this.policy,
      (decision, delayMs) => {
        if (decision.rateLimited) this.limiter.pause(endpoint, decision.retryAfterMs ?? delayMs);
      },
    );
  }

  /** Like `call`, with the response's Stripe time. */
  async timed<T>(endpoint: string, request: (stripe: Stripe) => Promise<T>): Promise<Timed<T>> {
    const value = await this.call(endpoint, request);
    return { value, observedAt: responseTime(value) };
  }
}
