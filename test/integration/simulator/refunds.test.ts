// Refunds as Stripe settles them: succeeded when covered, pending with a reason until funds arrive, planted outcomes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sim.close());

const pay = (amount: number) =>
  h.stripe.paymentIntents.create({ amount, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' });

/** Σ net of every platform balance transaction equals Stripe's balance (available + pending). */
async function expectLedgerMatchesBalance(): Promise<void> {
  let sum = 0;
  for await (const bt of h.stripe.balanceTransactions.list({ limit: 100 })) sum += bt.net;
  const b = await h.stripe.balance.retrieve();
  expect(sum).toBe(b.available[0]!.amount + b.pending[0]!.amount);
}

describe('refund statuses', () => {
  it('succeeds at creation, with its balance transaction, when the available balance covers it', async () => {
    await h.fund(10_000);
    const pi = await pay(3000);
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(r.status).toBe('succeeded');
    expect(r.pending_reason).toBeUndefined();
    expect((await h.stripe.balanceTransactions.retrieve(r.balance_transaction as string)).net).toBe(-1000);
    await expectLedgerMatchesBalance();
  });

  it('waits pending (charge_pending) with no balance transaction until the charge’s funds are available', async () => {
    const pi = await pay(5000);
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 2000 });
    expect(r).toMatchObject({
      status: 'pending',
      pending_reason: 'charge_pending',
      balance_transaction: null,
    });
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(2000);
    await expectLedgerMatchesBalance();
    h.sim.control.advance(3 * 86_400);
    const settled = await h.stripe.refunds.retrieve(r.id);
    expect(settled.status).toBe('succeeded');
    const bt = await h.stripe.balanceTransactions.retrieve(settled.balance_transaction as string);
    expect(bt).toMatchObject({ type: 'refund', net: -2000, created: h.sim.control.now() - 86_400 });
    const updated = await h.stripe.events.list({ type: 'refund.updated', limit: 1 });
    expect(updated.data[0]!.data.previous_attributes).toMatchObject({
      status: 'pending',
      pending_reason: 'charge_pending',
      balance_transaction: null,
    });
    await expectLedgerMatchesBalance();
  });

  it('waits pending (insufficient_funds) when the balance was paid out, and settles when new funds arrive', async () => {
    const pi = await pay(5000);
    h.sim.control.advance(3 * 86_400);
    expect(h.sim.control.createPayout()).not.toBeNull();
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
    expect(r).toMatchObject({
      status: 'pending',
      pending_reason: 'insufficient_funds',
      balance_transaction: null,
    });
    await pay(4000);
    h.sim.control.advance(86_400);
    expect((await h.stripe.refunds.retrieve(r.id)).status).toBe('pending');
    h.sim.control.advance(4 * 86_400);
    expect((await h.stripe.refunds.retrieve(r.id)).status).toBe('succeeded');
    await expectLedgerMatchesBalance();
  });

  it('settles a waiting refund on the next clock move once money comes back (a failed payout)', async () => {
    const pi = await pay(5000);
    h.sim.control.advance(3 * 86_400);
    const payout = h.sim.control.createPayout()!;
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(r.pending_reason).toBe('insufficient_funds');
    h.sim.control.failPayout(payout.id);
    h.sim.control.advance(1);
    expect((await h.stripe.refunds.retrieve(r.id)).status).toBe('succeeded');
    await expectLedgerMatchesBalance();
  });

  it('makes the next refund pending (processing) and succeeds it on the clock, through the control API', async () => {
    await h.fund(10_000);
    const pi = await pay(3000);
    expect((await h.http('/_sim/refunds/next', { json: { outcome: 'pending' } })).status).toBe(200);
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 700 });
    expect(r).toMatchObject({ status: 'pending', pending_reason: 'processing' });
    expect(r.balance_transaction).not.toBeNull();
    h.sim.control.advance(3600);
    expect((await h.stripe.refunds.retrieve(r.id)).status).toBe('succeeded');
    const next = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
    expect(next.status).toBe('succeeded');
  });

  it('makes the next refund fail after creation: refund_failure returns the money, refund.failed is emitted', async () => {
    await h.fund(10_000);
    const pi = await pay(3000);
    h.sim.control.nextRefund('failed');
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 900 });
    expect(r.status).toBe('pending');
    h.sim.control.advance(3600);
    const failed = await h.stripe.refunds.retrieve(r.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure_reason).toBe('expired_or_canceled_card');
    const back = await h.stripe.balanceTransactions.retrieve(failed.failure_balance_transaction as string);
    expect(back).toMatchObject({ type: 'refund_failure', net: 900 });
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(0);
    expect(
      (await h.stripe.events.list({ type: 'refund.failed', limit: 1 })).data[0]!.data.object,
    ).toMatchObject({
      id: r.id,
    });
    await expectLedgerMatchesBalance();
  });

  it('keeps /_sim/refunds/:id/fail for a refund that already succeeded', async () => {
    await h.fund(10_000);
    const pi = await pay(3000);
    const r = await h.stripe.refunds.create({ payment_intent: pi.id });
    const failed = await body<Stripe.Refund>(await h.http(`/_sim/refunds/${r.id}/fail`, { json: {} }));
    expect(failed.status).toBe('failed');
  });
});

describe('refund refusals and updates', () => {
  it('refuses more than the charge, more than is left, an already refunded and a disputed charge as Stripe does', async () => {
    await h.fund(10_000);
    const pi = await pay(2000);
    const tooMuch = await expectStripeError(h.stripe.refunds.create({ payment_intent: pi.id, amount: 2001 }));
    expect(tooMuch).toMatchObject({ code: undefined, param: 'amount' });
    expect(tooMuch.message).toBe('Refund amount (£20.01) is greater than charge amount (£20.00)');
    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
    const left = await expectStripeError(h.stripe.refunds.create({ payment_intent: pi.id, amount: 600 }));
    expect(left.message).toBe('Refund amount (£6.00) is greater than unrefunded amount on charge (£5.00)');
    await h.stripe.refunds.create({ payment_intent: pi.id });
    const done = await expectStripeError(h.stripe.refunds.create({ payment_intent: pi.id }));
    expect(done.code).toBe('charge_already_refunded');
    const disputed = await pay(2500);
    h.sim.control.openDispute(disputed.latest_charge as string);
    const chargedBack = await expectStripeError(h.stripe.refunds.create({ payment_intent: disputed.id }));
    expect(chargedBack.code).toBe('charge_disputed');
    expect(chargedBack.message).toBe(
      `Charge ${disputed.latest_charge as string} has been charged back; cannot issue a refund.`,
    );
  });

  it('updates a refund’s metadata with refund.updated naming the previous metadata', async () => {
    await h.fund(10_000);
    const pi = await pay(2000);
    const r = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 500, metadata: { a: '1' } });
    const updated = await h.stripe.refunds.update(r.id, { metadata: { b: '2', a: '' } });
    expect(updated.metadata).toEqual({ b: '2' });
    const event = (await h.stripe.events.list({ type: 'refund.updated', limit: 1 })).data[0]!;
    expect(event.data.previous_attributes).toEqual({ metadata: { a: '1' } });
  });
});
