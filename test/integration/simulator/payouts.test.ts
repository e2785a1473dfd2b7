// Funds availability by business days, the payout lifecycle (pending → in_transit → paid), cancel, schedules and filters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sim.close());

const at = (iso: string) => Date.parse(iso) / 1000;
const pay = (amount: number, client: Stripe = h.stripe) =>
  client.paymentIntents.create({ amount, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' });
const chargeBt = async (pi: Stripe.PaymentIntent, client: Stripe = h.stripe) =>
  client.balanceTransactions.retrieve(
    (await client.charges.retrieve(pi.latest_charge as string)).balance_transaction as string,
  );

describe('funds availability', () => {
  it('makes a charge available after delay_days business days at 00:00 UTC: a Friday charge on Tuesday', async () => {
    h.sim.control.jumpTo('2026-07-03T10:00:00Z');
    const bt = await chargeBt(await pay(2000));
    expect(bt.available_on).toBe(at('2026-07-07T00:00:00Z'));
    expect(bt.status).toBe('pending');
    h.sim.control.jumpTo('2026-07-06T23:59:59Z');
    expect((await h.stripe.balance.retrieve()).pending[0]!.amount).toBe(bt.net);
    h.sim.control.jumpTo('2026-07-07T00:00:00Z');
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBe(bt.net);
  });

  it('shows the payout schedule on the platform account and follows a connected account’s own delay_days', async () => {
    const platform = await h.stripe.accounts.retrieveCurrent();
    expect(platform).toMatchObject({
      id: h.sim.state.platformId,
      country: 'GB',
      settings: { dashboard: { display_name: 'LPlate (simulated)' } },
    });
    expect(platform.settings?.payouts?.schedule).toMatchObject({ interval: 'manual', delay_days: 2 });
    const slow = await h.stripe.accounts.create({
      type: 'express',
      country: 'GB',
      settings: { payouts: { schedule: { interval: 'weekly', delay_days: 5, weekly_anchor: 'friday' } } },
    });
    expect(slow.settings?.payouts?.schedule).toMatchObject({
      interval: 'weekly',
      delay_days: 5,
      weekly_anchor: 'friday',
    });
    const bt = await chargeBt(
      await pay(2000, h.client({ stripeAccount: slow.id })),
      h.client({ stripeAccount: slow.id }),
    );
    expect(bt.available_on).toBe(at('2026-07-08T00:00:00Z'));
  });
});

describe('payouts', () => {
  it('creates payouts pending, sends them in_transit, and pays them on their arrival date', async () => {
    await h.fund(10_000);
    const po = await h.stripe.payouts.create({ amount: 1000, currency: 'gbp' });
    expect(po.status).toBe('pending');
    expect(po.arrival_date).toBe(at('2026-07-06T00:00:00Z'));
    h.sim.control.advance(3600);
    expect((await h.stripe.payouts.retrieve(po.id)).status).toBe('in_transit');
    const updated = (await h.stripe.events.list({ type: 'payout.updated', limit: 1 })).data[0]!;
    expect(updated.data.previous_attributes).toEqual({ status: 'pending' });
    h.sim.control.jumpTo('2026-07-06T00:00:00Z');
    expect((await h.stripe.payouts.retrieve(po.id)).status).toBe('paid');
  });

  it('cancels a pending payout, returning its money with payout_cancel, and refuses once it is in transit', async () => {
    await h.fund(10_000);
    const before = (await h.stripe.balance.retrieve()).available[0]!.amount;
    const po = await h.stripe.payouts.create({ amount: 1000, currency: 'gbp' });
    const canceled = await h.stripe.payouts.cancel(po.id);
    expect(canceled.status).toBe('canceled');
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBe(before);
    const back = await h.stripe.balanceTransactions.list({ type: 'payout_cancel' });
    expect(back.data.map((bt) => [bt.source, bt.net])).toEqual([[po.id, 1000]]);
    expect((await h.stripe.events.list({ type: 'payout.canceled' })).data).toHaveLength(1);
    const sent = await h.stripe.payouts.create({ amount: 1000, currency: 'gbp' });
    h.sim.control.advance(3600);
    const err = await expectStripeError(h.stripe.payouts.cancel(sent.id));
    expect(err.message).toBe('Payouts can only be canceled while they are pending.');
  });

  it('filters payouts by status and arrival_date, and balance transactions by payout, type, source and created', async () => {
    await h.fund(10_000);
    const first = await h.stripe.payouts.create({ amount: 1000, currency: 'gbp' });
    h.sim.control.jumpTo('2026-07-06T12:00:00Z');
    const second = await h.stripe.payouts.create({ amount: 500, currency: 'gbp' });
    expect((await h.stripe.payouts.list({ status: 'paid' })).data.map((p) => p.id)).toEqual([first.id]);
    expect((await h.stripe.payouts.list({ status: 'pending' })).data.map((p) => p.id)).toEqual([second.id]);
    const byArrival = await h.stripe.payouts.list({ arrival_date: { gte: at('2026-07-07T00:00:00Z') } });
    expect(byArrival.data.map((p) => p.id)).toEqual([second.id]);
    expect((await h.stripe.payouts.list({ arrival_date: first.arrival_date })).data.map((p) => p.id)).toEqual(
      [first.id],
    );
    const payoutTxns = await h.stripe.balanceTransactions.list({ type: 'payout' });
    expect(payoutTxns.data.map((bt) => bt.source)).toEqual([second.id, first.id]);
    const recent = await h.stripe.balanceTransactions.list({ created: { gte: at('2026-07-06T00:00:00Z') } });
    expect(recent.data.map((bt) => bt.source)).toEqual([second.id]);
    expect((await h.stripe.balanceTransactions.list({ source: first.id })).data).toHaveLength(1);
  });
});
