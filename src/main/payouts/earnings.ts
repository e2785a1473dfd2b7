// The earnings behind a payout: what an instructor is still owed on a Friday (transfers and clawbacks settle the
// oldest earnings first, in part when they fall short), and the earnings a paid payout covered.
import type { PayoutEarning } from '../../shared/contract/payouts';
import { divRoundHalfUp } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { owedOn } from './owed';

type EarningRow = Omit<PayoutEarning, 'owedPence' | 'learner'> & {
  learnerId: string;
  learnerName: string;
  paymentHours: number;
  paymentInstructorPence: number;
};

const EARNINGS_SQL = `
  SELECT e.id AS earningId, c.completed_at AS completedAt, c.learner_id AS learnerId, u.name AS learnerName,
    e.hours_to - e.hours_from AS hours, e.amount_pence AS amountPence, e.payable_on AS payableOn,
    p.hours AS paymentHours, p.instructor_amount_pence AS paymentInstructorPence
  FROM earnings e JOIN lesson_completions c ON c.id = e.completion_id JOIN users u ON u.id = c.learner_id
  JOIN payments p ON p.id = e.payment_id`;

const shape = (r: EarningRow, owedPence: number): PayoutEarning => ({
  earningId: r.earningId,
  completedAt: r.completedAt,
  learner: { id: r.learnerId, name: r.learnerName },
  hours: r.hours,
  ratePence: divRoundHalfUp(r.paymentInstructorPence, r.paymentHours),
  amountPence: r.amountPence,
  owedPence,
  payableOn: r.payableOn,
});

/** Earnings payable by @date still owed to an instructor, oldest first. */
export function earningsOwed(sqlite: Sqlite, date: string, instructorId: string): PayoutEarning[] {
  const row = owedOn(sqlite, date, 0, instructorId)[0];
  let settled = row ? row.transferredPence + row.clawbacksPence : 0;
  const rows = statement(
    sqlite,
    `${EARNINGS_SQL} WHERE e.instructor_id = ? AND e.status <> 'cancelled' AND e.payable_on <= ?
     ORDER BY e.payable_on, e.created_at, e.id`,
  ).all(instructorId, date) as EarningRow[];
  const owed: PayoutEarning[] = [];
  for (const r of rows) {
    const covered = Math.min(Math.max(settled, 0), r.amountPence);
    settled -= covered;
    if (covered < r.amountPence) owed.push(shape(r, r.amountPence - covered));
  }
  return owed;
}

/** A paid payout's earning: the part of it (`paidPence`) this payout's transfer paid. */
export type PaidEarning = PayoutEarning & { paidPence: number };

/**
 * The instructor's settlements in the order they happened, walked over the earnings oldest first as the preview
 * settles them: every transfer at its full amount (a later reversal takes money back, not lessons — and its
 * clawback, counted by the preview, cancels it), cancelled clawbacks, deductions with the transfer that made them.
 * Returns the pence settled before this payout's transfer and the pence it covers (its amount + its deductions).
 */
const SPAN_SQL = `
  WITH me AS (
    SELECT x.instructor_id, t.occurred_at AS at, t.id AS tx,
      (SELECT sum(l.amount_pence) FROM journal_lines l
       WHERE l.transaction_id = t.id AND l.account = 'instructor_payable:' || x.instructor_id) AS gross
    FROM payouts x JOIN journal_transactions t ON t.id = 'transfer:' || x.stripe_transfer_id
    WHERE x.id = @payoutId),
  sent_before AS (
    SELECT ifnull(sum(l.amount_pence), 0) AS pence FROM me
    JOIN journal_transactions t ON t.kind = 'transfer' AND t.instructor_id = me.instructor_id
      AND (t.occurred_at < me.at OR (t.occurred_at = me.at AND t.id < me.tx))
    JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'instructor_payable:' || me.instructor_id),
  clawed_before AS (
    SELECT ifnull(sum(c.amount_pence), 0) AS pence FROM me JOIN clawbacks c ON c.instructor_id = me.instructor_id
    LEFT JOIN payouts p ON p.id = c.payout_id LEFT JOIN journal_transactions pt ON pt.id = 'transfer:' || p.stripe_transfer_id
    WHERE (c.method = 'cancelled' AND c.status <> 'waived' AND c.created_at < me.at)
       OR (c.method = 'deduction' AND c.status = 'deducted' AND c.payout_id <> @payoutId
           AND (pt.occurred_at < me.at OR (pt.occurred_at = me.at AND pt.id < me.tx)))),
  deducted AS (
    SELECT ifnull(sum(amount_pence), 0) AS pence FROM clawbacks
    WHERE payout_id = @payoutId AND method = 'deduction' AND status = 'deducted')
  SELECT me.instructor_id AS instructorId, sent_before.pence + clawed_before.pence AS before,
    me.gross + deducted.pence AS covers
  FROM me, sent_before, clawed_before, deducted`;

/** The earnings a paid payout's transfer paid (in part at either end when a settlement fell short), oldest first. */
export function earningsOfPayout(sqlite: Sqlite, payoutId: string): PaidEarning[] {
  const span = statement(sqlite, SPAN_SQL).get({ payoutId }) as
    { instructorId: string; before: number; covers: number } | undefined;
  if (!span) return [];
  const rows = statement(
    sqlite,
    `${EARNINGS_SQL} WHERE e.instructor_id = ? AND e.status <> 'cancelled' ORDER BY e.payable_on, e.created_at, e.id`,
  ).all(span.instructorId) as EarningRow[];
  let skip = span.before;
  let left = span.covers;
  const paid: PaidEarning[] = [];
  for (const r of rows) {
    if (left <= 0) break;
    const settled = Math.min(Math.max(skip, 0), r.amountPence);
    skip -= settled;
    const part = Math.min(r.amountPence - settled, left);
    if (part <= 0) continue;
    left -= part;
    paid.push({ ...shape(r, 0), paidPence: part });
  }
  return paid;
}
