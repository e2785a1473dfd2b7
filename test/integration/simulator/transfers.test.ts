// Transfers funded by a charge (source_transaction), updates, Stripe's reversal refusals and the planted failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sim.close());

const account = () =>
  h.stripe.accounts.create({
    type: 'express',
    country: 'GB',
    settings: { payouts: { schedule: { interval: 'manual' } } },
  });
const pay = (amount: number) =>
  h.stripe.paymentIntents.create({ amount, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' });

describe('transfers with source_transaction', () => {
  it('transfers beyond the available balance up to what the charge has left, the destination’s funds pending with the charge’s', async () => {
    const dest = await account();
    const pi = await pay(10_000);
    const charge = pi.latest_charge as string;
    const t1 = await h.stripe.transfers.create({
      amount: 6000,
      currency: 'gbp',
      destination: dest.id,
      source_transaction: charge,
    });
    expect(t1.source_transaction).toBe(charge);
    const t2 = await h.stripe.transfers.create({
      amount: 4000,
      currency: 'gbp',
      destination: dest.id,
      source_transaction: charge,
    });
    expect(t2.amount).toBe(4000);
    const over = await expectStripeError(
      h.stripe.transfers.create({
        amount: 1,
        currency: 'gbp',
        destination: dest.id,
        source_transaction: charge,
      }),
    );
    expect(over).toMatchObject({ statusCode: 400, param: 'amount' });
    const plain = await expectStripeError(
      h.stripe.transfers.create({ amount: 1, currency: 'gbp', destination: dest.id }),
    );
    expect(plain.code).toBe('balance_insufficient');
    const destination = h.client({ stripeAccount: dest.id });
    const chargeBtId = (await h.stripe.charges.retrieve(charge)).balance_transaction as string;
    const chargeBt = await h.stripe.balanceTransactions.retrieve(chargeBtId);
    const destTxns = await destination.balanceTransactions.list();
    expect(
      destTxns.data.every((bt) => bt.available_on === chargeBt.available_on && bt.status === 'pending'),
    ).toBe(true);
    expect((await destination.balance.retrieve()).pending[0]!.amount).toBe(10_000);
    h.sim.control.advance(3 * 86_400);
    expect((await destination.balance.retrieve()).available[0]!.amount).toBe(10_000);
    const platform = await h.stripe.balance.retrieve();
    expect(platform.available[0]!.amount).toBe(-chargeBt.fee);
  });

  it('refuses a source_transaction that is not one of the platform’s charges', async () => {
    const dest = await account();
    const err = await expectStripeError(
      h.stripe.transfers.create({
        amount: 100,
        currency: 'gbp',
        destination: dest.id,
        source_transaction: 'ch_nope',
      }),
    );
    expect(err).toMatchObject({ code: 'resource_missing', param: 'source_transaction' });
  });
});

describe('transfer updates and reversals', () => {
  it('updates a transfer’s description and metadata with transfer.updated', async () => {
    await h.fund(10_000);
    const dest = await account();
    const t = await h.stripe.transfers.create({
      amount: 500,
      currency: 'gbp',
      destination: dest.id,
      metadata: { a: '1' },
    });
    const updated = await h.stripe.transfers.update(t.id, {
      description: 'Friday run',
      metadata: { b: '2' },
    });
    expect(updated).toMatchObject({ description: 'Friday run', metadata: { a: '1', b: '2' } });
    const event = (await h.stripe.events.list({ type: 'transfer.updated', limit: 1 })).data[0]!;
    expect(event.data.previous_attributes).toEqual({ description: null, metadata: { a: '1' } });
  });

  it('refuses to reverse more than is left, and a fully reversed transfer, with Stripe’s messages and no invented codes', async () => {
    await h.fund(10_000);
    const dest = await account();
    const t = await h.stripe.transfers.create({ amount: 1000, currency: 'gbp', destination: dest.id });
    h.sim.control.advance(3 * 86_400);
    await h.stripe.transfers.createReversal(t.id, { amount: 400 });
    const over = await expectStripeError(h.stripe.transfers.createReversal(t.id, { amount: 601 }));
    expect(over).toMatchObject({ statusCode: 400, param: 'amount', code: undefined });
    await h.stripe.transfers.createReversal(t.id);
    const full = await expectStripeError(h.stripe.transfers.createReversal(t.id, { amount: 1 }));
    expect(full.message).toBe(`The transfer ${t.id} is already fully reversed.`);
    expect(full.code).toBeUndefined();
  });
});

describe('planted failures', () => {
  it('fails the next transfer with balance_insufficient once, through the control API', async () => {
    await h.fund(10_000);
    const dest = await account();
    expect((await h.http('/_sim/transfers/fail-next', { json: {} })).status).toBe(200);
    const err = await expectStripeError(
      h.stripe.transfers.create({ amount: 100, currency: 'gbp', destination: dest.id }),
    );
    expect(err.code).toBe('balance_insufficient');
    await expect(
      h.stripe.transfers.create({ amount: 100, currency: 'gbp', destination: dest.id }),
    ).resolves.toMatchObject({
      amount: 100,
    });
  });

  it('fails the next reversal as if the destination’s balance were too low, once', async () => {
    await h.fund(10_000);
    const dest = await account();
    const t = await h.stripe.transfers.create({ amount: 1000, currency: 'gbp', destination: dest.id });
    await h.http('/_sim/reversals/fail-next', { json: {} });
    const err = await expectStripeError(h.stripe.transfers.createReversal(t.id, { amount: 100 }));
    expect(err.code).toBe('balance_insufficient');
    expect(err.message).toContain(dest.id);
    await expect(h.stripe.transfers.createReversal(t.id, { amount: 100 })).resolves.toMatchObject({
      amount: 100,
    });
  });

  it('lifts a restriction so transfers to the account go through again', async () => {
    await h.fund(10_000);
    const dest = await account();
    h.sim.control.restrictAccount(dest.id);
    await expectStripeError(
      h.stripe.transfers.create({ amount: 100, currency: 'gbp', destination: dest.id }),
    );
    const lifted = await body<Stripe.Account>(
      await h.http(`/_sim/accounts/${dest.id}/unrestrict`, { json: {} }),
    );
    expect(lifted).toMatchObject({ payouts_enabled: true, capabilities: { transfers: 'active' } });
    expect(lifted.requirements?.disabled_reason).toBeNull();
    await expect(
      h.stripe.transfers.create({ amount: 100, currency: 'gbp', destination: dest.id }),
    ).resolves.toBeTruthy();
  });
});
