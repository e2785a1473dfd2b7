// What a payment can still give back: its hours used in lessons (from the front), refunded in Stripe and on their
// way there (from the back), and the learner's paid share of the next k unused hours. The one count the form, the
// request and the approval use, read inside their transactions so two approvals can never both take the last hour.
import type { Role } from '../../shared/contract/define';
import type { RefundQuote } from '../../shared/contract/refunds';
import { mayRefundUsed } from './rules';
import { allocate, formatPence } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { PAYMENT_FROM } from '../payments/queries';

export interface Refundable {
  payment: RefundQuote['payment'];
  used: number;
  usedPaidToInstructor: number;
  /** Hours refunds in Stripe took back (pending or succeeded), and of them those already used in lessons. */
  refunded: number;
  refundedUsed: number;
  /** Approved requests whose refund Stripe has not shown yet (and has not refused). */
  inFlightHours: number;
  inFlightUsed: number;
  inFlightPence: number;
  /** Requests awaiting a decision (other than the one being decided). */
  awaitingHours: number;
  /** Unused hours not refunded nor on their way: what an approval may take. */
  unused: number;
  /** Used hours not refunded nor on their way: what finance or a manager may also take (clawing them back). */
  usedLeft: number;
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
  const back = sqlite
    .prepare(
      `SELECT ifnull(sum(hours), 0) AS hours, ifnull(sum(used_hours), 0) AS used FROM refunds
       WHERE payment_id = ? AND status IN ('pending', 'succeeded')`,
    )
    .get(p.id) as { hours: number; used: number };
  const refunded = back.hours;
  const inFlight = sqlite
    .prepare(
      `SELECT ifnull(sum(hours), 0) AS hours, ifnull(sum(used_hours), 0) AS used, ifnull(sum(amount_pence), 0) AS pence
       FROM refund_requests rr WHERE rr.payment_id = ? AND ${IN_FLIGHT}`,
    )
    .get(p.id) as { hours: number; used: number; pence: number };
  const awaitingHours = sqlite
    .prepare(
      "SELECT ifnull(sum(hours), 0) FROM refund_requests WHERE payment_id = ? AND state = 'requested' AND id IS NOT ?",
    )
    .pluck()
    .get(p.id, exceptRequest ?? null) as number;
  const unused = Math.max(
    0,
    p.hours - earned.used - (refunded - back.used) - (inFlight.hours - inFlight.used),
  );
  const usedLeft = Math.max(0, earned.used - back.used - inFlight.used);
  const moneyLeft = p.paid - p.refunded - inFlight.pence;
  const blocked =
    p.status === 'disputed'
      ? 'The payment is disputed (a chargeback): Stripe will not refund it. Answer the dispute in the Stripe Dashboard instead.'
      : !REFUNDABLE_STATUSES.has(p.status)
        ? p.status === 'refunded'
          ? 'The payment was refunded in full already.'
          : `The payment is ${p.status}: only a paid payment can be refunded.`
        : unused + usedLeft === 0 || moneyLeft <= 0
          ? `No hours are left to refund: ${earned.used} h used in lessons, ${refunded + inFlight.hours} h refunded or on the way.`
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
    refundedUsed: back.used,
    inFlightHours: inFlight.hours,
    inFlightUsed: inFlight.used,
    inFlightPence: inFlight.pence,
    awaitingHours,
    unused: blocked ? 0 : unused,
    usedLeft: blocked ? 0 : usedLeft,
    blocked,
  };
}

/** The learner's paid share of the next `hours` unused hours, taken from the back (DOMAIN.md §1). */
export function amountFor(r: Refundable, hours: number): number {
  const top = r.payment.hours - r.refunded - r.inFlightHours;
  return allocate(r.payment.paidPence, r.payment.hours, top - hours, top);
}

/** Hours a request may take without touching used ones: unused, less those asked for by requests awaiting. */
const freeHours = (r: Refundable, counting: 'awaiting' | 'none') =>
  Math.max(0, r.unused - (counting === 'awaiting' ? r.awaitingHours : 0));

/** Of `hours` asked for, those already used in lessons (a refund takes unused hours first, from the back). */
export const usedPart = (r: Refundable, hours: number, counting: 'awaiting' | 'none') =>
  Math.max(0, hours - freeHours(r, counting));

/** The used hours (from, to] of the payment that `hours` would take back, after refunds before it (from the back). */
export function usedRange(r: Refundable, hours: number, used: number): { from: number; to: number } {
  const from = r.payment.hours - r.refunded - r.inFlightHours - hours;
  return { from, to: from + used };
}

/** The most hours `role` may ask for now: unused ones not asked for, and (finance, manager) used ones left. */
function mostHours(r: Refundable, role: Role, counting: 'awaiting' | 'none'): number {
  return (
    freeHours(r, counting) +
    (mayRefundUsed(role) ? Math.max(0, r.usedLeft - Math.max(0, r.awaitingHours - r.unused)) : 0)
  );
}

/** Why `hours` cannot be refunded from this payment now, in words that say what to change; null when it can. */
export function hoursProblem(
  r: Refundable,
  hours: number,
  role: Role,
  counting: 'awaiting' | 'none',
): string | null {
  if (r.blocked) return r.blocked;
  const most = mostHours(r, role, counting);
  if (hours <= most) return null;
  if (counting === 'awaiting' && r.awaitingHours > 0 && hours <= most + r.awaitingHours)
    return `${r.awaitingHours} h of this payment are already asked for in a request awaiting a decision: ask for at most ${most} h more, or decide that request first.`;
  const used = mayRefundUsed(role)
    ? `${r.usedLeft} h used in lessons can also be refunded (the instructor’s share is clawed back).`
    : 'Refunding hours already used in lessons needs finance or a manager.';
  return `Only ${most} of the payment’s ${r.payment.hours} h can be refunded now (${r.unused} h unused, ${r.used} h used in lessons, ${r.refunded + r.inFlightHours} h refunded or on the way). ${used}`;
}

/**
 * A refund of an amount (DOMAIN.md §6, credits in whole hours): it takes back, from the back, the fewest hours whose
 * paid share covers it. `r` counts what goes first (requests awaiting, for a new request). Returns those hours, or
 * why the amount cannot be refunded now, saying the most that can.
 */
export function hoursForAmount(
  r: Refundable,
  amountPence: number,
  role: Role,
  counting: 'awaiting' | 'none',
): { hours: number } | { problem: string } {
  if (r.blocked) return { problem: r.blocked };
  const most = mostHours(r, role, counting);
  for (let k = 1; k <= most; k++) if (amountFor(r, k) >= amountPence) return { hours: k };
  const max = formatPence(most > 0 ? amountFor(r, most) : 0);
  const awaiting =
    counting === 'awaiting' && r.awaitingHours > 0
      ? ` ${r.awaitingHours} h are already asked for in a request awaiting a decision.`
      : '';
  const used =
    !mayRefundUsed(role) && r.usedLeft > 0
      ? ' More would take hours already used in lessons, which needs finance or a manager.'
      : '';
  return {
    problem: `At most ${max} can be refunded now (${most} h of the payment’s ${r.payment.hours} h): ask for ${max} or less.${awaiting}${used}`,
  };
}

export function quoteOf(sqlite: Sqlite, r: Refundable, approvalLimitPence: number, role: Role): RefundQuote {
  const refundableNow = freeHours(r, 'awaiting');
  const usedRefundable = mostHours(r, role, 'awaiting') - refundableNow;
  // Requests awaiting a decision take their hours first: the next one's amount starts below theirs.
  const after = { ...r, inFlightHours: r.inFlightHours + r.awaitingHours };
  return {
    payment: r.payment,
    hours: {
      used: r.used,
      usedPaidToInstructor: r.usedPaidToInstructor,
      refunded: r.refunded,
      inFlight: r.inFlightHours + r.awaitingHours,
      awaitingDecision: r.awaitingHours,
      refundableNow,
      usedRefundable,
    },
    options: Array.from({ length: refundableNow + usedRefundable }, (_, i) => {
      const hours = i + 1;
      const usedHours = Math.max(0, hours - refundableNow);
      const range = usedRange(after, hours, usedHours);
      const claw = clawbackSplit(sqlite, r.payment.id, range.from, range.to);
      return {
        hours,
        amountPence: amountFor(after, hours),
        usedHours,
        clawbackPence: (claw.unpaid?.amountPence ?? 0) + claw.paid.reduce((s, p) => s + p.amountPence, 0),
        instructorPaid: claw.paid.length > 0,
      };
    }),
    approvalLimitPence,
    blocked:
      r.blocked ??
      (refundableNow + usedRefundable === 0
        ? r.awaitingHours > 0
          ? 'Every hour left is already asked for in a request awaiting a decision: decide that request first.'
          : 'Every unused hour is refunded or on its way; refunding hours already used in lessons needs finance or a manager.'
        : null),
  };
}

/** Hours (from, to] of a payment and the instructor's share of them. */
export interface ShareOfHours {
  from: number;
  to: number;
  amountPence: number;
}

/**
 * The instructor's share of a payment's hours (from, to]: what was not transferred yet, and per transfer what was,
 * each with the hours it covers (a payment's paid hours come before its unpaid ones: earnings are paid oldest first).
 */
export function clawbackSplit(sqlite: Sqlite, paymentId: string, from: number, to: number) {
  const out = { unpaid: null as ShareOfHours | null, paid: [] as (ShareOfHours & { transferId: string })[] };
  if (to <= from) return out;
  const rows = sqlite
    .prepare(
      `SELECT e.hours_from AS hoursFrom, e.hours_to AS hoursTo, e.status, po.stripe_transfer_id AS transferId,
              p.instructor_amount_pence AS instructor, p.hours
       FROM earnings e JOIN payments p ON p.id = e.payment_id LEFT JOIN payouts po ON po.id = e.payout_id
       WHERE e.payment_id = ? AND e.status <> 'cancelled' AND e.hours_from < ? AND e.hours_to > ?
       ORDER BY e.hours_from`,
    )
    .all(paymentId, to, from) as {
    hoursFrom: number;
    hoursTo: number;
    status: string;
    transferId: string | null;
    instructor: number;
    hours: number;
  }[];
  const widen = (part: ShareOfHours | undefined, lo: number, hi: number, pence: number): ShareOfHours =>
    part
      ? { from: Math.min(part.from, lo), to: Math.max(part.to, hi), amountPence: part.amountPence + pence }
      : { from: lo, to: hi, amountPence: pence };
  for (const e of rows) {
    const lo = Math.max(from, e.hoursFrom);
    const hi = Math.min(to, e.hoursTo);
    const share = allocate(e.instructor, e.hours, lo, hi);
    if (e.status !== 'paid' || !e.transferId) out.unpaid = widen(out.unpaid ?? undefined, lo, hi, share);
    else {
      const i = out.paid.findIndex((p) => p.transferId === e.transferId);
      const part = { ...widen(out.paid[i], lo, hi, share), transferId: e.transferId };
      if (i < 0) out.paid.push(part);
      else out.paid[i] = part;
    }
  }
  return out;
}
