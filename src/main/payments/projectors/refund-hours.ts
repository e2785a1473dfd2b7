// Works out which hours each refund of a payment took back (from the back) and the discount share it carries.
import { allocate } from '../../../shared/money';
import type { PaymentAmounts } from '../../ledger/postings';
import type { StripeJson } from '../../stripe/json';
import { int, metaInt, metadataOf, str } from '../../stripe/json';

/** Refund states in which the money has left (or is leaving) the Stripe balance. */
export const MONEY_OUT_REFUND = new Set(['pending', 'succeeded', 'requires_action']);

export interface RefundShare {
  refund: StripeJson;
  amount: number;
  status: string;
  /** Hours taken back, or null for a refund of an amount that is not whole hours. */
  hours: number | null;
  discountShare: number;
  /** The paid share of its hours less the amount: what the platform keeps of them (0 when it refunds their share). */
  kept: number;
  /** The hours (from, from + usedHours] of it were already used in lessons (`lplate_refund_used_hours`). */
  used: { from: number; hours: number } | null;
}

/**
 * Walks the refunds oldest first. Hours come from metadata `lplate_refund_hours` (a refund asked for by amount names
 * the whole hours it takes, and may refund less than their share), else are recognised when the amount is exactly
 * the paid share of the last k unused hours; `lplate_refund_used_hours` says how many of them
 * (the lowest) were already used in lessons. Failed or canceled refunds take nothing back.
 */
export function refundShares(refunds: readonly StripeJson[], p: PaymentAmounts): RefundShare[] {
  let hoursBack = 0;
  let amountBack = 0;
  return refunds.map((refund) => {
    const amount = int(refund.amount) ?? 0;
    const status = str(refund.status) ?? 'pending';
    const top = p.hours - hoursBack;
    let hours = metaInt(metadataOf(refund).lplate_refund_hours);
    if (hours !== null && (hours < 1 || hours > top)) hours = null;
    if (hours === null)
      for (let k = 1; k <= top; k++)
        if (allocate(p.paid, p.hours, top - k, top) === amount) {
          hours = k;
          break;
        }
    let discountShare = 0;
    let kept = 0;
    if (hours !== null) {
      discountShare = allocate(p.discount, p.hours, top - hours, top);
      kept = allocate(p.paid, p.hours, top - hours, top) - amount;
    } else if (p.paid > 0 && amountBack + amount <= p.paid)
      discountShare = allocate(p.discount, p.paid, amountBack, amountBack + amount);
    const usedHours = hours === null ? 0 : (metaInt(metadataOf(refund).lplate_refund_used_hours) ?? 0);
    const used = usedHours > 0 && usedHours <= hours! ? { from: top - hours!, hours: usedHours } : null;
    if (MONEY_OUT_REFUND.has(status)) {
      hoursBack += hours ?? 0;
      amountBack += amount;
    }
    return { refund, amount, status, hours, discountShare, kept, used };
  });
}
