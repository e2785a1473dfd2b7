// The client-side limiter: a token bucket per endpoint, unlimited at 0, and 429 pauses honoured by everyone.
import { describe, expect, it } from 'vitest';
import { RateLimiter, type LimiterTiming } from '../../../src/main/stripe/rate-limiter';

/** A clock that only moves when someone sleeps. */
function fakeTiming(): LimiterTiming & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

async function timeFor(limiter: RateLimiter, timing: LimiterTiming, endpoint: string, n: number) {
  const start = timing.now();
  for (let i = 0; i < n; i++) await limiter.acquire(endpoint);
  return timing.now() - start;
}

describe('RateLimiter', () => {
  it('lets a burst of `rate` requests through, then spaces them at the rate', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter(10, timing);
    expect(await timeFor(limiter, timing, 'GET /v1/charges', 10)).toBe(0);
    const more = await timeFor(limiter, timing, 'GET /v1/charges', 20);
    expect(more).toBeGreaterThanOrEqual(1990);
    expect(more).toBeLessThanOrEqual(2010);
  });

  it('keeps a bucket per endpoint', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter(5, timing);
    await timeFor(limiter, timing, 'GET /v1/charges', 5);
    expect(await timeFor(limiter, timing, 'GET /v1/refunds', 5)).toBe(0);
  });

  it('never waits when the rate is 0 (unlimited)', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter(0, timing);
    expect(await timeFor(limiter, timing, 'GET /v1/events', 1000)).toBe(0);
  });

  it('holds every request on an endpoint until a 429 pause is over, even when unlimited', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter(0, timing);
    limiter.pause('GET /v1/events', 2000);
    expect(await timeFor(limiter, timing, 'GET /v1/events', 1)).toBe(2000);
    expect(await timeFor(limiter, timing, 'GET /v1/charges', 1)).toBe(0);
  });

  it('follows a changed setting', async () => {
    const timing = fakeTiming();
    const limiter = new RateLimiter(1, timing);
    limiter.setRate(100);
    await timeFor(limiter, timing, 'GET /v1/payouts', 1);
    const t = await timeFor(limiter, timing, 'GET /v1/payouts', 100);
    expect(t).toBeLessThanOrEqual(1010);
  });
});
