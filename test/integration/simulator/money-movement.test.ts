// Conformance: accounts, transfers, reversals and payouts through the real SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

async function account(name: string): Promise<Stripe.Account> {
  return h.stripe.accounts.create({
    type: 'express',
    country: 'GB',
    email: `${name}@example.test`,
    business_profile: { name },
    metadata: { lplate_instructor_id: `id-${name}` },
    capabilities: { transfers: { requested: true } },
  });
}

describe('connected accounts', () => {
  it('creates express GB accounts that can take transfers, and retrieves, lists and updates them', async () => {
    const a = await account('alice');
    expect(a).toMatchObject({
      type: 'express',
      country: 'GB',
      charges_enabled: true,
      payouts_enabled: true,
      email: 'alice@example.test',
    });
    expect(a.capabilities?.transfers).toBe('active');
    expect(a.requirements?.disabled_reason).toBeNull();
    expect(a.metadata?.lplate_instructor_id).toBe('id-alice');
    expect(a.business_profile?.name).toBe('alice');
    const b = await account('bob');
    const listed = await h.stripe.accounts.list({ limit: 2 });
    expect(listed.data.map((x) => x.id)).toEqual([b.id, a.id]);
    const updated = await h.stripe.accounts.update(a.id, {
      metadata: { note: 'vip', lplate_instructor_id: '' },
    });
    expect(updated.metadata).toEqual({ note: 'vip' });
    expect((await h.stripe.accounts.retrieve(a.id)).metadata).toEqual({ note: 'vip' });
  });

  it('restricts an account through the control API: payouts disabled with a reason, transfers refused', async () => {
    await h.fund(20_000);
    const a = await account('carol');
    const res = await h.http(`/_sim/accounts/${a.id}/restrict`, {
      json: { reason: 'requirements.past_due' },
    });
    const restricted = await body<Stripe.Account>(res);
    expect(restricted.payouts_enabled).toBe(false);
    expect(restricted.requirements?.disabled_reason).toBe('requirements.past_due');
    const err = await expectStripeError(
      h.stripe.transfers.create({ amount: 100, currency: 'gbp', destination: a.id }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('insufficient_capabilities_for_transfer');
    const payoutErr = await expectStripeError(
      h.client({ stripeAccount: a.id }).payouts.create({ amount: 1, currency: 'gbp' }),
    );
    expect(payoutErr.code).toBe('payouts_not_allowed');
    const events = await h.stripe.events.list({ type: 'account.updated', limit: 1 });
    expect(events.data[0]!.account).toBe(a.id);
    expect(events.data[0]!.data.previous_attributes).toMatchObject({ payouts_enabled: true });
  });
});

describe('transfers and reversals', () => {
  it('transfers from the available balance only, refusing with balance_insufficient beyond it', async () => {
    const dest = await account('dave');
    const pending = await h.stripe.paymentIntents.create({
      amount: 100_000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(pending.status).toBe('succeeded');
    const bal = await h.stripe.balance.retrieve();
    const available = bal.available[0]!.amount;
    expect(bal.pending[0]!.amount).toBeGreaterThan(0);
    const err = await expectStripeError(
      h.stripe.transfers.create({ amount: available + 1, currency: 'gbp', destination: dest.id }),
    );
    expect(err.code).toBe('balance_insufficient');
    const tr = await h.stripe.transfers.create({
      amount: 1234,
      currency: 'gbp',
      destination: dest.id,
      transfer_group: 'payout-2026-07-03',
      metadata: { lplate_payout_id: 'p-1' },
    });
    expect(tr).toMatchObject({
      amount: 1234,
      destination: dest.id,
      transfer_group: 'payout-2026-07-03',
      reversed: false,
      amount_reversed: 0,
    });
    const after = await h.stripe.balance.retrieve();
    expect(available - after.available[0]!.amount).toBe(1234);
    const bt = await h.stripe.balanceTransactions.retrieve(tr.balance_transaction as string);
    expect(bt).toMatchObject({ type: 'transfer', net: -1234, status: 'available' });
    expect((await h.stripe.transfers.retrieve(tr.id)).metadata).toEqual({ lplate_payout_id: 'p-1' });
  });

  it('lists transfers by destination and transfer_group', async () => {
    await h.fund(30_000);
    const e = await account('erin');
    const f = await account('frank');
    const t1 = await h.stripe.transfers.create({
      amount: 100,
      currency: 'gbp',
      destination: e.id,
      transfer_group: 'g1',
    });
    const t2 = await h.stripe.transfers.create({
      amount: 200,
      currency: 'gbp',
      destination: f.id,
      transfer_group: 'g1',
    });
    const t3 = await h.stripe.transfers.create({
      amount: 300,
      currency: 'gbp',
      destination: e.id,
      transfer_group: 'g2',
    });
    expect((await h.stripe.transfers.list({ destination: e.id })).data.map((t) => t.id)).toEqual([
      t3.id,
      t1.id,
    ]);
    expect((await h.stripe.transfers.list({ transfer_group: 'g1' })).data.map((t) => t.id)).toEqual([
      t2.id,
      t1.id,
    ]);
    const summary = h.sim.control.summary();
    expect(summary.transfersByDestination[e.id]).toEqual({ count: 2, amount: 400, reversed: 0 });
  });

  it('reverses partially then fully, and refuses more than is left', async () => {
    await h.fund(10_000);
    const g = await account('gina');
    const tr = await h.stripe.transfers.create({ amount: 1000, currency: 'gbp', destination: g.id });
    const r1 = await h.stripe.transfers.createReversal(tr.id, { amount: 300 });
    expect(r1).toMatchObject({ object: 'transfer_reversal', amount: 300, transfer: tr.id });
    const r2 = await h.stripe.transfers.createReversal(tr.id);
    expect(r2.amount).toBe(700);
    const after = await h.stripe.transfers.retrieve(tr.id);
    expect(after).toMatchObject({ amount_reversed: 1000, reversed: true });
    expect(after.reversals.data.map((r) => r.id)).toEqual([r2.id, r1.id]);
    const listed = await h.stripe.transfers.listReversals(tr.id);
    expect(listed.data.map((r) => r.id)).toEqual([r2.id, r1.id]);
    const err = await expectStripeError(h.stripe.transfers.createReversal(tr.id, { amount: 1 }));
    expect(err.statusCode).toBe(400);
    const bt = await h.stripe.balanceTransactions.retrieve(r1.balance_transaction as string);
    expect(bt).toMatchObject({ type: 'transfer_refund', net: 300 });
    const events = await h.stripe.events.list({ type: 'transfer.reversed', limit: 2 });
    expect(events.data[0]!.data.previous_attributes).toMatchObject({ amount_reversed: 300, reversed: false });
  });

  it('refuses a reversal when the destination has already paid the money out', async () => {
    await h.fund(10_000);
    const k = await account('kim');
    const tr = await h.stripe.transfers.create({ amount: 2000, currency: 'gbp', destination: k.id });
    const connected = h.client({ stripeAccount: k.id });
    await connected.payouts.create({ amount: 1500, currency: 'gbp' });
    const err = await expectStripeError(h.stripe.transfers.createReversal(tr.id, { amount: 1000 }));
    expect(err.code).toBe('balance_insufficient');
    await expect(h.stripe.transfers.createReversal(tr.id, { amount: 500 })).resolves.toMatchObject({
      amount: 500,
    });
  });
});

describe('payouts', () => {
  it('pays the available balance out automatically on the schedule, tying the swept transactions to the payout', async () => {
    const sim = await startHarness({ payoutSchedule: 'daily', startDate: '2026-08-03' });
    try {
      for (const amount of [5000, 7321, 999]) {
        await sim.stripe.paymentIntents.create({
          amount,
          currency: 'gbp',
          confirm: true,
          payment_method: 'pm_card_visa',
        });
      }
      const pi = await sim.stripe.paymentIntents.create({
        amount: 4000,
        currency: 'gbp',
        confirm: true,
        payment_method: 'pm_card_visa',
      });
      await sim.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
      sim.sim.control.advance(3 * 86_400);
      const payouts = await sim.stripe.payouts.list();
      expect(payouts.data.length).toBeGreaterThanOrEqual(1);
      for (const po of payouts.data) {
        expect(po.automatic).toBe(true);
        let sum = 0;
        for await (const bt of sim.stripe.balanceTransactions.list({ payout: po.id, limit: 100 }))
          sum += bt.net;
        expect(sum).toBe(po.amount);
      }
      const total = payouts.data.reduce((s, p) => s + p.amount, 0);
      const fees = [5000, 7321, 999, 4000].reduce((s, a) => s + Math.floor((a * 150 + 5000) / 10000) + 20, 0);
      expect(total).toBe(5000 + 7321 + 999 + 4000 - 1000 - fees);
      expect((await sim.stripe.balance.retrieve()).available[0]!.amount).toBe(0);
      sim.sim.control.advance(86_400);
      expect((await sim.stripe.payouts.retrieve(payouts.data[0]!.id)).status).toBe('paid');
      const paid = await sim.stripe.events.list({ type: 'payout.paid' });
      expect(paid.data.length).toBe(payouts.data.length);
    } finally {
      await sim.sim.close();
    }
  });

  it('makes an on-demand payout and fails it through the helper, returning the funds', async () => {
    await h.fund(10_000);
    const before = (await h.stripe.balance.retrieve()).available[0]!.amount;
    const po = await h.stripe.payouts.create({ amount: 2500, currency: 'gbp' });
    expect(po).toMatchObject({ status: 'pending', automatic: false, amount: 2500 });
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBe(before - 2500);
    const failed = await body<Stripe.Payout>(await h.http(`/_sim/payouts/${po.id}/fail`, { json: {} }));
    expect(failed.status).toBe('failed');
    expect(failed.failure_code).toBe('account_closed');
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBe(before);
    const events = await h.stripe.events.list({ types: ['payout.failed', 'payout.created'], limit: 2 });
    expect(events.data.map((e) => e.type)).toEqual(['payout.failed', 'payout.created']);
    expect(events.data.every((e) => (e.data.object as Stripe.Payout).id === po.id)).toBe(true);
    const tooMuch = await expectStripeError(h.stripe.payouts.create({ amount: 10_000_000, currency: 'gbp' }));
    expect(tooMuch.code).toBe('balance_insufficient');
  });

  it('sweeps everything available with a control payout without amount', async () => {
    await h.fund(3000);
    const res = await h.http('/_sim/payouts', { json: {} });
    const po = await body<Stripe.Payout>(res);
    let sum = 0;
    for await (const bt of h.stripe.balanceTransactions.list({ payout: po.id, limit: 100 })) sum += bt.net;
    expect(sum).toBe(po.amount);
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBe(0);
  });
});
