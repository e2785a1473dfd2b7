// The rule the Overview's Stripe balance card and its alert share: what a ledger/Stripe difference is made of.
import { describe, expect, it } from 'vitest';
import { balanceCheck } from '../../src/shared/balance-check';

describe('balanceCheck', () => {
  it('matches when Stripe reports what the ledger holds, whatever refunds are pending', () => {
    expect(balanceCheck(10_000, 10_000, 0)).toEqual({ kind: 'matches' });
    // Stripe paid a pending refund after sync listed it: the balances agree, and nothing is raised.
    expect(balanceCheck(10_000, 10_000, 2_500)).toEqual({ kind: 'matches' });
  });

  it('puts the whole difference down to refunds Stripe has not paid when it is exactly their sum', () => {
    expect(balanceCheck(12_500, 10_000, 2_500)).toEqual({ kind: 'refundsNotYetPaid', pence: 2_500 });
  });

  it('names the refunds’ part of a larger difference', () => {
    expect(balanceCheck(13_734, 10_000, 2_500)).toEqual({
      kind: 'differs',
      differencePence: 3_734,
      refundsPence: 2_500,
    });
  });

  it('names no part when the refunds are more than the difference, or Stripe holds less than the ledger', () => {
    for (const reported of [11_000, 9_000])
      expect(balanceCheck(reported, 10_000, 2_500)).toEqual({
        kind: 'differs',
        differencePence: reported - 10_000,
        refundsPence: 0,
      });
    expect(balanceCheck(9_000, 10_000, 0)).toEqual({
      kind: 'differs',
      differencePence: -1_000,
      refundsPence: 0,
    });
  });
});
