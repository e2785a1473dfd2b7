// Friday payout runs: the preview of what each instructor is owed, preparing, executing and retrying a run, its
// history and results, remittance statements, clawbacks and the payout policy (minimum, schedule, auto-execute).
import { z } from 'zod';
import { method } from './define';
import { isoDate, uuid } from './common';
import type { TableName } from './tables';

/** Why an instructor is not paid in a run (each carried forward to the next Friday). */
export type HeldCode = 'no_account' | 'account_disabled' | 'not_positive' | 'below_minimum';

/** A transfer to an instructor's connected account that the console did not make (no payout metadata). */
export interface OutsideTransfer {
  transferId: string;
  amountPence: number;
  createdAt: number;
}

export interface PreviewRow {
  instructor: { id: string; name: string; email: string };
  stripeAccountId: string | null;
  /** Every earning payable on or before the Friday (paid or not). */
  earningsPence: number;
  /** Transfers already made to the instructor, by the console or outside it, net of reversals. */
  transferredPence: number;
  /** Clawbacks outstanding or already deducted. */
  clawbacksPence: number;
  /** earnings − transferred − clawbacks: what the run transfers when ready. */
  owedPence: number;
  status: 'ready' | 'held';
  held: { code: HeldCode; reason: string } | null;
  /** Counted as paid against the oldest owed earnings: flagged for finance. */
  outsideTransfers: OutsideTransfer[];
}

export interface PayoutPreview {
  date: string;
  rows: PreviewRow[];
  totals: {
    readyPence: number;
    ready: number;
    heldPence: number;
    held: number;
    /** Owed to instructors with earnings payable only after this Friday (not in this run). */
    laterPence: number;
  };
  /** Stripe's available balance as last read by sync (null: never read). */
  balance: { availablePence: number; observedAt: number } | null;
  /** Plain words when the available balance does not cover the run, or is unknown. */
  balanceWarning: string | null;
  minimumPence: number;
}

/** How one instructor of an executed run ended. */
export type ItemOutcome = 'held' | 'not_sent' | 'sending' | 'paid' | 'failed' | 'unconfirmed' | 'cancelled';

export interface RunItem {
  payoutId: string;
  instructor: { id: string; name: string };
  owedPence: number;
  status: 'ready' | 'held';
  heldReason: string | null;
  outcome: ItemOutcome;
  /** Stripe's error in plain words and what to do (failed, unconfirmed). */
  detail: string | null;
  transferId: string | null;
  dashboardUrl: string | null;
  attempts: number;
  idempotencyKey: string | null;
}

export interface RunSummary {
  id: string;
  date: string;
  source: 'console' | 'schedule';
  preparedBy: string | null;
  preparedAt: number;
  executedBy: string | null;
  executedAt: number | null;
  jobId: string | null;
  totalPence: number;
  ready: number;
  held: number;
  paid: number;
  paidPence: number;
  failed: number;
  /** prepared (waiting for approval), executing, done, needs_attention (failed, unconfirmed or stopped). */
  state: 'prepared' | 'executing' | 'done' | 'needs_attention';
  stoppedReason: string | null;
}

export interface RunDetail {
  run: RunSummary;
  items: RunItem[];
}

export interface PayoutEarning {
  earningId: string;
  completedAt: number;
  learner: { id: string; name: string };
  hours: number;
  /** The instructor's hourly amount on the payment the hours were bought with. */
  ratePence: number;
  amountPence: number;
  /** What of it is still owed (an earning paid in part by an outside transfer shows the rest). */
  owedPence: number;
  payableOn: string;
}

export interface PayoutPolicy {
  minimumPence: number;
  scheduleWeekday: number;
  scheduleTime: string;
  autoPrepare: boolean;
  autoExecuteLimitPence: number | null;
  setBy: string | null;
  setAt: number | null;
}

/** Friday 10:00 Europe/London, prepared automatically, never executed without a person; £1.00 minimum. */
export const DEFAULT_POLICY: PayoutPolicy = {
  minimumPence: 100,
  scheduleWeekday: 5,
  scheduleTime: '10:00',
  autoPrepare: true,
  autoExecuteLimitPence: null,
  setBy: null,
  setAt: null,
};

/** What the schedule did at its latest firing (kept in sync_state as `payout_schedule`). */
export interface ScheduleFiring {
  /** The payout Friday the firing was for. */
  friday: string;
  at: number;
  /** The run it prepared, or found already prepared; null when nobody was owed anything. */
  runId: string | null;
  /** prepared (waiting for approval), executed (auto-execution), existing (a run was there already), empty. */
  outcome: 'prepared' | 'executed' | 'existing' | 'empty';
  /** Why it was not executed automatically, in words (empty when it was, or when no limit is set). */
  notExecuted: string[];
}

export interface PayoutScheduleStatus {
  policy: PayoutPolicy;
  /** The next firing (null when the schedule is off). */
  next: { at: number; friday: string } | null;
  last: ScheduleFiring | null;
}

export interface ClawbackRow {
  id: string;
  instructor: { id: string; name: string };
  amountPence: number;
  reason: string;
  sourceRef: string | null;
  status: 'outstanding' | 'deducted' | 'recovered' | 'waived';
  /** `reversal` (of `transferId`, through the outbox), `cancelled` (an earning never paid), `deduction` (next run). */
  method: 'reversal' | 'cancelled' | 'deduction';
  transferId: string | null;
  payoutId: string | null;
  note: string | null;
  createdAt: number;
}

const RUN_READS: readonly TableName[] = [
  'payout_runs',
  'payout_run_items',
  'stripe_requests',
  'payouts',
  'instructors',
  'users',
];
/** Sending a run: its transfers as a job, and the clawbacks it settles (whose instructors the invariants prove again). */
const SEND_WRITES: readonly TableName[] = [
  'payout_runs',
  'payout_run_items',
  'stripe_requests',
  'jobs',
  'clawbacks',
  'ledger_unproven',
  'audit_logs',
];
const OWED_READS: readonly TableName[] = [
  'earnings',
  'journal_transactions',
  'journal_lines',
  'payouts',
  'clawbacks',
  'stripe_connect_accounts',
  'instructors',
  'users',
  'sync_state',
  'payout_policies',
];
const SEES: readonly ('support' | 'finance' | 'manager' | 'admin')[] = [
  'support',
  'finance',
  'manager',
  'admin',
];
const PAYS = ['finance'] as const;

const friday = isoDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5, 'Choose a Friday.');
const pence = z.int().min(0).max(100_000_000_00);

export const payoutsContract = {
  'payouts.preview': method<PayoutPreview>()({
    input: z.strictObject({ date: friday.optional() }),
    access: SEES,
    reads: OWED_READS,
    writes: [],
    summary:
      'What each instructor is owed on a Friday (default: the next one), ready or held with why, and totals.',
  }),
  'payouts.nextFriday': method<{
    date: string;
    totals: PayoutPreview['totals'];
    balanceWarning: string | null;
  }>()({
    input: z.strictObject({}).default({}),
    access: SEES,
    reads: OWED_READS,
    writes: [],
    summary:
      "The next Friday's payout totals (ready, held, later), as its preview counts them, without the rows.",
  }),
  'payouts.earnings': method<PayoutEarning[]>()({
    input: z.strictObject({ date: friday, instructorId: uuid }),
    access: SEES,
    reads: [...OWED_READS, 'lesson_completions', 'payments'],
    writes: [],
    summary: 'The earnings behind what an instructor is owed on a Friday, oldest first.',
  }),
  'payouts.prepare': method<RunDetail>()({
    input: z.strictObject({ date: friday }),
    access: PAYS,
    reads: [...OWED_READS, ...RUN_READS],
    writes: ['payout_runs', 'payout_run_items', 'audit_logs'],
    summary: 'Prepares (or prepares again, before execution) the run of a Friday for approval.',
  }),
  'payouts.execute': method<RunDetail>()({
    input: z.strictObject({
      runId: uuid,
      /** What the confirmation showed: refused when the run changed since. */
      totalPence: pence,
      count: z.int().min(1).max(1_000_000),
    }),
    access: PAYS,
    reads: [...OWED_READS, ...RUN_READS],
    writes: SEND_WRITES,
    summary: 'Approves and executes a prepared run: one transfer per ready instructor, sent as a job.',
  }),
  'payouts.retry': method<RunDetail>()({
    input: z.strictObject({ runId: uuid }),
    access: PAYS,
    reads: [...OWED_READS, ...RUN_READS],
    writes: SEND_WRITES,
    summary:
      'Attempts again the instructors of an executed run that Stripe refused; paid ones are never sent again.',
  }),
  'payouts.runs': method<RunSummary[]>()({
    input: z.strictObject({ limit: z.int().min(1).max(200).default(50) }),
    access: SEES,
    reads: RUN_READS,
    writes: [],
    summary: 'Payout runs, newest Friday first, with who prepared and executed them and how they ended.',
  }),
  'payouts.run': method<RunDetail>()({
    input: z.strictObject({ runId: uuid }),
    access: SEES,
    reads: RUN_READS,
    writes: [],
    summary: 'One run: each instructor, paid, failed (why and what to do) or held.',
  }),
  'payouts.remittance': method<{ filename: string; csv: string }>()({
    input: z.strictObject({ payoutId: uuid }),
    access: SEES,
    reads: [...RUN_READS, 'earnings', 'lesson_completions', 'payments'],
    writes: [],
    summary: "A payout's remittance statement as CSV: lessons, dates, hours, rate, amount, transfer id.",
  }),
  'payouts.remittancePdf': method<{ filename: string; base64: string }>()({
    input: z.strictObject({ payoutId: uuid }),
    access: SEES,
    reads: [...RUN_READS, 'earnings', 'lesson_completions', 'payments'],
    writes: [],
    summary: "A payout's remittance statement as a one-page PDF.",
  }),
  'payouts.policy': method<PayoutPolicy>()({
    input: z.strictObject({}).default({}),
    access: SEES,
    reads: ['payout_policies', 'users'],
    writes: [],
    summary: 'The payout policy in force: minimum, schedule, auto-execution limit.',
  }),
  'payouts.schedule': method<PayoutScheduleStatus>()({
    input: z.strictObject({}).default({}),
    access: SEES,
    reads: ['payout_policies', 'users', 'sync_state'],
    writes: [],
    summary: 'The payout schedule: the policy, when it fires next and what it did last time.',
  }),
  'payouts.setPolicy': method<PayoutPolicy>()({
    input: z
      .strictObject({
        minimumPence: pence,
        scheduleWeekday: z.int().min(0).max(6),
        scheduleTime: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM on the 24-hour clock, like 10:00.'),
        autoPrepare: z.boolean(),
        autoExecuteLimitPence: pence
          .min(1, 'The auto-execute limit must be at least 1p, or empty for never.')
          .nullable(),
      })
      .refine((p) => p.autoPrepare || p.autoExecuteLimitPence === null, {
        path: ['autoExecuteLimitPence'],
        message:
          'Auto-execution needs the schedule on: runs are executed automatically only when the schedule prepares them.',
      }),
    access: ['admin'],
    reads: ['payout_policies'],
    writes: ['payout_policies', 'audit_logs'],
    summary: 'Sets the payout policy (kept with its history, audited).',
  }),
  'payouts.clawbacks': method<ClawbackRow[]>()({
    input: z.strictObject({ instructorId: uuid.optional() }),
    access: SEES,
    reads: ['clawbacks', 'instructors', 'users'],
    writes: [],
    summary: 'Clawbacks, outstanding first.',
  }),
};
