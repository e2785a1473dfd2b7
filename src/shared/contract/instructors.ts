// Reading instructors for the Instructors page: Connect status, rate, earned / paid / owed, prepaid credits, and who cannot be paid.
import { z } from 'zod';
import { method, type Page } from './define';
import { pageInput } from './common';

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
  /** Σ earnings paid out by a transfer. */
  paidPence: number;
  /** earned − paid. */
  owedPence: number;
  /** Unused prepaid hours held by learners for this instructor, and their value (learner_prepaid ledger lines). */
  creditHours: number;
  creditPence: number;
  /** Set when the instructor cannot be paid, with why. */
  flag: { code: InstructorFlagCode; reason: string } | null;
  /** Next Friday's payout (null: nothing owed, paid or clawed back by then). */
  nextFriday: InstructorNextFriday | null;
}

export const instructorsContract = {
  'instructors.list': method<Page<InstructorRow>>()({
    input: pageInput(['name', 'owed', 'earned'], 'owed').extend({
      flagged: z.boolean().optional(),
      q: z.string().trim().max(200).optional(),
    }),
    access: 'signedIn',
    reads: [
      'instructors',
      'users',
      'stripe_connect_accounts',
      'stripe_objects',
      'earnings',
      'payouts',
      'learner_credits',
      'journal_lines',
      'journal_transactions',
      'clawbacks',
      'payout_policies',
    ],
    writes: [],
    summary:
      'Lists instructors with Connect status, earnings, next Friday’s payout and prepaid credits, flagging who cannot be paid.',
  }),
};
