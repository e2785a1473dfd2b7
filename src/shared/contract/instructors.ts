// Reading instructors for the Instructors page: Connect status, rate, earned / paid / owed, prepaid credits, and who cannot be paid.
import { z } from 'zod';
import { method, type Page } from './define';
import { listExport, pageInput } from './common';

export interface ConnectView {
  accountId: string;
  /** The connected account in the Stripe Dashboard, opened outside the app. */
  dashboardUrl: string;
  status: 'pending' | 'enabled' | 'restricted' | 'rejected';
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  disabledReason: string | null;
  /** Requirements Stripe lists as currently due on the account (from the synced account object). */
  requirementsDue: string[];
}

export type InstructorFlagCode = 'no_account' | 'restricted' | 'payouts_disabled';

/** The instructor's line of the next Friday's payout preview: the same numbers as the Payouts page. */
export interface InstructorNextFriday {
  date: string;
  owedPence: number;
  status: 'ready' | 'held';
  heldReason: string | null;
}

export interface InstructorRow {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  hourlyRatePence: number;
  connect: ConnectView | null;
  /** Σ earnings not cancelled. */
  earnedPence: number;
  /** Σ transfers to the instructor in the ledger (the console's and outside ones), net of reversals. */
  paidPence: number;
  /** Σ clawbacks counted against the earnings (cancelled, reversed, to deduct or deducted; not waived). */
  clawbacksPence: number;
  /** earned − paid − clawbacks: the payout preview's owed, over all time. */
  owedPence: number;
  /** Unused prepaid hours held by learners for this instructor, and their value (learner_prepaid ledger lines). */
  creditHours: number;
  creditPence: number;
  /** Set when the instructor cannot be paid, with why. */
  flag: { code: InstructorFlagCode; reason: string } | null;
  /** Next Friday's payout (null: nothing owed, paid or clawed back by then). */
  nextFriday: InstructorNextFriday | null;
}

/** What the Instructors filters match, summed over every matching instructor (not the page). */
export interface InstructorTotals {
  count: number;
  earnedPence: number;
  paidPence: number;
  clawbacksPence: number;
  owedPence: number;
}

const instructorFilters = {
  flagged: z.boolean().optional(),
  q: z.string().trim().max(200).optional(),
};
const INSTRUCTOR_READS = [
  'instructors',
  'users',
  'stripe_connect_accounts',
  'stripe_objects',
  'earnings',
  'instructor_list',
  'payouts',
  'learner_credits',
  'journal_lines',
  'journal_transactions',
  'clawbacks',
  'payout_policies',
] as const;

export const instructorsContract = {
  'instructors.list': method<Page<InstructorRow>>()({
    input: pageInput(['name', 'owed', 'earned'], 'owed').extend(instructorFilters),
    access: 'signedIn',
    reads: INSTRUCTOR_READS,
    writes: [],
    summary:
      'Lists instructors with Connect status, earnings, next Friday’s payout and prepaid credits, flagging who cannot be paid.',
  }),
  'instructors.totals': method<InstructorTotals>()({
    input: z.strictObject(instructorFilters),
    access: 'signedIn',
    reads: INSTRUCTOR_READS,
    writes: [],
    summary: 'Counts every instructor the filters match and sums what they earned, were paid and are owed.',
  }),
  'instructors.export': method<{ jobId: string }>()({
    input: listExport({
      ...instructorFilters,
      sort: z
        .strictObject({ column: z.enum(['name', 'owed', 'earned']), direction: z.enum(['asc', 'desc']) })
        .default({ column: 'owed', direction: 'desc' }),
    }),
    access: 'signedIn',
    reads: INSTRUCTOR_READS,
    writes: ['jobs', 'audit_logs'],
    summary:
      'Exports every instructor the filters match as a job (CSV or XLSX, in the list order, Connect account ids in their own column). Audited.',
  }),
};
