// The sliced lister against the simulator with the real SDK: exactly the range's objects (objects sharing a second on
// every slice boundary), resumable from any page, within the gateway's rate limit, and whole through 429s and 500s.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { startHarness, type Harness } from '../simulator/harness';
import { StripeGateway, type GatewayOptions } from '../../../src/main/stripe/gateway';
import {
  listCreated,
  slicedPages,
  type CreatedSlice,
  type SlicedListing,
} from '../../../src/main/stripe/created-slices';

const ENDPOINT = 'GET /v1/coupons';
let h: Harness;
let from: number;
let to: number;
/** Every coupon, as one plain listing returns them (newest first). */
let everyId: string[];

beforeAll(async () => {
  h = await startHarness();
  from = h.sim.state.now;
  // 60 seconds in a row, each with 1–5 coupons created in that same second: any boundary splits a busy second off.
  for (let second = 0; second < 60; second++) {
    for (let k = 0; k <= second % 5; k++)
      await h.stripe.coupons.create({ percent_off: 10, duration: 'once' });
    h.sim.control.advance(1);
  }
  to = h.sim.state.now;
  everyId = [];
  for await (const c of h.stripe.coupons.list({ limit: 100 })) everyId.push(c.id);
}, 120_000);
afterEach(() => h.sim.control.clearFaults());
afterAll(() => h.sim.close());

const gatewayOf = (options: Partial<GatewayOptions> = {}) =>
  new StripeGateway({
    secretKey: 'sk_test_123',
    api: { host: '127.0.0.1', port: h.sim.port, protocol: 'http' },
    ratePerSecond: 0,
    ...options,
  });

/** A listing of the coupons that counts its requests and how many were in flight at once. */
function counted(listing: Partial<SlicedListing<Stripe.Coupon>> = {}) {
  const seen = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const full: SlicedListing<Stripe.Coupon> = {
    endpoint: ENDPOINT,
    range: { gte: from, lt: to },
    pageSize: 7,
    concurrency: 3,
    list: async (s, params) => {
      seen.requests += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
      try {
        return await s.coupons.list(params);
      } finally {
        seen.inFlight -= 1;
      }
    },
    ...listing,
  };
  return { listing: full, seen };
}

describe('listing created sub-ranges at once', () => {
  it('returns exactly the range’s objects in Stripe’s order, slices read side by side', async () => {
    expect(everyId.length).toBe(180);
    const { listing, seen } = counted();
    const coupons = await listCreated(gatewayOf(), listing);
    expect(coupons.map((c) => c.id)).toEqual(everyId);
    expect(seen.maxInFlight).toBe(3);

    // A part of the range: the same as the SDK's own listing of it.
    const part = { gte: from + 17, lt: from + 43 };
    const expected: string[] = [];
    for await (const c of h.stripe.coupons.list({ limit: 100, created: part })) expected.push(c.id);
    const { listing: partListing } = counted({ range: part });
    expect((await listCreated(gatewayOf(), partListing)).map((c) => c.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
  });

  it('splits an open range down to its floor, and resumes from the slices any page left', async () => {
    const pagesOf = async (resume?: CreatedSlice[], stopAfter = Infinity) => {
      const { listing } = counted({ range: { gte: null, lt: to }, floor: from + 30, resume });
      const next = slicedPages(gatewayOf(), listing);
      const ids: string[] = [];
      let slices: CreatedSlice[] = resume ?? [];
      for (let n = 0; n < stopAfter; n++) {
        const page = await next();
        if (!page) break;
        ids.push(...page.objects.map((c) => c.id));
        slices = page.slices;
      }
      return { ids, slices };
    };
    const whole = await pagesOf();
    expect(whole.slices.length).toBe(6);
    expect(whole.slices.at(-1)!.gte).toBeNull();
    expect(whole.slices.every((s) => s.done)).toBe(true);
    expect([...whole.ids].sort()).toEqual([...everyId].sort());

    for (const stopAfter of [1, 2, 5, 11, 19]) {
      const first = await pagesOf(undefined, stopAfter);
      const rest = await pagesOf(first.slices);
      const ids = [...first.ids, ...rest.ids];
      expect(new Set(ids).size, `stopped after ${stopAfter} pages`).toBe(ids.length);
      expect([...ids].sort()).toEqual([...everyId].sort());
    }
  });

  it('keeps to the gateway’s rate limit, slices and all', async () => {
    const { listing, seen } = counted({ concurrency: 4 });
    const t = performance.now();
    await listCreated(gatewayOf({ ratePerSecond: 5 }), listing);
    const seconds = (performance.now() - t) / 1000;
    // A bucket of 5 tokens to start with, then 5 a second.
    expect(seen.requests).toBeGreaterThan(20);
    expect(seconds).toBeGreaterThanOrEqual((seen.requests - 5) / 5 - 0.1);
  });

  it('retries 429s and 500s in any slice without losing or repeating an object', async () => {
    h.sim.control.setFaults({
      seed: 5,
      routes: { [ENDPOINT]: { error500: 0.2, rateLimit429: 0.15, retryAfterSeconds: 0 } },
    });
    const gateway = gatewayOf({ retry: { maxAttempts: 12, baseDelayMs: 1, maxDelayMs: 10 } });
    const { listing } = counted();
    const coupons = await listCreated(gateway, listing);
    const injected = h.sim.control.summary().faultsInjected;
    expect(injected.error500! + injected.rateLimit429!).toBeGreaterThan(3);
    expect(coupons.map((c) => c.id)).toEqual(everyId);
  });
});
