// Conformance: the events API (snapshots, paging, filters, 30-day window) and the HTTP control API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

describe('events', () => {
  it('emits created and succeeded events for a payment with snapshots and previous_attributes', async () => {
    const pi = await h.stripe.paymentIntents.create(
      { amount: 2500, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' },
      { idempotencyKey: 'evt-1' },
    );
    const events = await h.stripe.events.list({ limit: 3 });
    expect(events.data.map((e) => e.type)).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
    const [succeeded, charge, created] = events.data as [Stripe.Event, Stripe.Event, Stripe.Event];
    expect((created.data.object as Stripe.PaymentIntent).status).toBe('requires_payment_method');
    expect((succeeded.data.object as Stripe.PaymentIntent).status).toBe('succeeded');
    expect(succeeded.data.previous_attributes).toEqual({ status: 'requires_confirmation' });
    expect((charge.data.object as Stripe.Charge).payment_intent).toBe(pi.id);
    expect(succeeded.created).toBe(h.sim.control.now());
    expect(succeeded.api_version).toBe('2026-10-28.endive');
    expect(succeeded.request).toEqual({ id: pi.lastResponse.requestId, idempotency_key: 'evt-1' });
    const again = await h.stripe.events.retrieve(succeeded.id);
    expect(again).toEqual(
      expect.objectContaining({ id: succeeded.id, type: succeeded.type, created: succeeded.created }),
    );
  });

  it('pages newest first with starting_after and ending_before and filters by type, types and created', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      h.sim.control.advance(60);
      await h.stripe.coupons.create({ percent_off: 5 + i, duration: 'once' });
      ids.push((await h.stripe.events.list({ limit: 1 })).data[0]!.id);
    }
    const page1 = await h.stripe.events.list({ type: 'coupon.created', limit: 2 });
    expect(page1.data.map((e) => e.id)).toEqual([ids[3], ids[2]]);
    expect(page1.has_more).toBe(true);
    const page2 = await h.stripe.events.list({ type: 'coupon.created', limit: 2, starting_after: ids[2]! });
    expect(page2.data.map((e) => e.id)).toEqual([ids[1], ids[0]]);
    const back = await h.stripe.events.list({ type: 'coupon.created', limit: 2, ending_before: ids[0]! });
    expect(back.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const wildcard = await h.stripe.events.list({ type: 'coupon.*', limit: 100 });
    expect(wildcard.data.length).toBe(4);
    const e1 = await h.stripe.events.retrieve(ids[1]!);
    const ranged = await h.stripe.events.list({
      created: { gte: e1.created, lt: e1.created + 61 },
      limit: 100,
    });
    expect(ranged.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const mixed = await h.stripe.events.list({
      types: ['coupon.created', 'payment_intent.created'],
      limit: 100,
    });
    expect(new Set(mixed.data.map((e) => e.type))).toEqual(
      new Set(['coupon.created', 'payment_intent.created']),
    );
    const all: string[] = [];
    for await (const e of h.stripe.events.list({ limit: 3 })) all.push(e.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(h.sim.state.events.events.length);
  });

  it('lists only the last 30 simulated days of events', async () => {
    const sim = await startHarness({ startDate: '2026-01-01' });
    try {
      await sim.stripe.coupons.create({ percent_off: 10, duration: 'once', id: 'old' });
      sim.sim.control.advance(20 * 86_400);
      await sim.stripe.coupons.create({ percent_off: 10, duration: 'once', id: 'recent' });
      const ids = async () =>
        (await sim.stripe.events.list({ limit: 100 })).data.map((e) => (e.data.object as Stripe.Coupon).id);
      expect(await ids()).toEqual(['recent', 'old']);
      sim.sim.control.advance(10 * 86_400 + 1);
      expect(await ids()).toEqual(['recent']);
      sim.sim.control.advance(20 * 86_400);
      expect(await ids()).toEqual([]);
    } finally {
      await sim.sim.close();
    }
  });

  it('emits balance.available when pending funds mature on the clock', async () => {
    await h.stripe.paymentIntents.create({
      amount: 9000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    h.sim.control.advance(3 * 86_400);
    const events = await h.stripe.events.list({ type: 'balance.available', limit: 1 });
    const balance = events.data[0]!.data.object as Stripe.Balance;
    expect(balance.object).toBe('balance');
    expect(balance.available[0]!.amount).toBe((await h.stripe.balance.retrieve()).available[0]!.amount);
  });

  it('answers 404 for an unknown event and refuses both type and types', async () => {
    expect((await expectStripeError(h.stripe.events.retrieve('evt_missing'))).statusCode).toBe(404);
    const err = await expectStripeError(h.stripe.events.list({ type: 'a', types: ['b'] }));
    expect(err.statusCode).toBe(400);
  });
});

describe('control API over HTTP', () => {
  it('advances and jumps the clock, reads the summary and lists its own routes', async () => {
    const start = h.sim.control.now();
    const adv = await body<{ now: number; iso: string }>(
      await h.http('/_sim/clock/advance', { json: { seconds: 3600 } }),
    );
    expect(adv.now).toBe(start + 3600);
    const jumped = await body<{ now: number; iso: string }>(
      await h.http('/_sim/clock/jump', { json: { to: '2027-01-01' } }),
    );
    expect(jumped.iso).toBe('2027-01-01T00:00:00.000Z');
    const back = await h.http('/_sim/clock/jump', { json: { to: '2026-01-01' } });
    expect(back.status).toBe(400);
    const summary = await body<{
      counts: Record<string, number>;
      balances: Record<string, { available: number }>;
    }>(await h.http('/_sim/summary'));
    expect(summary.counts.paymentIntents).toBe(h.sim.state.payments.size);
    expect(summary.balances.platform!.available).toBe(
      (await h.stripe.balance.retrieve()).available[0]!.amount,
    );
    const routes = await body<{ method: string; path: string }[]>(await h.http('/_sim'));
    expect(routes.length).toBeGreaterThan(10);
    expect((await h.http('/_sim/nothing')).status).toBe(404);
  });
});
