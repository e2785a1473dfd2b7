// Refunds with maker–checker approval: what a payment can give back, asking for a refund, deciding on it, and the
// list of requests and of refunds made in Stripe (DOMAIN.md §6).
import { z } from 'zod';
import { method, type Page } from './define';
import { pageInput, uuid } from './common';

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

const note = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `A note is required: say ${what}.`)
    .max(500, 'Keep the note under 500 characters.');

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
    input: z.strictObject({
      paymentId: uuid,
      hours: z
        .int('Enter the hours as a whole number.')
        .min(1, 'Refund at least 1 hour.')
        .max(100, 'Refund at most 100 hours at a time.'),
      reason: z.enum(REFUND_REASONS, {
        message: 'Choose a reason: requested by the customer, duplicate or fraudulent.',
      }),
      note: note('why the learner gets money back'),
    }),
    access: REFUNDERS,
    reads: REFUND_READS,
    writes: ['refund_requests', 'audit_logs'],
    summary:
      'Asks for a refund of hours of a payment (audited; used hours need finance or a manager, and claw the instructor’s share back); it waits for approval.',
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
