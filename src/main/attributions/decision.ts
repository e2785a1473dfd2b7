// What finance decided about one Stripe object, as the payment and transfer projectors read it (a console record:
// a rebuild reads it again, so a decided object stays decided).
import type { ProjectionContext } from '../projection/context';
import type { PaymentMeta } from '../stripe/payment-metadata';

export type PaymentDecision = PaymentMeta | 'not_marketplace';
export type TransferDecision = { instructorId: string; payoutDate: string } | 'not_marketplace';

interface Row {
  decision: 'attributed' | 'not_marketplace';
  learner_id: string | null;
  learner_name: string | null;
  learner_email: string | null;
  instructor_id: string | null;
  payment_type: 'lesson' | 'credit_pack' | null;
  hours: number | null;
  rate_pence: number | null;
  payout_date: string | null;
}

function decisionRow(ctx: ProjectionContext, objectId: string): Row | undefined {
  return ctx.stmt('SELECT * FROM attributions WHERE object_id = ?').get(objectId) as Row | undefined;
}

/** The payment finance attributed (as if its metadata named them), `not_marketplace`, or undefined if undecided. */
export function paymentDecision(ctx: ProjectionContext, objectId: string): PaymentDecision | undefined {
  const r = decisionRow(ctx, objectId);
  if (!r) return undefined;
  if (r.decision === 'not_marketplace') return 'not_marketplace';
  return {
    learnerId: r.learner_id!,
    learnerEmail: r.learner_email ?? '',
    learnerName: r.learner_name ?? r.learner_id!,
    instructorId: r.instructor_id!,
    paymentType: r.payment_type!,
    hours: r.hours!,
    ratePence: r.rate_pence!,
    discountCode: null,
    referralCode: null,
  };
}

/** The instructor payout finance counted a transfer as, `not_marketplace`, or undefined if undecided. */
export function transferDecision(ctx: ProjectionContext, objectId: string): TransferDecision | undefined {
  const r = decisionRow(ctx, objectId);
  if (!r) return undefined;
  if (r.decision === 'not_marketplace') return 'not_marketplace';
  return { instructorId: r.instructor_id!, payoutDate: r.payout_date! };
}
