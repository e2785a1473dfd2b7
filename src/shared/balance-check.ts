// How Stripe's reported balance stands against the ledger's: one rule for the Overview's card and its alert.

export type BalanceCheck =
  | { kind: 'matches' }
  /** The whole difference is refunds the ledger has taken from the balance and Stripe has not paid yet. */
  | { kind: 'refundsNotYetPaid'; pence: number }
  /** Stripe reports `differencePence` more than the ledger; `refundsPence` of it are such refunds (0 when none explain part). */
  | { kind: 'differs'; differencePence: number; refundsPence: number };

export function balanceCheck(
  reportedPence: number,
  ledgerPence: number,
  refundsNotYetPaidPence: number,
): BalanceCheck {
  const difference = reportedPence - ledgerPence;
  if (difference === 0) return { kind: 'matches' };
  if (difference === refundsNotYetPaidPence) return { kind: 'refundsNotYetPaid', pence: difference };
  // Such refunds explain part of a difference only when Stripe holds more than they are; otherwise they tell nothing.
  const explains = refundsNotYetPaidPence > 0 && difference > refundsNotYetPaidPence;
  return {
    kind: 'differs',
    differencePence: difference,
    refundsPence: explains ? refundsNotYetPaidPence : 0,
  };
}
