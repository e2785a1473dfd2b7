// What a payment can still give back: its hours used in lessons (from the front), refunded in Stripe and on their
// way there (from the back), and the learner's paid share of the next k unused hours. The one count the form, the
// request and the approval use, read inside their transactions so two approvals can never both take the last hour.
import type { RefundQuote } from '../../shared/contract/refunds';
import { allocate } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { PAYMENT_FROM } from '../payments/queries';

export interface Refundable {
  payment: RefundQuote['payment'];
  used: number;
  usedPaidToInstructor: number;
  /** Hours refunds in Stripe took back (pending or succeeded). */
  refunded: number;
  /** Approved requests whose refund Stripe has not shown yet (and has not refused). */
  inFlightHours: number;
  inFlightPence: number;
  /** Requests awaiting a decision (other than the one being decided). */
  awaitingHours: number;
  /** Unused hours not refunded nor on their way: what an approval may take. */
  unused: number;
  blocked: string | null;
}

const REFUNDABLE_STATUSES = new Set(['succeeded', 'partially_refunded']);

/** The write of an approved request not yet seen in Stripe as a refund, nor refused or cancelled. */
const IN_FLIGHT = `rr.state = 'approved' AND NOT EXISTS (SELECT 1 FROM stripe_requests w
    WHERE w.intent_type = 'refund' AND w.intent_id = rr.id
      AND (w.state IN ('failed', 'canceled') OR EXISTS (SELECT 1 FROM refunds r WHERE r.stripe_refund_id = w.stripe_object_id)))`;

export function refundableOf(sqlite: Sqlite, paymentId: string, exceptRequest?: string): Refundable | null {
  const p = sqlite
    .prepare(
      `SELECT p.id, p.stripe_payment_intent_id AS pi, p.status, p.hours, p.total_amount_pence AS paid,
              p.amount_refunded_pence AS refunded, p.learner_id, l.name AS learner_name, l.email AS learner_email,
              p.instructor_id, iu.name AS instructor_name ${PAYMENT_FROM} WHERE p.id = ?`,
    )
    .get(paymentId) as
    | {
        id: string;
        pi: string;
        status: string;
        hours: number;
        paid: number;
        refunded: number;
        learner_id: string;
        learner_name: string;
        learner_email: string;
        instructor_id: string;
        instructor_name: string;
      }
    | undefined;
  if (!p) return null;
  const earned = sqlite
    .prepare(
      `SELECT ifnull(sum(hours_to - hours_from), 0) AS used,
              ifnull(sum(CASE WHEN status = 'paid' THEN hours_to - hours_from END), 0) AS paid
       FROM earnings WHERE payment_id = ? AND status <> 'cancelled'`,
    )
    .get(p.id) as { used: number; paid: number };
  const refunded = sqlite
    .prepare(
      "SELECT ifnull(sum(hours), 0) FROM refunds WHERE payment_id = ? AND status IN ('pending', 'succeeded')",
    )
    .pluck()
    .get(p.id) as number;
  const inFlight = sqlite
    .prepare(
      `SELECT ifnull(sum(hours), 0) AS hours, ifnull(sum(amount_pence), 0) AS pence FROM refund_requests rr
       WHERE rr.payment_id = ? AND ${IN_FLIGHT}`,
    )
    .get(p.id) as { hours: number; pence: number };
  const awaitingHours = sqlite
    .prepare(
      "SELECT ifnull(sum(hours), 0) FROM refund_requests WHERE payment_id = ? AND state = 'requested' AND id IS NOT ?",
    )
    .pluck()
    .get(p.id, exceptRequest ?? null) as number;
  const unused = Math.max(0, p.hours - earned.used - refunded - inFlight.hours);
  const moneyLeft = p.paid - p.refunded - inFlight.pence;
  const blocked =
    p.status === 'disputed'
      ? 'The payment is disputed (a chargeback): Stripe will not refund it. Answer the dispute in the Stripe Dashboard instead.'
      : !REFUNDABLE_STATUSES.has(p.status)
        ? p.status === 'refunded'
          ? 'The payment was refunded in full already.'
          : `The payment is ${p.status}: only a paid payment can be refunded.`
        : unused === 0 || moneyLeft <= 0
          ? `No unused hours are left to refund: ${earned.used} h used in lessons, ${refunded + inFlight.hours} h refunded or on the way.`
          : null;
  return {
    payment: {
      id: p.id,
      paymentIntentId: p.pi,
      status: p.status,
      learner: { id: p.learner_id, name: p.learner_name, email: p.learner_email },
      instructor: { id: p.instructor_id, name: p.instructor_name },
      hours: p.hours,
      paidPence: p.paid,
      refundedPence: p.refunded,
    },
    used: earned.used,
    usedPaidToInstructor: earned.paid,
    refunded,
    inFlightHours: inFlight.hours,
    inFlightPence: inFlight.pence,
    awaitingHours,
    unused: blocked ? 0 : unused,
    blocked,
  };
}

/** The learner's paid share of the next `hours` unused hours, taken from the back (DOMAIN.md §1). */
export function amountFor(r: Refundable, hours: number): number {
  const top = r.payment.hours - r.refunded - r.inFlightHours;
  return allocate(r.payment.paidPence, r.payment.hours, top - hours, top);
}

/** Why `hours` cannot be refunded from this payment now, in words that say what to change; null when it can. */
export function hoursProblem(
  r: Refundable,
  hours: number,
  role: string,
  counting: 'awaiting' | 'none',
): string | null {
  if (r.blocked) return r.blocked;
  const free = r.unused - (counting === 'awaiting' ? r.awaitingHours : 0);
  if (hours <= free) return null;
  if (hours <= r.unused)
    return `${r.awaitingHours} h of this payment are already asked for in a request awaiting a decision: ask for at most ${free} h more, or decide that request first.`;
  const used =
    role === 'support'
      ? 'Refunding hours already used in lessons needs finance or a manager.'
      : 'Refunding hours already used in lessons takes the instructor’s share back, which comes with payout runs: refund unused hours only for now.';
  return `Only ${r.unused} of the payment’s ${r.payment.hours} h can be refunded now (${r.used} h used in lessons, ${r.refunded + r.inFlightHours} h refunded or on the way). ${used}`;
}

export function quoteOf(r: Refundable, approvalLimitPence: number): RefundQuote {
  const refundableNow = Math.max(0, r.unused - r.awaitingHours);
  return {
    payment: r.payment,
    hours: {
      used: r.used,
      usedPaidToInstructor: r.usedPaidToInstructor,
      refunded: r.refunded,
      inFlight: r.inFlightHours + r.awaitingHours,
      awaitingDecision: r.awaitingHours,
      refundableNow,
    },
    // Requests awaiting a decision take their hours first: the next one's amount starts below theirs.
    options: Array.from({ length: refundableNow }, (_, i) => ({
      hours: i + 1,
      amountPence: amountFor({ ...r, inFlightHours: r.inFlightHours + r.awaitingHours }, i + 1),
    })),
    approvalLimitPence,
    blocked:
      r.blocked ??
      (refundableNow === 0 && r.awaitingHours > 0
        ? 'Every unused hour is already asked for in a request awaiting a decision: decide that request first.'
        : null),
  };
}
