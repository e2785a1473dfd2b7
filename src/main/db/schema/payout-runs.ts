// Friday payout runs, their instructors, clawbacks and the payout policy — console records: what finance prepared,
// approved and executed, never touched by a ledger rebuild (the transfers and PAYOUTS rows are projected from Stripe).
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns';
import { isoDate } from './money';
import { instructors, users } from './people';
import { jobs } from './write-side';

/** One run per Friday: prepared (by a person or the schedule), then approved and executed by finance. */
export const payoutRuns = sqliteTable(
  'payout_runs',
  {
    id: id(),
    payout_date: text('payout_date').notNull(),
    /** `console` (an operator) or `schedule` (prepared on the policy's schedule). */
    source: text('source').notNull(),
    prepared_by: text('prepared_by').references(() => users.id),
    prepared_at: instant('prepared_at'),
    /** What the preparer saw: every ready instructor's amount, summed, and how many. */
    total_pence: integer('total_pence').notNull(),
    ready_count: integer('ready_count').notNull(),
    held_count: integer('held_count').notNull(),
    /** Set once, by the execution that sends the transfers; a second execution is refused. */
    executed_by: text('executed_by').references(() => users.id),
    executed_at: integer('executed_at'),
    job_id: text('job_id').references(() => jobs.id),
    /** Why the run stopped for a person (Stripe refused a key as reused with other parameters). */
    stopped_reason: text('stopped_reason'),
  },
  (t) => [
    uniqueIndex('payout_runs_date_idx').on(t.payout_date),
    index('payout_runs_prepared_idx').on(t.prepared_at),
    check('payout_runs_date_check', isoDate(t.payout_date)),
    check('payout_runs_source_check', sql`${t.source} IN ('console', 'schedule')`),
    check('payout_runs_counts_check', sql`${t.ready_count} >= 0 AND ${t.held_count} >= 0`),
  ],
);

/**
 * One instructor of a run as prepared. Its id is the payout's id (the transfer's `lplate_payout_id` and the PAYOUTS
 * row's id); `request_id` is its latest transfer write (a retry after a refusal points it at a new one).
 */
export const payoutRunItems = sqliteTable(
  'payout_run_items',
  {
    id: id(),
    run_id: text('run_id')
      .notNull()
      .references(() => payoutRuns.id),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    /** Earnings payable by the run's Friday (all of them, paid or not). */
    earnings_pence: integer('earnings_pence').notNull(),
    /** Transfers already made to the instructor (by the console or outside it), net of reversals. */
    transferred_pence: integer('transferred_pence').notNull(),
    /** Clawbacks outstanding or deducted, subtracted from what is owed. */
    clawbacks_pence: integer('clawbacks_pence').notNull(),
    /** earnings − transferred − clawbacks: the transfer's amount when ready. */
    owed_pence: integer('owed_pence').notNull(),
    status: text('status').notNull(),
    held_reason: text('held_reason'),
    request_id: text('request_id'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('payout_run_items_instructor_idx').on(t.run_id, t.instructor_id),
    index('payout_run_items_request_idx').on(t.request_id),
    index('payout_run_items_by_instructor_idx').on(t.instructor_id),
    check('payout_run_items_status_check', sql`${t.status} IN ('ready', 'held')`),
    check(
      'payout_run_items_owed_check',
      sql`${t.owed_pence} = ${t.earnings_pence} - ${t.transferred_pence} - ${t.clawbacks_pence}`,
    ),
    check('payout_run_items_ready_check', sql`${t.status} <> 'ready' OR ${t.owed_pence} > 0`),
  ],
);

/**
 * Money an instructor owes back (a refund of hours already paid whose reversal failed, a dispute): subtracted from
 * what the next run pays, then `deducted` by the payout that paid the rest. Written by refunds and disputes.
 */
export const clawbacks = sqliteTable(
  'clawbacks',
  {
    id: id(),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    amount_pence: integer('amount_pence').notNull(),
    reason: text('reason').notNull(),
    /** The refund or dispute it comes from (`re_…`, `du_…`, or a refund request's id). */
    source_ref: text('source_ref'),
    status: text('status').notNull(),
    /** The payout (run item) that deducted it, once a run included it. */
    payout_id: text('payout_id').references(() => payoutRunItems.id),
    note: text('note'),
    /**
     * How it is recovered: `reversal` (a transfer reversal of `stripe_transfer_id` through the outbox, under the key
     * `clawback:{id}`), `cancelled` (the earning was not transferred yet, so it is never paid) or `deduction` (from
     * the next run: a reversal Stripe refused, or a clawback recorded without one).
     */
    method: text('method').notNull().default('deduction'),
    stripe_transfer_id: text('stripe_transfer_id'),
    /**
     * The payment's hours (from, to] whose instructor share this clawback takes (null before migration 0027 when
     * its audit entry did not say). A `cancelled` one lowers what those hours' earnings still need a transfer for.
     */
    payment_id: text('payment_id'),
    hours_from: integer('hours_from'),
    hours_to: integer('hours_to'),
    created_by: text('created_by').references(() => users.id),
    created_at: instant('created_at'),
    updated_at: instant('updated_at'),
    /**
     * Who waived it (finance or a manager, with `note`; the platform bears the share). A clawback whose refund failed
     * is waived by the console (null here): the refund's own failure gives the instructor's share back.
     */
    waived_by: text('waived_by').references(() => users.id),
  },
  (t) => [
    index('clawbacks_instructor_idx').on(t.instructor_id, t.status),
    index('clawbacks_payout_idx').on(t.payout_id),
    check('clawbacks_amount_check', sql`${t.amount_pence} > 0`),
    check('clawbacks_status_check', sql`${t.status} IN ('outstanding', 'deducted', 'recovered', 'waived')`),
  ],
);

/** How runs are made, effective from when it was set (the newest row is in force): admin only. */
export const payoutPolicies = sqliteTable(
  'payout_policies',
  {
    id: id(),
    /** Instructors owed less than this are held (carried to the next Friday). */
    minimum_pence: integer('minimum_pence').notNull(),
    /** Weekday the schedule prepares on (5 = Friday) and its time, Europe/London. */
    schedule_weekday: integer('schedule_weekday').notNull(),
    schedule_time: text('schedule_time').notNull(),
    /** Prepare automatically on schedule. */
    auto_prepare: flag('auto_prepare'),
    /** Execute automatically when every check passes and the total is at most this (null: never). */
    auto_execute_limit_pence: integer('auto_execute_limit_pence'),
    created_by: text('created_by').references(() => users.id),
    created_at: instant('created_at'),
  },
  (t) => [
    index('payout_policies_created_idx').on(t.created_at),
    check('payout_policies_minimum_check', sql`${t.minimum_pence} >= 0`),
    check('payout_policies_weekday_check', sql`${t.schedule_weekday} BETWEEN 0 AND 6`),
    check('payout_policies_time_check', sql`${t.schedule_time} GLOB '[0-2][0-9]:[0-5][0-9]'`),
    check(
      'payout_policies_limit_check',
      sql`${t.auto_execute_limit_pence} IS NULL OR ${t.auto_execute_limit_pence} >= 0`,
    ),
  ],
);
