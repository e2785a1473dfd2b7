// Retries: network errors, 429 (after Retry-After) and 5xx are retried with jittered backoff; other errors surface.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Stripe from 'stripe';
import {
  backoffDelay,
  classifyError,
  RetriesExhausted,
  withRetry,
  type RetryPolicy,
} from '../../../src/main/stripe/retry';

const stripeError = (statusCode: number, headers: Record<string, string> = {}, type = 'api_error') =>
  Stripe.errors.StripeError.generate({ type, message: `status ${statusCode}`, statusCode, headers } as never);

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    maxAttempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 5000,
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  };
}

function failing(errors: unknown[], value = 'ok') {
  let calls = 0;
  const fn = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return value;
  };
  return { fn, calls: () => calls };
}

describe('classifyError', () => {
  it('retries 5xx, 429 and connection errors, and nothing else', () => {
    expect(classifyError(stripeError(500)).retry).toBe(true);
    expect(classifyError(stripeError(503)).retry).toBe(true);
    expect(classifyError(stripeError(429, {}, 'rate_limit_error'))).toMatchObject({
      retry: true,
      rateLimited: true,
    });
    expect(
      classifyError(new Stripe.errors.StripeConnectionError({ message: 'ECONNRESET' } as never)).retry,
    ).toBe(true);
    for (const status of [400, 401, 402, 403, 404, 409])
      expect(classifyError(stripeError(status, {}, 'invalid_request_error')).retry).toBe(false);
    expect(classifyError(new TypeError('bug')).retry).toBe(false);
  });

  it('reads Retry-After in seconds', () => {
    expect(classifyError(stripeError(429, { 'retry-after': '3' }, 'rate_limit_error')).retryAfterMs).toBe(
      3000,
    );
  });
});

describe('withRetry', () => {
  it('honours Retry-After when it is longer than the backoff', async () => {
    const p = policy();
    const { fn, calls } = failing([stripeError(429, { 'retry-after': '2' }, 'rate_limit_error')]);
    const onRetry: number[] = [];
    expect(await withRetry(fn, p, (_, delay) => onRetry.push(delay))).toBe('ok');
    expect(calls()).toBe(2);
    expect(p.waits).toEqual([2000]);
    expect(onRetry).toEqual([2000]);
  });

  it('backs off exponentially between attempts, then gives up with the last error', async () => {
    const p = policy({ maxAttempts: 4 });
    const { fn, calls } = failing([stripeError(500), stripeError(502), stripeError(500), stripeError(503)]);
    const error = await withRetry(fn, p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).attempts).toBe(4);
    expect(calls()).toBe(4);
    // random 0.5: 3/4 of 100, 200, 400.
    expect(p.waits).toEqual([75, 150, 300]);
  });

  it('does not retry a 4xx other than 429', async () => {
    const p = policy();
    const bad = stripeError(400, {}, 'invalid_request_error');
    const { fn, calls } = failing([bad]);
    await expect(withRetry(fn, p)).rejects.toBe(bad);
    expect(calls()).toBe(1);
    expect(p.waits).toEqual([]);
  });

  it('keeps every delay within [half, all] of the capped exponential', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const p = policy({ random: () => r });
          const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** n);
          const d = backoffDelay(n, p);
          return d >= Math.floor(cap / 2) && d <= cap;
        },
      ),
    );
  });
});
