// Reading payments for the Payments page: the filtered, paged list and one payment with its Stripe ids, refunds, journal and audit.
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, listExport, noInput, pageInput, uuid } from './common';
import type { AuditEntry } from './audit';

export const PAYMENT_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'canceled',
  'refunded',
  'partially_refunded',
  'disputed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_TYPES = ['lesson', 'credit_pack'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

export interface PaymentListRow {
  id: string;
  createdAt: number;
  status: PaymentStatus;
  type: PaymentType;
  hours: number;
  learner: { id: string; name: string; email: string };
  instructor: { id: string; name: string };
  paymentIntentId: string;
  totalPence: number;
  instructorPence: number;
  feePence: number;
  discountPence: number;
  refundedPence: number;
  /** The discount or referral code used, if any. */
  code: string | null;
}

export interface JournalLineView {
  lineNo: number;
  account: string;
  /** Debit positive, credit negative. */
  amountPence: number;
}

export interface JournalTransactionView {
  id: string;
  kind: string;
  description: string;
  occurredAt: number;
  lines: JournalLineView[];
  /** Σ of the lines; zero for every balanced transaction. */
  totalPence: number;
}

export interface PaymentRefundView {
  id: string;
  stripeRefundId: string | null;
  amountPence: number;
  hours: number | null;
  status: string;
  reason: string;
  createdAt: number;
}

export interface PaymentCreditView {
  id: string;
  hoursPurchased: number;
  hoursUsed: number;
  /** Hours handed back by refunds (no longer held, never used). */
  hoursRefunded: number;
  isActive: boolean;
  updatedAt: number;
}

export interface StripeLink {
  id: string;
  /** The object in the Stripe Dashboard (test or live), opened outside the app. */
  url: string;
}

export interface PaymentDetail {
  payment: PaymentListRow & { updatedAt: number; codeKind: 'discount' | 'referral' | null };
  stripe: { paymentIntent: StripeLink; charge: StripeLink | null };
  refunds: PaymentRefundView[];
  journal: JournalTransactionView[];
  /** The learner_credits row (learner × instructor) this payment's hours feed. */
  credit: PaymentCreditView | null;
  audit: AuditEntry[];
}

export interface PaymentFacets {
  instructors: { id: string; name: string }[];
  codes: string[];
}

/** What the Payments filters match, summed over every matching payment (not the page). */
export interface PaymentTotals {
  count: number;
  totalPence: number;
  instructorPence: number;
  feePence: number;
  refundedPence: number;
}

/**
 * The totals of a search that names more learners than the server adds up while the page waits: `count` payments
 * (up to 10,000) belong to its first learners and more match; the export adds up every one.
 */
export interface BroadSearchTotals {
  count: number;
  capped: true;
}

/** The Payments page's filters: the list, its totals and its export read the same set. */
const paymentFilters = {
  status: z.enum(PAYMENT_STATUSES).optional(),
  type: z.enum(PAYMENT_TYPES).optional(),
  instructorId: uuid.optional(),
  code: z.string().trim().toUpperCase().max(32).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(200).optional(),
};
/**
 * Where a page starts instead of its number's offset, for the pager's next and previous pages: `after` the last row
 * of the page before it, or `before` the first row of the page after it, under the same filters and sort. The server
 * then seeks in the sort's index instead of walking every row of the pages before (a broad search tests each one); a
 * cursor naming no payment falls back to `page`, and `page` still numbers the page and its total.
 */
const pageCursor = z.union([z.strictObject({ after: uuid }), z.strictObject({ before: uuid })]);

const PAYMENT_READS = [
  'payments',
  'payment_day_totals',
  'users',
  'instructors',
  'discount_codes',
  'referral_codes',
] as const;

export const paymentsContract = {
  'payments.list': method<Page<PaymentListRow>>()({
    input: pageInput(['created_at', 'total', 'status'], 'created_at').extend({
      ...paymentFilters,
      cursor: pageCursor.optional(),
    }),
    access: 'signedIn',
    reads: PAYMENT_READS,
    writes: [],
    summary: 'Lists payments with their split, filtered, paged and sorted in SQL (dates in Europe/London).',
  }),
  'payments.totals': method<PaymentTotals | BroadSearchTotals>()({
    input: z.strictObject(paymentFilters),
    access: 'signedIn',
    reads: PAYMENT_READS,
    writes: [],
    summary:
      'Counts and sums every payment the filters match (the list shows a page; this is the whole set); a search naming more than 500 learners, under filters that alone match over 10,000 payments, gives a lower bound of the count instead.',
  }),
  'payments.export': method<{ jobId: string }>()({
    input: listExport(paymentFilters),
    access: 'signedIn',
    reads: PAYMENT_READS,
    writes: ['jobs', 'audit_logs'],
    summary:
      'Exports every payment the filters match as a job (CSV or XLSX, oldest first, Stripe ids in their own columns). Audited.',
  }),
  'payments.get': method<PaymentDetail>()({
    input: z.strictObject({ id: uuid }),
    access: 'signedIn',
    reads: [
      'payments',
      'users',
      'instructors',
      'discount_codes',
      'referral_codes',
      'refunds',
      'journal_transactions',
      'journal_lines',
      'learner_credits',
      'audit_logs',
      'stripe_objects',
    ],
    writes: [],
    summary:
      'One payment: Stripe ids with Dashboard links, the split, refunds, journal lines, credit row, audit trail.',
  }),
  'payments.facets': method<PaymentFacets>()({
    input: noInput,
    access: 'signedIn',
    reads: ['payments', 'users', 'instructors', 'discount_codes', 'referral_codes'],
    writes: [],
    summary: 'The instructors and codes that appear on payments, for the filter menus.',
  }),
};
