// The journal added up per London day, account class and transaction kind: kept by the journal's writer (a projected
// table, so a rebuild makes it again) so charts over a year read a few rows a day instead of every journal line.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pence } from './columns';

export const journalDailyTotals = sqliteTable(
  'journal_daily_totals',
  {
    /** The Europe/London date of the transactions' occurred_at. */
    day: text('day').notNull(),
    /** The account's class: its name up to the first ':' (`learner_prepaid`, `stripe_balance`). */
    account: text('account').notNull(),
    kind: text('kind').notNull(),
    amount_pence: pence('amount_pence'),
    /** How many journal lines the row adds up (a row is deleted when none are left). */
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.account, t.kind] })],
);

/**
 * What each instructor was transferred, net of reversals, per London day and per London month (`bucket` is
 * `YYYY-MM-DD` or `YYYY-MM`): kept by the journal's writer beside journal_daily_totals, so the top instructors of a
 * year read whole months and the few days at its ends, however many transfers the year holds.
 */
export const instructorTransferTotals = sqliteTable(
  'instructor_transfer_totals',
  {
    bucket: text('bucket').notNull(),
    instructor_id: text('instructor_id').notNull(),
    /** Pence that left the platform's Stripe balance for the instructor (transfers less reversals). */
    amount_pence: pence('amount_pence'),
    /** How many transfer and reversal transactions the row adds up (deleted when none are left). */
    transactions: integer('transactions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.instructor_id] })],
);

/**
 * The Instructors list, one row per instructor: their name, email and Connect account as they stand, why they cannot
 * be paid (`flag`), and the payout preview's sums over all time: earned (earnings not cancelled), paid (the lines on
 * their payable of the transfers and reversals that name them) and clawed back (counted clawbacks). Triggers on
 * instructors, users, stripe_connect_accounts, earnings, the journal and clawbacks keep it, whoever writes those
 * (0029_instructor_list), so a page of any sort is a walk of one index here.
 */
export const instructorList = sqliteTable(
  'instructor_list',
  {
    instructor_id: text('instructor_id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    stripe_account_id: text('stripe_account_id'),
    /** `no_account`, `restricted` or `payouts_disabled`; null when they can be paid. */
    flag: text('flag'),
    earned_pence: pence('earned_pence'),
    paid_pence: pence('paid_pence'),
    clawed_pence: pence('clawed_pence'),
  },
  (t) => [
    // The list's orders: the column, then the name as SQLite's NOCASE compares it, then the id.
    index('instructor_list_name_idx').on(sql`${t.name} COLLATE NOCASE`, t.instructor_id),
    index('instructor_list_owed_idx').on(
      sql`(${t.earned_pence} - ${t.paid_pence} - ${t.clawed_pence})`,
      sql`${t.name} COLLATE NOCASE`,
      t.instructor_id,
    ),
    index('instructor_list_earned_idx').on(t.earned_pence, sql`${t.name} COLLATE NOCASE`, t.instructor_id),
  ],
);
