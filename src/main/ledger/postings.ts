// The posting rules of DOMAIN.md §7 as pure functions: each returns the lines of one balanced transaction.
import { allocate } from '../../shared/money';
import {
  DISCOUNTS_EXPENSE,
  DISPUTES_EXPENSE,
  PLATFORM_BANK,
  PLATFORM_FEE_REVENUE,
  STRIPE_BALANCE,
  STRIPE_FEES_EXPENSE,
} from './accounts';

/** One journal line: positive = debit (assets and expenses up), negative = credit (liabilities and income up). */
export interface Line {
  account: string;
  amount: number;
}

/** The three allocated amounts of a payment (§1) and its hours. */
export interface PaymentAmounts {
  paid: number;
  discount: number;
  instructor: number;
  hours: number;
}

export function sumLines(lines: readonly Line[]): number {
  return lines.reduce((sum, l) => sum + l.amount, 0);
}

/** Throws when a transaction would not balance or carries a non-integer amount: that is a bug, never written. */
export function assertBalanced(id: string, lines: readonly Line[]): void {
  for (const l of lines)
    if (!Number.isSafeInteger(l.amount)) throw new Error(`${id}: ${l.account} has a non-integer amount`);
  const sum = sumLines(lines);
  if (sum !== 0) throw new Error(`${id} does not balance: its lines sum to ${sum}`);
}

/** Learner pays: stripe_balance +paid, discounts_expense +discount, prepaid −(paid + discount). */
export function paymentLines(prepaid: string, paid: number, discount: number): Line[] {
  return [
    { account: STRIPE_BALANCE, amount: paid },
    { account: DISCOUNTS_EXPENSE, amount: discount },
    { account: prepaid, amount: -(paid + discount) },
  ];
}

/** Stripe's processing fee on a charge, from its balance transaction. */
export function stripeFeeLines(fee: number): Line[] {
  return [
    { account: STRIPE_FEES_EXPENSE, amount: fee },
    { account: STRIPE_BALANCE, amount: -fee },
  ];
}

/** The shares of hours (from, to] of a payment: paid, discount and instructor allocated, list and fee derived. */
export function hourShares(p: PaymentAmounts, from: number, to: number) {
  const paid = allocate(p.paid, p.hours, from, to);
  const discount = allocate(p.discount, p.hours, from, to);
  const instructor = allocate(p.instructor, p.hours, from, to);
  const list = paid + discount;
  return { paid, discount, instructor, list, fee: list - instructor };
}

/** Lesson completion of hours (from, to]: the prepaid list share moves to the instructor and the platform. */
export function completionLines(
  prepaid: string,
  payable: string,
  p: PaymentAmounts,
  from: number,
  to: number,
) {
  const s = hourShares(p, from, to);
  return [
    { account: prepaid, amount: s.list },
    { account: payable, amount: -s.instructor },
    { account: PLATFORM_FEE_REVENUE, amount: -s.fee },
  ];
}

/**
 * A refund of `amount` paid back, with the discount share it carries: the prepaid liability falls by both. `kept` is
 * the paid share of the refund's hours the learner does not get back (a refund of an amount below its whole hours'
 * share): those hours leave the liability all the same and the platform keeps it as fee revenue.
 */
export function refundLines(prepaid: string, amount: number, discountShare: number, kept = 0): Line[] {
  return [
    { account: STRIPE_BALANCE, amount: -amount },
    { account: DISCOUNTS_EXPENSE, amount: -discountShare },
    { account: prepaid, amount: amount + kept + discountShare },
    ...(kept !== 0 ? [{ account: PLATFORM_FEE_REVENUE, amount: -kept }] : []),
  ];
}

/**
 * A refund that also takes back hours already used in lessons: the unused part leaves the prepaid liability as any
 * refund does; the used part's list share comes back from the instructor (their share, clawed back: their payable
 * is debited) and from the platform (its fee share) — the completion of those hours undone.
 */
export function usedHoursRefundLines(
  prepaid: string,
  payable: string,
  amount: number,
  discountShare: number,
  used: ReturnType<typeof hourShares>,
  kept = 0,
): Line[] {
  const unusedList = amount + kept - used.paid + discountShare - used.discount;
  return [
    { account: STRIPE_BALANCE, amount: -amount },
    { account: DISCOUNTS_EXPENSE, amount: -discountShare },
    ...(unusedList !== 0 ? [{ account: prepaid, amount: unusedList }] : []),
    { account: payable, amount: used.instructor },
    { account: PLATFORM_FEE_REVENUE, amount: used.fee - kept },
  ];
}

/** The money of a failed refund coming back: the exact opposite of its refund transaction. */
export function reversedLines(lines: readonly Line[]): Line[] {
  return lines.map((l) => ({ account: l.account, amount: -l.amount }));
}

/** A transfer to an instructor pays their payable; a reversal (negative amount) takes it back. */
export function transferLines(payable: string, amount: number): Line[] {
  return [
    { account: payable, amount },
    { account: STRIPE_BALANCE, amount: -amount },
  ];
}

/** The platform's own payout to its bank account. */
export function platformPayoutLines(amount: number): Line[] {
  return [
    { account: PLATFORM_BANK, amount },
    { account: STRIPE_BALANCE, amount: -amount },
  ];
}

/** Finance's decision to claw a lost dispute's instructor share back: their payable is debited, the loss reduced. */
export function disputeClawbackLines(payable: string, share: number): Line[] {
  return [
    { account: payable, amount: share },
    { account: DISPUTES_EXPENSE, amount: -share },
  ];
}

/**
 * A clawback finance or a manager waived: the instructor is owed the share again (their payable credited) and the
 * platform bears it — its fee revenue for a refund of used hours, the dispute's loss for a lost dispute.
 */
export function waivedClawbackLines(payable: string, from: 'refund' | 'dispute', amount: number): Line[] {
  return [
    { account: payable, amount: -amount },
    { account: from === 'refund' ? PLATFORM_FEE_REVENUE : DISPUTES_EXPENSE, amount },
  ];
}

/** One dispute balance transaction: funds withdrawn (amount < 0) or reinstated (amount > 0), and Stripe's dispute fee. */
export function disputeLines(amount: number, fee: number): Line[] {
  const lines: Line[] = [
    { account: DISPUTES_EXPENSE, amount: -amount },
    { account: STRIPE_BALANCE, amount: amount - fee },
  ];
  if (fee !== 0) lines.push({ account: STRIPE_FEES_EXPENSE, amount: fee });
  return lines;
}
