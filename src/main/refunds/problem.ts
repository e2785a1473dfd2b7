// What went wrong with a refund, in plain words with what to do: Stripe's refusals (a disputed or already refunded
// charge, more than is left), a refund Stripe could not pay out or is waiting to pay, a write held for a person.
import type { RefundStatus } from '../../shared/contract/refunds';

const NOTHING = 'Nothing was refunded and the learner’s credits are as they were.';

/** Why Stripe holds a refund pending, when it is not just processing it (Stripe's `pending_reason`). */
const WAITING: Record<string, string> = {
  insufficient_funds:
    'Waiting in Stripe for funds: the platform’s Stripe balance could not cover this refund when it was made (a payout may have just emptied it). The learner has not been repaid yet; their hours are already taken back. Stripe pays it once the balance covers it: add funds to the balance in the Stripe Dashboard soon rather than leave the learner waiting.',
  charge_pending:
    'Waiting in Stripe for the payment to settle: the learner’s charge has not cleared yet, so the learner has not been repaid yet; Stripe pays the refund once it has. Nothing to do.',
};

const REFUSALS: Record<string, string> = {
  charge_disputed: `Stripe refused: the learner disputed this payment (a chargeback), so it cannot be refunded. ${NOTHING} Answer the dispute in the Stripe Dashboard instead.`,
  charge_already_refunded: `Stripe refused: the payment was already refunded in full, perhaps in the Stripe Dashboard (sync shows that refund here). ${NOTHING}`,
  charge_not_refundable: `Stripe refused: the payment has no successful charge to refund. ${NOTHING}`,
};

export function refundProblem(row: {
  status: RefundStatus;
  error_code: string | null;
  error_param: string | null;
  error_message: string | null;
  held_reason: string | null;
  failure_reason: string | null;
  pending_reason: string | null;
}): string | null {
  if (row.status === 'failed' && row.error_message !== null) {
    if (row.error_code && REFUSALS[row.error_code]) return REFUSALS[row.error_code]!;
    if (row.error_param === 'amount')
      return `Stripe refused: the amount is more than is left to refund on the payment (another refund went first, perhaps in the Stripe Dashboard). ${NOTHING} Sync, check the payment’s refunds, and ask again for what is left.`;
    return `${row.error_message} ${NOTHING}`;
  }
  if (row.status === 'failed')
    return `Stripe could not pay the refund back to the learner${row.failure_reason ? ` (${row.failure_reason.replace(/_/g, ' ')})` : ''}: the money came back to the platform’s balance and the hours are back on the learner’s credits. Contact the learner for another way to repay them.`;
  if (row.status === 'pending' && row.pending_reason && WAITING[row.pending_reason])
    return WAITING[row.pending_reason]!;
  if (row.held_reason) return row.held_reason;
  if (row.status === 'submitted' && row.error_message) return row.error_message;
  return null;
}
