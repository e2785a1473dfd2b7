// Reconciliation (DOMAIN.md §8): a period's figures from the ledger, checks against Stripe, saved runs, locks, charts
// and the report's exports.
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, uuid } from './common';
import { addDays, weekday } from '../dates';
import type { TableName } from './tables';
import type { JobState } from './jobs';

export const PERIOD_KINDS = ['day', 'week', 'month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Longest custom period: a year and a day (a leap year plus slack). */
export const MAX_PERIOD_DAYS = 367;

export interface ReconPeriod {
  kind: PeriodKind;
  /** London calendar dates, `to` inclusive. */
  from: string;
  to: string;
}

const lastOfMonth = (from: string) => addDays(`${addDays(`${from.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);
const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** A period whose dates fit its kind: one day, a Monday-to-Sunday week, a whole month, or up to a year. */
export const periodInput = z
  .strictObject({ kind: z.enum(PERIOD_KINDS), from: isoDate, to: isoDate })
  .superRefine((p, ctx) => {
    const wrong = (message: string) => ctx.addIssue({ code: 'custom', path: ['to'], message });
    if (p.from > p.to) return wrong('The last day must be on or after the first day.');
    if (p.kind === 'day' && p.from !== p.to) wrong('A day period starts and ends on the same date.');
    if (p.kind === 'week' && (weekday(p.from) !== 1 || p.to !== addDays(p.from, 6)))
      wrong('A week runs from a Monday to the Sunday after it.');
    if (p.kind === 'month' && (!p.from.endsWith('-01') || p.to !== lastOfMonth(p.from)))
      wrong('A month runs from its first to its last day.');
    if (dayCount(p.from, p.to) > MAX_PERIOD_DAYS) wrong(`A period is at most ${MAX_PERIOD_DAYS} days.`);
  });

export interface RollForward {
  account: 'learner_prepaid' | 'instructor_payable';
  label: string;
  /** Liabilities as positive amounts (what the platform holds or owes). */
  openingPence: number;
  inPence: number;
  outPence: number;
  closingPence: number;
  /** opening + in − out − closing: zero when the roll-forward closes. */
  differencePence: number;
}

export interface ReconFigures {
  /** Charged to learners (card payments that succeeded), and refunded (net of refunds that failed). */
  grossChargedPence: number;
  refundsPence: number;
  netRevenuePence: number;
  /** The 18% at list price, the discounts the platform absorbed, and what is left (can be negative). */
  platformFee: { grossPence: number; discountsPence: number; netPence: number };
  stripeFeesPence: number;
  transfersPence: number;
  reversalsPence: number;
  netTransfersPence: number;
  /** Dispute money withdrawn net of money returned (Stripe's dispute fees are in Stripe fees). */
  disputesPence: number;
  /** Platform payouts to the bank, net of the ones that failed. */
  bankPayoutsPence: number;
  /** Money posted to the suspense account (payments nobody can be named for). */
  unattributedPence: number;
  payments: number;
  byType: { type: 'lesson' | 'credit_pack'; payments: number; grossPence: number; feePence: number }[];
  byInstructor: { instructorId: string; name: string; grossPence: number; transfersPence: number }[];
  rollForwards: RollForward[];
}

export const DISCREPANCY_KINDS = [
  'charge_missing_in_ledger',
  'payment_missing_in_stripe',
  'payment_amount_differs',
  'payment_status_differs',
  'split_mismatch',
  'fee_mismatch',
  'transfer_without_payout',
  'payout_without_transfer',
  'transfer_amount_differs',
  'bank_payout_unbalanced',
  'stripe_balance_differs',
  'roll_forward_open',
  'unattributed',
  'ledger_invariant',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface DiscrepancyLink {
  label: string;
  /** A console route (`#/payments?id=…`) or a Stripe Dashboard URL. */
  href: string;
  external: boolean;
}

export interface Discrepancy {
  kind: DiscrepancyKind;
  message: string;
  /** The object ids involved (Stripe ids first, then console ids). */
  ids: string[];
  /** What Stripe says and what the ledger says, in pence, when the discrepancy is about an amount. */
  stripePence: number | null;
  ledgerPence: number | null;
  links: DiscrepancyLink[];
}

/** Something that changed in a locked period after it was locked. */
export interface LateChange {
  /** `tx:refund:re_…`, `payment:<id>`, `payout:<id>`. */
  key: string;
  change: 'added' | 'removed' | 'changed';
}

export interface ReconLock {
  id: string;
  from: string;
  to: string;
  reportId: string;
  lockedAt: number;
  lockedBy: string | null;
  /** Changes to the period's books since it was locked (first 50), and how many there are. */
  lateChanges: LateChange[];
  lateChangeCount: number;
}

export interface ReconReport {
  id: string;
  period: ReconPeriod;
  status: 'reconciled' | 'discrepancies';
  ranAt: number;
  ranBy: string | null;
  totals: { revenuePence: number; payoutsPence: number; feesPence: number };
  figures: ReconFigures;
  discrepancies: Discrepancy[];
  /** The lock covering this period (if any), with what changed after it. */
  lock: ReconLock | null;
  /** Whether this is the newest run of its period (only that one can be locked). */
  latest: boolean;
}

export interface ReconRunRow {
  id: string;
  period: ReconPeriod;
  status: 'reconciled' | 'discrepancies';
  discrepancies: number;
  ranAt: number;
  ranBy: string | null;
  totals: ReconReport['totals'];
  locked: boolean;
}

export interface ChartPoint {
  /** The London day, or the Monday of the week. */
  bucket: string;
  grossPence: number;
  platformFeePence: number;
  transfersPence: number;
  refundsPence: number;
  stripeFeesPence: number;
  /** Net platform fee ÷ instructor amount, in basis points (1800 when nobody used a code); null without payments. */
  effectiveFeeBps: number | null;
  /** Balances at the end of the bucket. */
  learnerPrepaidPence: number;
  instructorPayablePence: number;
}

export interface ReconCharts {
  from: string;
  to: string;
  daily: ChartPoint[];
  weekly: ChartPoint[];
  topInstructors: { instructorId: string; name: string; transfersPence: number }[];
}

/** The Stripe read reconciliation keeps (src/main/recon/kept-warm.ts): how fresh it is, and its background refresh. */
export interface ReconKeptRead {
  /** The London days it covers, until when it is brought up to date (Stripe's clock, epoch ms), and who keeps it. */
  kept: { from: string; to: string; upTo: number; background: boolean } | null;
  /** The latest background refresh: its job, how it stands or ended, and when (epoch ms). */
  refresh: { jobId: string; state: JobState; message: string; at: number } | null;
  connected: boolean;
  /** How often the background refreshes it while Stripe is connected. */
  everyMinutes: number;
}

/** The formats an export job writes (src/main/exports). */
export type FileFormat = 'csv' | 'xlsx' | 'pdf';
/** A run's exports: the XLSX workbook, the itemized CSV (one row per money movement), the summary CSV, the PDF report. */
export const RECON_EXPORTS = ['xlsx', 'csv', 'summary-csv', 'pdf'] as const;
export type ReconExport = (typeof RECON_EXPORTS)[number];

/** The days a period's charts cover: the period, and at least the week up to its last day. */
export function chartRange(p: { from: string; to: string }): { from: string; to: string } {
  const weekBefore = addDays(p.to, -6);
  return { from: p.from < weekBefore ? p.from : weekBefore, to: p.to };
}

/** Who reads runs and charts: finance and managers, and admins (who see every area). */
export const RECON_VIEW_ROLES = ['finance', 'manager', 'admin'] as const;
const RUN_READS: TableName[] = [
  'payments',
  'refunds',
  'payouts',
  'journal_transactions',
  'journal_lines',
  'unattributed_objects',
  'reconciliation_reports',
  'reconciliation_locks',
  'reconciliation_lock_days',
  'recon_change_marks',
  'recon_lock_seen',
  'users',
  'instructors',
  'sync_state',
];

export const reconContract = {
  'recon.run': method<{ jobId: string }>()({
    input: z.strictObject({ period: periodInput, fullRead: z.boolean().optional() }),
    access: ['finance'],
    reads: ['sync_state'],
    writes: ['jobs'],
    summary:
      'Reconciles a period as a job (progress, Cancel): reads Stripe (charges, transfers, bank payouts, balance), only what changed since the last run’s kept read when it can (fullRead: whole), adds up the ledger and checks it; the run is saved and audited at the end, and the job names it (resultId).',
  }),
  'recon.keptRead': method<ReconKeptRead>()({
    input: z.strictObject({}).default({}),
    access: RECON_VIEW_ROLES,
    reads: ['recon_stripe_read', 'jobs', 'sync_state'],
    writes: [],
    summary:
      'How fresh the Stripe read kept for reconciliation is (its days, and up to when), and how its background refresh (every few minutes while Stripe is connected) last ended.',
  }),
  'recon.get': method<ReconReport>()({
    input: z.strictObject({ reportId: uuid }),
    access: RECON_VIEW_ROLES,
    reads: RUN_READS,
    writes: [],
    summary: 'One saved run, with the lock on its period and what changed after the lock.',
  }),
  'recon.history': method<Page<ReconRunRow>>()({
    input: z.strictObject({
      page: z.int().min(1).max(100_000).default(1),
      pageSize: z.int().min(1).max(100).default(20),
    }),
    access: RECON_VIEW_ROLES,
    reads: ['reconciliation_reports', 'reconciliation_locks', 'users'],
    writes: [],
    summary: 'Saved runs, newest first.',
  }),
  'recon.lock': method<ReconLock>()({
    input: z.strictObject({ reportId: uuid }),
    access: ['finance'],
    reads: RUN_READS,
    writes: ['reconciliation_locks', 'audit_logs'],
    summary:
      'Locks a reconciled period (its newest run, the books unchanged since, the period over); later changes are flagged. Audited.',
  }),
  'recon.locks': method<ReconLock[]>()({
    input: z.strictObject({}).default({}),
    access: 'signedIn',
    reads: RUN_READS,
    writes: [],
    summary: 'Locked periods, newest first, each with what changed in it after it was locked.',
  }),
  'recon.charts': method<ReconCharts>()({
    input: z
      .strictObject({ from: isoDate, to: isoDate })
      .refine((p) => p.from <= p.to, {
        message: 'The last day must be on or after the first day.',
        path: ['to'],
      })
      .refine((p) => dayCount(p.from, p.to) <= MAX_PERIOD_DAYS, {
        message: `A chart covers at most ${MAX_PERIOD_DAYS} days.`,
        path: ['to'],
      }),
    access: RECON_VIEW_ROLES,
    reads: [
      'payment_day_totals',
      'journal_daily_totals',
      'instructor_transfer_totals',
      'instructors',
      'users',
    ],
    writes: [],
    summary:
      'Daily and weekly gross, platform fee, transfers, refunds, Stripe fees, effective fee rate and liabilities; top instructors by transfers.',
  }),
  'recon.export': method<{ jobId: string }>()({
    input: z.strictObject({ reportId: uuid, format: z.enum(RECON_EXPORTS) }),
    access: ['finance', 'manager'],
    reads: RUN_READS,
    writes: ['jobs', 'audit_logs'],
    summary:
      'Exports a saved run as a job: CSV (summary then one row per money movement) or XLSX (summary and itemized sheets). Audited.',
  }),
};
