// A period's figures in integer pence: money movements from the journal's daily totals, fees from the payments' day
// totals, and the two liability roll-forwards (opening + in − out = closing, with "in" taken from the source rows or
// their day totals, not from the journal).
import { LEDGER_ACCOUNTS } from '../../shared/names';
import type { ReconFigures, RollForward } from '../../shared/contract/recon';
import type { Sqlite } from '../db/open';
import { addDays, londonDate } from '../../shared/dates';
import { CAPTURED } from '../overview/queries';
import type { Span } from './period';
import { transfersByInstructor } from './transfer-totals';

type Family =
  | 'stripe_balance'
  | 'learner_prepaid'
  | 'instructor_payable'
  | 'stripe_fees_expense'
  | 'disputes_expense'
  | 'platform_bank'
  | 'unattributed';

/** The span's London days: from its first day, up to (not including) the day it ends on. */
const spanDays = (span: Span) => ({ from: londonDate(span.start), until: londonDate(span.end) });

/**
 * Σ lines per (transaction kind, account family) for transactions in the span, from the daily totals the journal's
 * writer keeps (a few rows a day, however many lines the journal holds).
 */
function movements(sqlite: Sqlite, span: Span): (kind: string | null, family: Family) => number {
  const { from, until } = spanDays(span);
  const rows = sqlite
    .prepare(
      `SELECT kind, account AS family, SUM(amount_pence) AS pence FROM journal_daily_totals
       WHERE day >= ? AND day < ? GROUP BY kind, account`,
    )
    .all(from, until) as { kind: string; family: string; pence: number }[];
  return (kind, family) =>
    rows
      .filter((r) => r.family === family && (kind === null || r.kind === kind))
      .reduce((sum, r) => sum + r.pence, 0);
}

export type Liability = 'learner_prepaid' | 'instructor_payable';

/** Both liabilities' balances (shown positive) at London midnight of a day, from the daily totals before it. */
export function liabilitiesBefore(sqlite: Sqlite, day: string): Record<Liability, number> {
  return sqlite
    .prepare(
      `SELECT COALESCE(-SUM(CASE account WHEN 'learner_prepaid' THEN amount_pence END), 0) AS learner_prepaid,
              COALESCE(-SUM(CASE account WHEN 'instructor_payable' THEN amount_pence END), 0) AS instructor_payable
       FROM journal_daily_totals WHERE day < ? AND account IN ('learner_prepaid', 'instructor_payable')`,
    )
    .get(day) as Record<Liability, number>;
}

/** Opening from the lines before the span; closing is the opening moved by the span's own lines (the same rows). */
function rollForward(
  account: Liability,
  openingPence: number,
  movedPence: number,
  inPence: number,
  outPence: number,
): RollForward {
  const closingPence = openingPence - movedPence;
  return {
    account,
    label: LEDGER_ACCOUNTS[account],
    openingPence,
    inPence,
    outPence,
    closingPence,
    differencePence: openingPence + inPence - outPence - closingPence,
  };
}

export function periodFigures(sqlite: Sqlite, span: Span): ReconFigures {
  const moved = movements(sqlite, span);
  const { from, until } = spanDays(span);
  const transfers = transfersByInstructor(from, addDays(until, -1));
  const range = [span.start, span.end] as const;
  // By type from the payments' day totals (triggers keep them): a few rows a day, however many payments.
  const byType = sqlite
    .prepare(
      `SELECT payment_type AS type, SUM(count) AS payments, SUM(total_pence) AS grossPence,
              SUM(fee_pence) AS feePence, SUM(discount_pence) AS discountPence,
              SUM(total_pence + discount_pence) AS listPence
       FROM payment_day_totals WHERE day >= ? AND day < ? AND ${CAPTURED}
       GROUP BY payment_type ORDER BY payment_type`,
    )
    .all(from, until) as (ReconFigures['byType'][number] & { discountPence: number; listPence: number })[];
  const sum = (pick: (r: (typeof byType)[number]) => number) => byType.reduce((s, r) => s + pick(r), 0);
  // Per instructor from the payments themselves: totals per instructor kept by triggers on payments cost their
  // writes more than they saved here (docs/reconciliation.md, Performance).
  const byInstructor = sqlite
    .prepare(
      `WITH gross AS (SELECT instructor_id, SUM(total_amount_pence) AS pence FROM payments
                      WHERE created_at >= ? AND created_at < ? AND ${CAPTURED} GROUP BY instructor_id),
            paid AS (${transfers.sql})
       SELECT i.id AS instructorId, COALESCE(u.name, i.id) AS name, COALESCE(g.pence, 0) AS grossPence,
              COALESCE(p.pence, 0) AS transfersPence
       FROM instructors i LEFT JOIN users u ON u.id = i.user_id
       LEFT JOIN gross g ON g.instructor_id = i.id LEFT JOIN paid p ON p.instructor_id = i.id
       WHERE g.pence IS NOT NULL OR p.pence IS NOT NULL ORDER BY transfersPence DESC, grossPence DESC, i.id`,
    )
    .all(...range, ...transfers.params) as ReconFigures['byInstructor'];
  // From earnings_created_idx alone.
  const earned = sqlite
    .prepare('SELECT COALESCE(SUM(amount_pence), 0) FROM earnings WHERE created_at >= ? AND created_at < ?')
    .pluck()
    .get(...range) as number;

  const opening = liabilitiesBefore(sqlite, from);
  const grossChargedPence = moved('payment', 'stripe_balance');
  const refundsPence = -(moved('refund', 'stripe_balance') + moved('refund_failure', 'stripe_balance'));
  const transfersPence = -moved('transfer', 'stripe_balance');
  const reversalsPence = moved('reversal', 'stripe_balance');
  const feeNet = sum((r) => r.feePence);
  const discounts = sum((r) => r.discountPence);
  const prepaidOut = moved(null, 'learner_prepaid') - moved('payment', 'learner_prepaid');
  // Out: transfers net of reversals, and clawbacks (refunds of used hours, lost disputes clawed back).
  const payableOut = moved(null, 'instructor_payable') - moved('completion', 'instructor_payable');
  return {
    grossChargedPence,
    refundsPence,
    netRevenuePence: grossChargedPence - refundsPence,
    platformFee: { grossPence: feeNet + discounts, discountsPence: discounts, netPence: feeNet },
    stripeFeesPence: moved(null, 'stripe_fees_expense'),
    transfersPence,
    reversalsPence,
    netTransfersPence: transfersPence - reversalsPence,
    disputesPence: moved(null, 'disputes_expense'),
    bankPayoutsPence: moved(null, 'platform_bank'),
    unattributedPence: -moved(null, 'unattributed'),
    payments: sum((r) => r.payments),
    byType: byType.map(({ type, payments, grossPence, feePence }) => ({
      type,
      payments,
      grossPence,
      feePence,
    })),
    byInstructor,
    rollForwards: [
      rollForward(
        'learner_prepaid',
        opening.learner_prepaid,
        moved(null, 'learner_prepaid'),
        sum((r) => r.listPence),
        prepaidOut,
      ),
      rollForward(
        'instructor_payable',
        opening.instructor_payable,
        moved(null, 'instructor_payable'),
        earned,
        payableOut,
      ),
    ],
  };
}
