// Conformance: payment intents, charges, balance, refunds, disputes, coupons and promotion codes through the real SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, ukFee, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

describe('payment intents and charges', () => {
  it('confirms a pm_card_visa payment into a succeeded intent whose charge carries the UK card fee', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 3540,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: { lplate_learner_id: 'l-1', lplate_hours: '1' },
      transfer_group: 'group-a',
      expand: ['latest_charge.balance_transaction'],
    });
    expect(pi.status).toBe('succeeded');
    expect(pi.amount_received).toBe(3540);
    expect(pi.metadata.lplate_learner_id).toBe('l-1');
    expect(pi.transfer_group).toBe('group-a');
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.object).toBe('charge');
    expect(charge.payment_intent).toBe(pi.id);
    const bt = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(bt.fee).toBe(ukFee(3540));
    expect(bt.fee).toBe(73);
    expect(bt.net).toBe(3540 - 73);
    expect(bt.fee_details).toEqual([expect.objectContaining({ amount: 73, type: 'stripe_fee' })]);
    expect(bt.status).toBe('pending');
    expect(bt.reporting_category).toBe('charge');
    expect(bt.available_on).toBeGreaterThan(h.sim.control.now());
  });

  it('declines pm_card_chargeDeclined with a 402 card_declined carrying the failed intent', async () => {
    const err = await expectStripeError(
      h.stripe.paymentIntents.create({
        amount: 2000,
        currency: 'gbp',
        confirm: true,
        payment_method: 'pm_card_chargeDeclined',
      }),
    );
    expect(err.statusCode).toBe(402);
    expect(err.type).toBe('StripeCardError');
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('generic_decline');
    const pi = err.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('requires_payment_method');
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.status).toBe('failed');
    expect(charge.balance_transaction).toBeNull();
  });

  it('retrieves and lists intents and charges newest first with created filters and cursors', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.sim.control.advance(10);
      created.push(
        (
          await h.stripe.paymentIntents.create({
            amount: 1000 + i,
            currency: 'gbp',
            confirm: true,
            payment_method: 'pm_card_visa',
          })
        ).id,
      );
    }
    const again = await h.stripe.paymentIntents.retrieve(created[2]!);
    expect(again.amount).toBe(1002);
    const first = await h.stripe.paymentIntents.list({ limit: 2 });
    expect(first.data.map((p) => p.id)).toEqual([created[4], created[3]]);
    expect(first.has_more).toBe(true);
    const next = await h.stripe.paymentIntents.list({ limit: 2, starting_after: created[3]! });
    expect(next.data.map((p) => p.id)).toEqual([created[2], created[1]]);
    const before = await h.stripe.paymentIntents.list({ limit: 2, ending_before: created[1]! });
    expect(before.data.map((p) => p.id)).toEqual([created[3], created[2]]);
    const p0 = await h.stripe.paymentIntents.retrieve(created[0]!);
    const ranged = await h.stripe.paymentIntents.list({
      created: { gte: p0.created, lte: p0.created + 20 },
      limit: 100,
    });
    expect(ranged.data.map((p) => p.id)).toEqual([created[2], created[1], created[0]]);
    const all: string[] = [];
    for await (const c of h.stripe.charges.list({ limit: 3 })) all.push(c.id);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const charges = await h.stripe.charges.list({
      payment_intent: created[1]!,
      expand: ['data.balance_transaction'],
    });
    expect(charges.data).toHaveLength(1);
    expect((charges.data[0]!.balance_transaction as Stripe.BalanceTransaction).amount).toBe(1001);
  });

  it('returns 404 resource_missing for an unknown intent', async () => {
    const err = await expectStripeError(h.stripe.paymentIntents.retrieve('pi_nope'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });
});

describe('balance and balance transactions', () => {
  it('moves charge funds from pending to available when the clock passes available_on', async () => {
    const before = await h.stripe.balance.retrieve();
    const pi = await h.stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      expand: ['latest_charge'],
    });
    const btId = (pi.latest_charge as Stripe.Charge).balance_transaction as string;
    const mid = await h.stripe.balance.retrieve();
    expect(mid.pending[0]!.amount - before.pending[0]!.amount).toBe(10_000 - ukFee(10_000));
    const bt = await h.stripe.balanceTransactions.retrieve(btId);
    h.sim.control.jumpTo(bt.available_on);
    const after = await h.stripe.balance.retrieve();
    expect((await h.stripe.balanceTransactions.retrieve(btId)).status).toBe('available');
    expect(after.available[0]!.amount + after.pending[0]!.amount).toBe(
      mid.available[0]!.amount + mid.pending[0]!.amount,
    );
    const txs = await h.stripe.balanceTransactions.list({ limit: 100 });
    const sumAll = txs.data.reduce((s, t) => s + t.net, 0);
    expect(sumAll).toBe(after.available[0]!.amount + after.pending[0]!.amount);
  });

  it('puts a pm_card_bypassPending charge straight into the available balance', async () => {
    const before = await h.stripe.balance.retrieve();
    const pi = await h.stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_bypassPending',
      expand: ['latest_charge'],
    });
    expect(pi.status).toBe('succeeded');
    const after = await h.stripe.balance.retrieve();
    expect(after.available[0]!.amount - before.available[0]!.amount).toBe(10_000 - ukFee(10_000));
    expect(after.pending[0]!.amount).toBe(before.pending[0]!.amount);
    const bt = await h.stripe.balanceTransactions.retrieve(
      (pi.latest_charge as Stripe.Charge).balance_transaction as string,
    );
    expect(bt).toMatchObject({ status: 'available', available_on: h.sim.state.now });
  });

  it('filters balance transactions by type and source', async () => {
    const charges = await h.stripe.balanceTransactions.list({ type: 'charge', limit: 100 });
    expect(charges.data.every((t) => t.type === 'charge')).toBe(true);
    const one = charges.data[0]!;
    const bySource = await h.stripe.balanceTransactions.list({ source: one.source as string });
    expect(bySource.data.map((t) => t.id)).toEqual([one.id]);
  });
});

describe('refunds', () => {
  let pi: Stripe.PaymentIntent;
  beforeAll(async () => {
    await h.fund(50_000);
    pi = await h.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
  });

  it('refunds partially against a payment intent, then the rest against the charge, and refuses more', async () => {
    const r1 = await h.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 1200,
      reason: 'requested_by_customer',
      metadata: { k: 'v' },
    });
    expect(r1.status).toBe('succeeded');
    expect(r1.amount).toBe(1200);
    expect(r1.metadata).toEqual({ k: 'v' });
    let charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.amount_refunded).toBe(1200);
    expect(charge.refunded).toBe(false);
    const r2 = await h.stripe.refunds.create({ charge: charge.id });
    expect(r2.amount).toBe(3800);
    charge = await h.stripe.charges.retrieve(charge.id);
    expect(charge.refunded).toBe(true);
    const err = await expectStripeError(h.stripe.refunds.create({ charge: charge.id, amount: 1 }));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('charge_already_refunded');
    const bt = await h.stripe.balanceTransactions.retrieve(r1.balance_transaction as string);
    expect(bt.type).toBe('refund');
    expect(bt.net).toBe(-1200);
    const listed = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data.map((r) => r.id)).toEqual([r2.id, r1.id]);
  });

  it('refuses a refund larger than what is left with param amount and no code', async () => {
    const p = await h.stripe.paymentIntents.create({
      amount: 3000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    await h.stripe.refunds.create({ payment_intent: p.id, amount: 2000 });
    const err = await expectStripeError(h.stripe.refunds.create({ payment_intent: p.id, amount: 1001 }));
    expect(err.code).toBeUndefined();
    expect(err.param).toBe('amount');
    expect(err.message).toBe('Refund amount (£10.01) is greater than unrefunded amount on charge (£10.00)');
  });

  it('fails a succeeded refund through the helper, returning the money to the balance and the charge', async () => {
    const p = await h.stripe.paymentIntents.create({
      amount: 4000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const r = await h.stripe.refunds.create({ payment_intent: p.id, amount: 1500 });
    expect((await h.stripe.refunds.retrieve(r.id)).status).toBe('succeeded');
    const balanceBefore = await h.stripe.balance.retrieve();
    const failed = await body<Stripe.Refund>(await h.http(`/_sim/refunds/${r.id}/fail`, { json: {} }));
    expect(failed.status).toBe('failed');
    const again = await h.stripe.refunds.retrieve(r.id);
    expect(again.status).toBe('failed');
    const failureBt = await h.stripe.balanceTransactions.retrieve(
      again.failure_balance_transaction as string,
    );
    expect(failureBt.type).toBe('refund_failure');
    expect(failureBt.net).toBe(1500);
    const balanceAfter = await h.stripe.balance.retrieve();
    expect(balanceAfter.available[0]!.amount - balanceBefore.available[0]!.amount).toBe(1500);
    expect((await h.stripe.charges.retrieve(p.latest_charge as string)).amount_refunded).toBe(0);
  });
});

describe('disputes', () => {
  it('opens a dispute that withdraws funds plus a fee, and a won dispute reinstates them', async () => {
    const p = await h.stripe.paymentIntents.create({
      amount: 6000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const before = await h.stripe.balance.retrieve();
    const dispute = h.sim.control.openDispute(p.latest_charge as string);
    expect(dispute.status).toBe('needs_response');
    const listed = await h.stripe.disputes.retrieve(dispute.id);
    expect(listed.amount).toBe(6000);
    expect(listed.balance_transactions[0]!.net).toBe(-6000 - 2000);
    const mid = await h.stripe.balance.retrieve();
    expect(mid.available[0]!.amount - before.available[0]!.amount).toBe(-8000);
    expect((await h.stripe.charges.retrieve(p.latest_charge as string)).disputed).toBe(true);
    const res = await h.http(`/_sim/disputes/${dispute.id}/close`, { json: { outcome: 'won' } });
    expect((await body<Stripe.Dispute>(res)).status).toBe('won');
    const after = await h.stripe.balance.retrieve();
    expect(after.available[0]!.amount - mid.available[0]!.amount).toBe(6000);
    expect((await h.stripe.disputes.list({ charge: p.latest_charge as string })).data[0]!.status).toBe('won');
  });
});

describe('coupons and promotion codes', () => {
  it('creates, lists and updates coupons and codes, and counts a redemption when a payment names the code', async () => {
    const coupon = await h.stripe.coupons.create({
      percent_off: 15,
      duration: 'once',
      max_redemptions: 10,
      name: 'Summer',
    });
    expect(coupon.percent_off).toBe(15);
    expect(coupon.valid).toBe(true);
    const renamed = await h.stripe.coupons.update(coupon.id, { name: 'Summer 15' });
    expect(renamed.name).toBe('Summer 15');
    const expires = h.sim.control.now() + 30 * 86_400;
    const code = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'SUMMER15',
      max_redemptions: 5,
      expires_at: expires,
    });
    expect(code.code).toBe('SUMMER15');
    expect(code.expires_at).toBe(expires);
    expect(code.promotion.coupon).toBe(coupon.id);
    const dup = await expectStripeError(
      h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'summer15' }),
    );
    expect(dup.statusCode).toBe(400);
    await h.stripe.paymentIntents.create({
      amount: 3009,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: { lplate_discount_code: 'summer15' },
    });
    expect((await h.stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
    expect((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
    const off = await h.stripe.promotionCodes.update(code.id, { active: false });
    expect(off.active).toBe(false);
    const active = await h.stripe.promotionCodes.list({ active: true });
    expect(active.data.find((c) => c.id === code.id)).toBeUndefined();
    const coupons = await h.stripe.coupons.list();
    expect(coupons.data[0]!.id).toBe(coupon.id);
  });

  it('refuses a coupon with neither percent_off nor amount_off', async () => {
    const err = await expectStripeError(h.stripe.coupons.create({ duration: 'once' }));
    expect(err.statusCode).toBe(400);
  });
});
