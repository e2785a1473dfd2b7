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

/** The earnings a paid payout covered (as the projection marked them), oldest first. */
export function earningsOfPayout(sqlite: Sqlite, payoutId: string): PayoutEarning[] {
  return (
    statement(
      sqlite,
      `${EARNINGS_SQL} WHERE e.payout_id = ? ORDER BY e.payable_on, c.completed_at, e.id`,
    ).all(payoutId) as EarningRow[]
  ).map((r) => shape(r, 0));
}
