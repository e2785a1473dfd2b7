// Refunds with maker–checker approval: what a payment can give back, asking for a refund, deciding on it, and the
// list of requests and of refunds made in Stripe (DOMAIN.md §6).
import { z } from 'zod';
import { method, type Page } from './define';
import { pageInput, uuid } from './common';
import { PROJECTION_WRITES } from './tables';
import { parsePounds } from '../money';

export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const REFUND_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'submitted',
  'pending',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** What a payment can give back now, for the request form. */
export interface RefundQuote {
  payment: {
    id: string;
    paymentIntentId: string;
    status: string;
    learner: { id: string; name: string; email: string };
    instructor: { id: string; name: string };
    hours: number;
    paidPence: number;
    refundedPence: number;
  };
  hours: {
    /** Used in lessons (taken from the front). */
    used: number;
    /** Of the used hours, those whose earning was already transferred to the instructor. */
    usedPaidToInstructor: number;
    /** Taken back by refunds in Stripe (pending or succeeded). */
    refunded: number;
    /** Approved and on their way to Stripe, or asked for and awaiting a decision. */
    inFlight: number;
    awaitingDecision: number;
    /** What a new request may ask for now without touching used hours. */
    refundableNow: number;
    /** Used hours the caller may also refund (finance and managers; 0 for support): their instructor share is clawed back. */
    usedRefundable: number;
  };
  /**
   * The amount each number of hours would refund (1 … refundableNow + usedRefundable), taken from the back: how many
   * of them were used in lessons, the instructor's share clawed back, and whether they were already paid for them.
   */
  options: {
    hours: number;
    amountPence: number;
    usedHours: number;
    clawbackPence: number;
    instructorPaid: boolean;
  }[];
  /** Above this a finance person or a manager other than the requester approves. */
  approvalLimitPence: number;
  /** Why nothing can be refunded now (disputed, not paid, all hours used or refunded), else null. */
  blocked: string | null;
}

export interface RefundPerson {
  id: string;
  name: string;
}

export interface RefundRow {
  /** The request's id, or the refunds row's id for a refund made outside the console. */
  id: string;
  /** `request`: asked for in the console; `external`: made in the Stripe Dashboard (arrived through sync). */
  origin: 'request' | 'external';
  status: RefundStatus;
  amountPence: number;
  hours: number | null;
  /** Of the hours, those already used in lessons (their instructor's share is clawed back). */
  usedHours: number;
  reason: string;
  note: string | null;
  payment: { id: string; paymentIntentId: string; paidPence: number };
  learner: RefundPerson;
  instructor: RefundPerson;
  requestedBy: RefundPerson | null;
  createdAt: number;
  decidedBy: RefundPerson | null;
  decidedAt: number | null;
  decisionNote: string | null;
  stripeRefundId: string | null;
  /** What went wrong and what to do, in plain words (a Stripe refusal, a failed refund, a write held). */
  problem: string | null;
  jobId: string | null;
  aboveLimit: boolean;
  /** Whether the caller may approve or reject it, and if not, why. */
  decision: { approve: string | null; reject: string | null } | null;
}

export const REFUND_SORTS = ['created', 'amount'] as const;

/**
 * How a clawback is (being) recovered: a transfer reversal on its way or made, an earning cancelled before it was
 * paid, a deduction from the next payout run (pending, in a run whose transfer is on its way, or deducted), waived by
 * a person, or cancelled because its refund failed.
 */
export const CLAWBACK_RECOVERIES = [
  'reversal_pending',
  'reversed',
  'earning_cancelled',
  'deduction_pending',
  'deduction_in_run',
  'deducted',
  'waived',
  'refund_failed',
] as const;
export type ClawbackRecovery = (typeof CLAWBACK_RECOVERIES)[number];
export const CLAWBACK_STATES = ['outstanding', 'settled', 'waived'] as const;

export interface ClawbackListRow {
  id: string;
  instructor: RefundPerson;
  amountPence: number;
  reason: string;
  /** The refund request or the lost dispute it comes from. */
  source: { kind: 'refund' | 'dispute'; id: string };
  payment: { id: string; paymentIntentId: string } | null;
  learner: RefundPerson | null;
  recovery: ClawbackRecovery;
  /** The transfer reversed (or whose reversal Stripe refused). */
  transferId: string | null;
  /** The Friday of the run that deducts (or deducted) it. */
  payoutDate: string | null;
  createdAt: number;
  /** When it was recovered, deducted or waived (null while outstanding). */
  settledAt: number | null;
  waivedBy: RefundPerson | null;
  note: string | null;
  /** Why the caller may not waive it (null: they may). */
  waiveRefusal: string | null;
}

const note = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `A note is required: say ${what}.`)
    .max(500, 'Keep the note under 500 characters.');

/** An amount a person typed in pounds, as pence (parsePounds: no floating point); more than £0.00. */
const pounds = z
  .string()
  .trim()
  .max(20, 'Enter an amount in pounds, like 80.00.')
  .transform((text, ctx) => {
    const pence = parsePounds(text);
    if (pence === null) {
      ctx.addIssue({ code: 'custom', message: 'Enter an amount in pounds, like 80.00.' });
      return z.NEVER;
    }
    if (pence <= 0) {
      ctx.addIssue({ code: 'custom', message: 'Enter an amount of more than £0.00.' });
      return z.NEVER;
    }
    return pence;
  });

const REFUND_READS = [
  'refund_requests',
  'refunds',
  'payments',
  'users',
  'instructors',
  'stripe_requests',
  'earnings',
  'payouts',
  'settings_history',
] as const;
const REFUNDERS = ['support', 'finance', 'manager'] as const;

export const refundsContract = {
  'refunds.quote': method<RefundQuote>()({
    input: z.strictObject({ paymentId: uuid }),
    access: REFUNDERS,
    reads: REFUND_READS,
    writes: [],
    summary:
      'What a payment can refund now: paid, hours used and unused, in flight, the amount per hours, the approval limit.',
  }),
  'refunds.request': method<{ requestId: string; amountPence: number; aboveLimit: boolean }>()({
    input: z
      .strictObject({
        paymentId: uuid,
        hours: z
          .int('Enter the hours as a whole number.')
          .min(1, 'Refund at least 1 hour.')
          .max(100, 'Refund at most 100 hours at a time.')
          .optional(),
        /** An amount in pounds instead of hours (`80`, `£80.00`): it takes back the fewest hours whose share covers it. */
        amount: pounds.optional(),
        reason: z.enum(REFUND_REASONS, {
          message: 'Choose a reason: requested by the customer, duplicate or fraudulent.',
        }),
        note: note('why the learner gets money back'),
      })
      .refine((i) => (i.hours === undefined) !== (i.amount === undefined), {
        message: 'Give either the hours to refund or an amount, not both.',
        path: ['hours'],
      }),
    access: REFUNDERS,
    reads: REFUND_READS,
    writes: ['refund_requests', 'audit_logs'],
    summary:
      'Asks for a refund of hours of a payment, or of an amount (it takes the fewest hours from the back that cover it; audited; used hours need finance or a manager, and claw the instructor’s share back); it waits for approval.',
  }),
  'refunds.decide': method<{ status: RefundStatus; amountPence: number; jobId: string | null }>()({
    input: z.discriminatedUnion('decision', [
      z.strictObject({
        requestId: uuid,
        decision: z.literal('approve'),
        note: z.string().trim().max(500).optional(),
        /** The amount the approver saw: refused if another refund changed it meanwhile. */
        expectedAmountPence: z.int().min(1).optional(),
      }),
      z.strictObject({ requestId: uuid, decision: z.literal('reject'), note: note('why it is rejected') }),
    ]),
    access: REFUNDERS,
    reads: REFUND_READS,
    writes: ['refund_requests', 'audit_logs', 'jobs', 'stripe_requests'],
    summary:
      'Approves (maker–checker above the limit) or rejects a refund request, audited; an approval sends the refund to Stripe as a job.',
  }),
  'clawbacks.list': method<Page<ClawbackListRow>>()({
    input: pageInput(REFUND_SORTS, 'created').extend({
      state: z.enum(CLAWBACK_STATES).optional(),
      instructorId: uuid.optional(),
      q: z.string().trim().max(200).optional(),
    }),
    access: ['finance', 'manager'],
    reads: [
      'clawbacks',
      'refund_requests',
      'dispute_decisions',
      'payments',
      'users',
      'instructors',
      'payout_run_items',
      'payout_runs',
    ],
    writes: [],
    summary:
      'Clawbacks from instructors (refunds of used hours, lost disputes): how each is recovered, its payment and run; filtered, paged in SQL.',
  }),
  'clawbacks.waive': method<{ clawbackId: string }>()({
    input: z.strictObject({ clawbackId: uuid, note: note('why the instructor keeps their share') }),
    access: ['finance', 'manager'],
    reads: ['clawbacks', 'refund_requests', 'dispute_decisions', 'payments', 'users'],
    writes: ['clawbacks', 'audit_logs', ...PROJECTION_WRITES],
    summary:
      'Waives an outstanding clawback (audited, with a note): no longer deducted from a payout run; the platform bears the share in the journal.',
  }),
  'refunds.list': method<Page<RefundRow> & { awaitingDecision: number }>()({
    input: pageInput(REFUND_SORTS, 'created').extend({
      status: z.enum(REFUND_STATUSES).optional(),
      origin: z.enum(['request', 'external']).optional(),
      paymentId: uuid.optional(),
      q: z.string().trim().max(200).optional(),
    }),
    access: 'signedIn',
    reads: [...REFUND_READS, 'operators'],
    writes: [],
    summary:
      'Refund requests with their decisions and outcome in Stripe, and refunds made in the Stripe Dashboard; filtered, paged in SQL.',
  }),
};
