// The transfer write of one instructor's payout: key `payout:{instructor}:{date}` (a retry after Stripe refused it
// adds `:retry-{n}`), transfer_group `payout-{date}` and the metadata of DOMAIN.md §9.
import type { AnyStripeWrite } from '../outbox/index';
import { formatDay } from '../../shared/dates';
import { formatPence } from '../../shared/money';

/** The outbox intent of payout transfers (its follow-up settles the clawbacks the payout deducted). */
export const PAYOUT_INTENT = 'payout';

export function payoutKey(instructorId: string, date: string, attempt: number): string {
  return attempt <= 1 ? `payout:${instructorId}:${date}` : `payout:${instructorId}:${date}:retry-${attempt}`;
}

export function payoutTransfer(p: {
  writeId: string;
  payoutId: string;
  instructor: { id: string; name: string };
  account: string;
  date: string;
  amountPence: number;
  attempt: number;
}): AnyStripeWrite {
  return {
    id: p.writeId,
    kind: 'transfer.create',
    params: {
      amount: p.amountPence,
      currency: 'gbp',
      destination: p.account,
      transfer_group: `payout-${p.date}`,
      description: `LPlate payout for ${formatDay(p.date)}`,
      metadata: {
        lplate_payout_id: p.payoutId,
        lplate_instructor_id: p.instructor.id,
        lplate_payout_date: p.date,
      },
    },
    idempotencyKey: payoutKey(p.instructor.id, p.date, p.attempt),
    intent: { type: PAYOUT_INTENT, id: p.payoutId },
    description: `Pay ${formatPence(p.amountPence)} to ${p.instructor.name} for ${formatDay(p.date)}`,
  };
}
