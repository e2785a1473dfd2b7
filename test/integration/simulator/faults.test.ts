// Conformance: every injected fault kind, and a retrying client converging under them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.sim.control.clearFaults());
afterAll(() => h.sim.close());

const create = (s: Stripe, amount = 1000, opts?: Stripe.RequestOptions) =>
  s.paymentIntents.create({ amount, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' }, opts);

describe('fault injection', () => {
  it('answers 500 without applying the change', async () => {
    h.sim.control.setFaults({ routes: { 'POST /v1/payment_intents': { error500: 1 } } });
    const before = h.sim.state.payments.size;
    const err = await expectStripeError(create(h.stripe));
    expect(err.statusCode).toBe(500);
    expect(err.type).toBe('StripeAPIError');
    expect(h.sim.state.payments.size).toBe(before);
    await expect(h.stripe.balance.retrieve()).resolves.toMatchObject({ object: 'balance' });
  });

  it('answers 429 with Retry-After', async () => {
    h.sim.control.setFaults({ global: { rateLimit429: 1, retryAfterSeconds: 2 } });
    const res = await h.http('/v1/balance', { headers: { authorization: 'Bearer sk_test_1' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    const err = await expectStripeError(h.stripe.balance.retrieve());
    expect(err.statusCode).toBe(429);
    expect(err.code).toBe('rate_limit');
  });

  it('delays responses by the configured real time', async () => {
    h.sim.control.setFaults({ global: { delay: 1, delayMs: 150 } });
    const t = performance.now();
    await h.stripe.balance.retrieve();
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection before applying the change', async () => {
    h.sim.control.setFaults({ routes: { '/v1/payment_intents': { dropBefore: 1 } } });
    const before = h.sim.state.payments.size;
    const err = await expectStripeError(create(h.stripe));
    expect(err.type).toBe('StripeConnectionError');
    expect(h.sim.state.payments.size).toBe(before);
  });

  it('drops the connection after applying the change, so the client sees an error but the payment exists', async () => {
    h.sim.control.setFaults({ routes: { 'POST /v1/payment_intents': { dropAfter: 1 } } });
    const before = h.sim.state.payments.size;
    const err = await expectStripeError(create(h.stripe, 4321));
    expect(err.type).toBe('StripeConnectionError');
    expect(h.sim.state.payments.size).toBe(before + 1);
    h.sim.control.clearFaults();
    expect((await h.stripe.paymentIntents.list({ limit: 1 })).data[0]!.amount).toBe(4321);
  });

  it('lets a retrying client with idempotency keys converge to exactly one object per request under every fault', async () => {
    h.sim.control.setFaults({
      seed: 5,
      routes: {
        'POST /v1/payment_intents': {
          error500: 0.1,
          rateLimit429: 0.1,
          dropBefore: 0.1,
          dropAfter: 0.15,
          delay: 0.2,
          delayMs: 5,
          retryAfterSeconds: 0,
        },
      },
    });
    const retrying = h.client({ maxNetworkRetries: 12 });
    const before = h.sim.state.payments.size;
    const amounts = Array.from({ length: 8 }, (_, i) => 2000 + i);
    const created: Stripe.PaymentIntent[] = [];
    for (const amount of amounts)
      created.push(await create(retrying, amount, { idempotencyKey: `converge-${amount}` }));
    expect(h.sim.state.payments.size - before).toBe(amounts.length);
    expect(new Set(created.map((p) => p.id)).size).toBe(amounts.length);
    expect(created.map((p) => p.amount)).toEqual(amounts);
    const injected = h.sim.control.summary().faultsInjected;
    expect(injected.dropAfter).toBeGreaterThan(0);
    expect(injected.dropBefore! + injected.error500! + injected.rateLimit429!).toBeGreaterThan(0);
  });

  it('draws the same faults for the same fault seed', async () => {
    const sequence = async (sim: Harness) => {
      sim.sim.control.setFaults({ seed: 5, global: { error500: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push(
          (await sim.http('/v1/balance', { headers: { authorization: 'Bearer sk_test_1' } })).status,
        );
      return statuses;
    };
    const other = await startHarness();
    try {
      const a = await sequence(h);
      const b = await sequence(other);
      expect(a).toEqual(b);
      expect(a).toContain(500);
      expect(a).toContain(200);
    } finally {
      await other.sim.close();
    }
  });

  it('prefers a route rule over the global one and never faults the control API', async () => {
    h.sim.control.setFaults({ global: { error500: 1 }, routes: { 'GET /v1/balance': {} } });
    await expect(h.stripe.balance.retrieve()).resolves.toMatchObject({ object: 'balance' });
    expect((await expectStripeError(h.stripe.coupons.list())).statusCode).toBe(500);
    expect((await h.http('/_sim/summary')).status).toBe(200);
    const bad = await h.http('/_sim/faults', { json: { global: { error500: 2 } } });
    expect(bad.status).toBe(400);
  });
});
