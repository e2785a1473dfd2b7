// The journal added up per London day, account class and transaction kind: kept by the journal's writer (a projected
// table, so a rebuild makes it again) so charts over a year read a few rows a day instead of every journal line.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
 * Each instructor's all-time earned and paid, so the Instructors page sorts by owed without adding up every earning
 * and transfer: earned (earnings not cancelled) and paid (the lines on their payable of transfers and reversals that
 * name them) are kept by triggers on earnings and the journal (0027_instructor_balances), whoever writes those. A row
 * goes when both its counts reach 0, so a rebuild makes the same rows.
 */
export const instructorBalances = sqliteTable('instructor_balances', {
  instructor_id: text('instructor_id').primaryKey(),
  earned_pence: pence('earned_pence'),
  /** How many earnings (not cancelled) `earned_pence` adds up. */
  earnings: integer('earnings').notNull(),
  paid_pence: pence('paid_pence'),
  /** How many payable lines of transfer and reversal transactions `paid_pence` adds up. */
  transfer_lines: integer('transfer_lines').notNull(),
});
