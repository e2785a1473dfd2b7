// Stripe's processing fee on a charge, from the charge's balance transaction: its own root, so listing balance
// transactions after the payments does not project every payment again.
import { writeJournal } from '../../ledger/journal-store';
import { stripeFeeLines } from '../../ledger/postings';
import type { ProjectionContext } from '../../projection/context';
import { createdMs, idOf, int } from '../../stripe/json';

/** The payment a charge belongs to: its PaymentIntent id, or the charge id for a charge without one. */
export const paymentKeyOfCharge = (charge: { id: string; payment_intent?: unknown }) =>
  idOf(charge.payment_intent) ?? charge.id;

export function projectStripeFee(ctx: ProjectionContext, root: string): void {
  const bt = ctx.object(root.slice('fee:'.length));
  if (!bt) return;
  const chargeId = idOf(bt.source);
  const fee = int(bt.fee) ?? 0;
  let link = {
    payment_id: null as string | null,
    instructor_id: null as string | null,
    learner_id: null as string | null,
  };
  if (chargeId) {
    ctx.ref(chargeId, root);
    const charge = ctx.object(chargeId);
    if (charge) {
      const key = paymentKeyOfCharge(charge);
      ctx.ref(`payment-row:${key}`, root);
      link =
        (ctx
          .stmt(
            'SELECT id AS payment_id, instructor_id, learner_id FROM payments WHERE stripe_payment_intent_id = ?',
          )
          .get(key) as typeof link | undefined) ?? link;
    }
  }
  writeJournal(
    ctx,
    root,
    fee === 0
      ? []
      : [
          {
            id: `fee:${bt.id}`,
            kind: 'stripe_fee',
            source_type: 'balance_transaction',
            source_id: bt.id,
            occurred_at: createdMs(bt),
            description: `Stripe fee on ${chargeId ?? 'a charge'}`,
            ...link,
            lines: stripeFeeLines(fee),
          },
        ],
  );
}
