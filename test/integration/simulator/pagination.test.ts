// List pagination at page boundaries: every object exactly once, newest first, has_more only while more remain.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator/index';
import { expectStripeError, startHarness, type Harness } from './harness';

interface Listed {
  id: string;
  created: number;
}
type ListFn = (params: Stripe.PaginationParams & { created?: Stripe.RangeQueryParam }) => Promise<{
  data: Listed[];
  has_more: boolean;
}>;

/** Follows starting_after to the end, checking has_more on every page. */
async function pageThrough(list: ListFn, limit: number, created?: Stripe.RangeQueryParam): Promise<Listed[]> {
  const seen: Listed[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({
      limit,
      ...(created ? { created } : {}),
      ...(after ? { starting_after: after } : {}),
    });
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data);
    if (!page.has_more) return seen;
    // A page that says more remain is full, and the next one is not empty.
    expect(page.data).toHaveLength(limit);
    after = page.data.at(-1)!.id;
  }
}

describe('list pagination at page boundaries', () => {
  let h: Harness;
  /** Twelve payments, newest first, in four seconds of three each: ties straddle page boundaries. */
  let newestFirst: Listed[];

  beforeAll(async () => {
    h = await startHarness();
    const made: Listed[] = [];
    for (let second = 0; second < 4; second++) {
      h.sim.control.advance(10);
      for (let i = 0; i < 3; i++) {
        const pi = await h.stripe.paymentIntents.create({
          amount: 1000 + made.length,
          currency: 'gbp',
          confirm: true,
          payment_method: 'pm_card_visa',
        });
        made.push({ id: pi.id, created: pi.created });
      }
    }
    newestFirst = made.reverse();
  });
  afterAll(() => h.sim.close());

  const list: ListFn = (params) => h.stripe.paymentIntents.list(params);
  const ids = (items: Listed[]) => items.map((x) => x.id);

  it.each([1, 2, 3, 4, 5, 6, 11, 12, 13, 100])('returns all twelve once with limit %i', async (limit) => {
    expect(ids(await pageThrough(list, limit))).toEqual(ids(newestFirst));
  });

  it('keeps a created[lte] bound on every page, ties at the bound included', async () => {
    const bound = newestFirst[4]!.created; // the second tied second from the top
    const expected = newestFirst.filter((x) => x.created <= bound);
    expect(expected).toHaveLength(9);
    for (const limit of [2, 3, 9, 10])
      expect(ids(await pageThrough(list, limit, { lte: bound }))).toEqual(ids(expected));
  });

  it('ends a created range exactly at its lower bound', async () => {
    const low = newestFirst[8]!.created;
    const high = newestFirst[3]!.created;
    const expected = newestFirst.filter((x) => x.created >= low && x.created <= high);
    expect(ids(await pageThrough(list, 3, { gte: low, lte: high }))).toEqual(ids(expected));
    expect(ids(await pageThrough(list, 4, { gt: low - 1, lt: high + 1 }))).toEqual(ids(expected));
  });

  it('walks back with ending_before from the oldest to the newest', async () => {
    const back: Listed[] = [];
    let before = newestFirst.at(-1)!.id;
    for (;;) {
      const page = await h.stripe.paymentIntents.list({ limit: 5, ending_before: before });
      back.unshift(...page.data);
      if (!page.has_more) break;
      before = page.data[0]!.id;
    }
    expect(ids(back)).toEqual(ids(newestFirst.slice(0, -1)));
  });

  it('refuses a starting_after it does not know with resource_missing', async () => {
    const err = await expectStripeError(h.stripe.paymentIntents.list({ starting_after: 'pi_nope' }));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });
});

describe('list pagination over filtered collections', () => {
  let sim: RunningSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 5,
      scenario: { instructors: 3, learners: 12, weeks: 3, paymentsPerWeek: 9, paidFridays: 2, seed: 5 },
    });
    stripe = new Stripe('sk_test_123', { host: '127.0.0.1', port: sim.port, protocol: 'http' });
  });
  afterAll(() => sim.close());

  // The platform's balance transactions sit between its connected accounts' ones: pages skip those.
  const lists: [string, () => ListFn][] = [
    ['balance transactions', () => (p) => stripe.balanceTransactions.list(p)],
    ['charges', () => (p) => stripe.charges.list(p)],
  ];
  it.each(lists)('pages through the platform’s %s the same with any limit', async (_, listOf) => {
    const listFn = listOf();
    const whole = await pageThrough(listFn, 100);
    expect(whole.length).toBeGreaterThan(14);
    expect(new Set(whole.map((x) => x.id)).size).toBe(whole.length);
    for (let i = 1; i < whole.length; i++)
      expect(whole[i]!.created).toBeLessThanOrEqual(whole[i - 1]!.created);
    for (const limit of [1, 7, whole.length, whole.length - 1])
      expect((await pageThrough(listFn, limit)).map((x) => x.id)).toEqual(whole.map((x) => x.id));
  });
});
