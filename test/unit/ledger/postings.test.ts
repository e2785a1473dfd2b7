import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertBalanced,
  completionLines,
  disputeLines,
  hourShares,
  paymentLines,
  platformPayoutLines,
  refundLines,
  reversedLines,
  stripeFeeLines,
  sumLines,
  transferLines,
  type PaymentAmounts,
} from '../../../src/main/ledger/postings';
import { applyBps, applyPercent } from '../../../src/shared/money';

const PREPAID = 'learner_prepaid:l:i';
const PAYABLE = 'instructor_payable:i';
const balanceOf = (lines: { account: string; amount: number }[], account: string) =>
  lines.filter((l) => l.account === account).reduce((s, l) => s + l.amount, 0);

/** A payment as the marketplace prices it: hours × rate, 18% fee, an optional code off the list total. */
const payment = fc
  .record({
    hours: fc.integer({ min: 1, max: 20 }),
    rate: fc.integer({ min: 0, max: 10_000 }),
    pct: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ hours, rate, pct }): PaymentAmounts => {
    const instructor = hours * rate;
    const list = instructor + applyBps(instructor, 1800);
    const discount = applyPercent(list, pct);
    return { paid: list - discount, discount, instructor, hours };
  });

describe('posting rules', () => {
  it('splits £100.00 for 3 h as £33.33, £33.34, £33.33 taken from the front', () => {
    const p: PaymentAmounts = { paid: 10_000, discount: 0, instructor: 8475, hours: 3 };
    expect([0, 1, 2].map((h) => hourShares(p, h, h + 1).paid)).toEqual([3333, 3334, 3333]);
  });

  it('posts a payment as stripe_balance +paid, discounts_expense +discount, prepaid −list', () => {
    // £30/h for 1 h = £35.40 list, 10% off = £3.54, the learner pays £31.86
    const lines = paymentLines(PREPAID, 3186, 354);
    expect(lines).toEqual([
      { account: 'stripe_balance', amount: 3186 },
      { account: 'discounts_expense', amount: 354 },
      { account: PREPAID, amount: -3540 },
    ]);
  });

  it('pays the instructor the full rate when the platform absorbs a discount, even below zero fee', () => {
    // 100% off: the learner pays nothing, the instructor still earns £30.00, the platform fee is −£30.00
    const p: PaymentAmounts = { paid: 0, discount: 3540, instructor: 3000, hours: 1 };
    const lines = completionLines(PREPAID, PAYABLE, p, 0, 1);
    expect(balanceOf(lines, PAYABLE)).toBe(-3000);
    expect(balanceOf(lines, 'platform_fee_revenue')).toBe(-540);
    expect(balanceOf(lines, PREPAID)).toBe(3540);
    // the payment row's net fee is total − instructor = −£30.00: the discount expense carries the subsidy
    expect(p.paid - p.instructor).toBe(-3000);
  });

  it('refunds unused hours from the back with their discount share, leaving the front hours intact', () => {
    const p: PaymentAmounts = { paid: 10_000, discount: 1000, instructor: 8475, hours: 3 };
    const last = hourShares(p, 2, 3);
    const lines = refundLines(PREPAID, last.paid, last.discount);
    expect(lines).toEqual([
      { account: 'stripe_balance', amount: -3333 },
      { account: 'discounts_expense', amount: -333 },
      { account: PREPAID, amount: 3666 },
    ]);
  });

  it('consumes a payment from the front and refunds from the back so that the prepaid liability ends at zero', () => {
    fc.assert(
      fc.property(payment, fc.nat(), (p, seed) => {
        const used = seed % (p.hours + 1);
        let prepaid = balanceOf(paymentLines(PREPAID, p.paid, p.discount), PREPAID);
        for (let h = 0; h < used; h++)
          prepaid += balanceOf(completionLines(PREPAID, PAYABLE, p, h, h + 1), PREPAID);
        for (let h = p.hours; h > used; h--) {
          const s = hourShares(p, h - 1, h);
          prepaid += balanceOf(refundLines(PREPAID, s.paid, s.discount), PREPAID);
        }
        expect(prepaid).toBe(0);
      }),
    );
  });

  it('pays the instructor exactly their amount over all hours, however the completions are grouped', () => {
    fc.assert(
      fc.property(payment, fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 20 }), (p, steps) => {
        let from = 0;
        let earned = 0;
        for (const step of steps) {
          const to = Math.min(p.hours, from + step);
          earned -= balanceOf(completionLines(PREPAID, PAYABLE, p, from, to), PAYABLE);
          from = to;
        }
        earned -= balanceOf(completionLines(PREPAID, PAYABLE, p, from, p.hours), PAYABLE);
        expect(earned).toBe(p.instructor);
      }),
    );
  });

  it('balances every transaction it can post', () => {
    fc.assert(
      fc.property(
        payment,
        fc.nat(),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.nat(5000),
        (p, a, x, fee) => {
          const from = a % (p.hours + 1);
          const s = hourShares(p, from, p.hours);
          const all = [
            paymentLines(PREPAID, p.paid, p.discount),
            stripeFeeLines(fee),
            completionLines(PREPAID, PAYABLE, p, from, p.hours),
            refundLines(PREPAID, s.paid, s.discount),
            reversedLines(refundLines(PREPAID, s.paid, s.discount)),
            transferLines(PAYABLE, x),
            platformPayoutLines(x),
            disputeLines(x, fee),
          ];
          for (const lines of all) {
            expect(sumLines(lines)).toBe(0);
            expect(() => assertBalanced('tx', lines)).not.toThrow();
          }
        },
      ),
    );
  });

  it('refuses a transaction that does not balance or carries a fraction of a penny', () => {
    expect(() => assertBalanced('tx', [{ account: 'stripe_balance', amount: 1 }])).toThrow(
      /does not balance/,
    );
    expect(() =>
      assertBalanced('tx', [
        { account: 'stripe_balance', amount: 0.5 },
        { account: 'platform_bank', amount: -0.5 },
      ]),
    ).toThrow(/non-integer/);
  });

  it('posts dispute funds withdrawn with Stripe’s £20 fee, and their return when won', () => {
    const withdrawn = disputeLines(-4130, 2000);
    expect(balanceOf(withdrawn, 'stripe_balance')).toBe(-6130);
    expect(balanceOf(withdrawn, 'disputes_expense')).toBe(4130);
    expect(balanceOf(withdrawn, 'stripe_fees_expense')).toBe(2000);
    const returned = disputeLines(4130, 0);
    expect(balanceOf(returned, 'stripe_balance')).toBe(4130);
    expect(balanceOf(returned, 'disputes_expense')).toBe(-4130);
  });
});

describe('a refund of an amount below its hours’ share', () => {
  it('takes the hours out of the liability at their list value and keeps the rest as fee revenue', () => {
    const lines = refundLines(PREPAID, 5000, 667, 1667);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(0);
    expect(lines).toEqual([
      { account: 'stripe_balance', amount: -5000 },
      { account: 'discounts_expense', amount: -667 },
      { account: PREPAID, amount: 7334 },
      { account: 'platform_fee_revenue', amount: -1667 },
    ]);
  });
});
