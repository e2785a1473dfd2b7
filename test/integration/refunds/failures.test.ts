// Refunds that do not happen: Stripe refuses one (the payment was disputed meanwhile), or Stripe takes it and the
// card refund fails later. Either way the learner's credits and the ledger end as they were, and the refund's row
// says what happened and what to do.
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src/main/db/open';
import { formatPence } from '../../../src/shared/money';
import { stripeBalanceOf } from '../../../src/main/ledger/balances';
import { readState, writeState } from '../../../src/main/sync/state';
import { refundsWorkspace } from './workspace';

const w = refundsWorkspace(63);
const { call } = w;

/** The pair's credits and the payment's journal: what a refund that did not happen must leave as it was. */
function moneyOf(sqlite: Sqlite, paymentId: string) {
  return {
    credits: w.credits(paymentId),
    prepaid: sqlite
      .prepare(
        `SELECT sum(l.amount_pence) FROM journal_lines l JOIN journal_transactions t ON t.id = l.transaction_id
         WHERE t.payment_id = ? AND l.account LIKE 'learner_prepaid:%'`,
      )
      .pluck()
      .get(paymentId),
  };
}

async function approvedRefund(paymentId: string) {
  const { requestId } = await call('sup', 'refunds.request', {
    paymentId,
    hours: 1,
    reason: 'requested_by_customer',
    note: 'Cancelled lesson',
  });
  const { jobId } = await call('sup', 'refunds.decide', { requestId, decision: 'approve' });
  return { requestId, job: await w.ended(jobId, 'sup') };
}

describe('a refund Stripe refuses', () => {
  it('says the payment is disputed, in plain words, and changes no credits or journal lines', async () => {
    const [paymentId] = w.payments('small');
    const { sqlite } = w.c.core.services;
    const before = moneyOf(sqlite, paymentId!);
    const pi = w.pi(paymentId!);
    // The learner's bank opens a chargeback before sync has brought it: the console still thinks it is refundable.
    w.sim.control.openDispute(pi);
    const { requestId, job } = await approvedRefund(paymentId!);
    expect(job.state).toBe('failed');
    const row = await w.row(requestId, 'sup');
    expect(row.status).toBe('failed');
    expect(row.problem).toMatch(
      /the learner disputed this payment \(a chargeback\).*Nothing was refunded.*Answer the dispute/,
    );
    expect(w.sim.state.refunds.items.filter((r) => r.paymentId === pi)).toEqual([]);
    expect(moneyOf(sqlite, paymentId!)).toEqual(before);
    // The Overview's Needs attention names it among the failed refunds, with Stripe's reason.
    const failed = (await call('sup', 'overview.attention', {})).find((g) => g.kind === 'failed_refunds');
    expect(failed?.items.find((i) => i.id === requestId)?.detail).toMatch(/^Stripe says: /);
    // After sync the payment shows disputed and the form says why nothing can be refunded.
    await w.sync();
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    expect(quote.blocked).toMatch(/disputed/);
    expect(quote.options).toEqual([]);
    expect(w.problems()).toEqual([]);
  });
});

describe('a refund that fails after Stripe took it', () => {
  it('gives the hours back to the learner and returns the money in the journal, saying what to do', async () => {
    const [paymentId] = w.payments('small');
    const { sqlite } = w.c.core.services;
    const before = moneyOf(sqlite, paymentId!);
    w.sim.control.nextRefund('failed');
    const { requestId, job } = await approvedRefund(paymentId!);
    expect(job.state).toBe('done');
    expect((await w.row(requestId, 'sup')).status).toBe('pending');
    // Pending: the hours are already taken back (pending refunds count).
    expect(w.credits(paymentId!).refunded).toBe(before.credits.refunded + 1);
    w.sim.control.advance(3 * 86_400);
    await w.sync();
    const row = await w.row(requestId, 'sup');
    expect(row.status).toBe('failed');
    expect(row.problem).toMatch(
      /could not pay the refund back to the learner.*hours are back on the learner’s credits/,
    );
    expect(moneyOf(sqlite, paymentId!)).toEqual(before);
    expect(w.problems()).toEqual([]);
  });
});

describe('a refund Stripe keeps pending for want of funds', () => {
  it('says the balance could not cover it and what to do, then settles once money comes back', async () => {
    const [paymentId] = w.payments('small');
    const { sqlite } = w.c.core.services;
    // Every payment's funds become available, and a payout takes them all: the balance is empty.
    w.sim.control.advance(3 * 86_400);
    const payout = w.sim.control.createPayout();
    expect(payout).not.toBeNull();
    const { requestId, job } = await approvedRefund(paymentId!);
    expect(job.state).toBe('done');
    await w.sync();
    const waiting = await w.row(requestId, 'sup');
    expect(waiting.status).toBe('pending');
    expect(waiting.problem).toMatch(/Waiting in Stripe for funds.*balance could not cover.*add funds/);
    // The Overview's Needs attention lists it until Stripe pays it.
    const waitingGroup = async () =>
      (await call('sup', 'overview.attention', {})).find((g) => g.kind === 'refunds_waiting_for_funds');
    expect((await waitingGroup())?.items.map((i) => [i.id, i.link])).toEqual([
      [requestId, { kind: 'route', path: '/refunds', params: { status: 'pending' } }],
    ]);
    // Stripe's balance still holds what the ledger has already refunded: the Stripe balance card says so, in
    // amber, and no ledger/Stripe difference is raised for it.
    const drift = async () =>
      (await call('sup', 'overview.attention', {})).find((g) => g.kind === 'balance_drift');
    const reported = async () => (await call('sup', 'overview.summary', { period: 'today' })).stripeReported!;
    expect((await reported()).refundsNotYetPaidPence).toBe(waiting.amountPence);
    expect((await reported()).pence - stripeBalanceOf(sqlite)).toBe(waiting.amountPence);
    expect(await drift()).toBeUndefined();
    // Money the refund does not explain is still raised, with how much of the difference the refund is.
    const stored = readState(sqlite, 'stripe_balance')!;
    writeState(
      sqlite,
      'stripe_balance',
      { ...stored, pence: stored.pence + 1234 },
      w.c.core.services.clock.now(),
    );
    const [pounds, all] = [waiting.amountPence, waiting.amountPence + 1234].map(formatPence);
    expect((await drift())?.items[0]?.detail).toContain(
      `A difference of ${all}: ${pounds} is refunds Stripe has not paid yet (in the ledger, not yet taken from Stripe’s balance); for the other £12.34, a sync pass may be behind`,
    );
    // The payout fails, its money comes back to the balance, and Stripe pays the refund on its next move.
    w.sim.control.failPayout(payout!.id);
    w.sim.control.advance(1);
    await w.sync();
    const paid = await w.row(requestId, 'sup');
    expect(paid.status).toBe('succeeded');
    expect(paid.problem).toBeNull();
    expect(await waitingGroup()).toBeUndefined();
    expect((await reported()).refundsNotYetPaidPence).toBe(0);
    expect(await drift()).toBeUndefined();
    expect(w.problems()).toEqual([]);
  });
});
