// The reconciliation charts' numbers: per London day (and per Monday-to-Sunday week) the money flows, the effective
// fee rate and the two liabilities at the end of the bucket, plus the top instructors by transfers. Integer pence.
import type { ChartPoint, ReconCharts } from '../../shared/contract/recon';
import { addDays, londonMidnight, weekday } from '../../shared/dates';
import { divRoundHalfUp } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { CAPTURED } from '../overview/queries';
import { liabilitiesBefore } from './figures';

interface Day extends Omit<ChartPoint, 'effectiveFeeBps'> {
  instructorPence: number;
}

const feeBps = (fee: number, instructor: number) =>
  instructor > 0 ? divRoundHalfUp(fee * 10_000, instructor) : null;

function daysOf(from: string, to: string): { k: string; s: number; e: number }[] {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    out.push({ k: d, s: londonMidnight(d), e: londonMidnight(addDays(d, 1)) });
  return out;
}

const mondayOf = (day: string) => addDays(day, -((weekday(day) + 6) % 7));

function toPoint({ instructorPence, ...d }: Day): ChartPoint {
  return { ...d, effectiveFeeBps: feeBps(d.platformFeePence, instructorPence) };
}

export function reconCharts(sqlite: Sqlite, range: { from: string; to: string }): ReconCharts {
  const days = daysOf(range.from, range.to);
  const values = `WITH b(k, s, e) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})`;
  const params = days.flatMap((d) => [d.k, d.s, d.e]);
  const journal = sqlite
    .prepare(
      `${values} SELECT b.k AS k,
         COALESCE(SUM(CASE WHEN t.kind IN ('transfer', 'reversal') AND l.account = 'stripe_balance' THEN -l.amount_pence END), 0) AS transfers,
         COALESCE(SUM(CASE WHEN t.kind IN ('refund', 'refund_failure') AND l.account = 'stripe_balance' THEN -l.amount_pence END), 0) AS refunds,
         COALESCE(SUM(CASE WHEN l.account = 'stripe_fees_expense' THEN l.amount_pence END), 0) AS stripeFees,
         COALESCE(SUM(CASE WHEN l.account >= 'learner_prepaid:' AND l.account < 'learner_prepaid;' THEN -l.amount_pence END), 0) AS prepaid,
         COALESCE(SUM(CASE WHEN l.account >= 'instructor_payable:' AND l.account < 'instructor_payable;' THEN -l.amount_pence END), 0) AS payable
       FROM b LEFT JOIN journal_transactions t ON t.occurred_at >= b.s AND t.occurred_at < b.e
       LEFT JOIN journal_lines l ON l.transaction_id = t.id GROUP BY b.k ORDER BY b.k`,
    )
    .all(...params) as {
    k: string;
    transfers: number;
    refunds: number;
    stripeFees: number;
    prepaid: number;
    payable: number;
  }[];
  const payments = new Map(
    (
      sqlite
        .prepare(
          `${values} SELECT b.k AS k, SUM(p.total_amount_pence) AS gross, SUM(p.platform_fee_pence) AS fee,
             SUM(p.instructor_amount_pence) AS instructor
           FROM b JOIN payments p ON p.created_at >= b.s AND p.created_at < b.e AND p.${CAPTURED} GROUP BY b.k`,
        )
        .all(...params) as { k: string; gross: number; fee: number; instructor: number }[]
    ).map((r) => [r.k, r]),
  );
  const opening = liabilitiesBefore(sqlite, days[0]!.s);
  let prepaid = opening.learner_prepaid;
  let payable = opening.instructor_payable;
  const daily: Day[] = journal.map((j) => {
    const p = payments.get(j.k);
    prepaid += j.prepaid;
    payable += j.payable;
    return {
      bucket: j.k,
      grossPence: p?.gross ?? 0,
      platformFeePence: p?.fee ?? 0,
      transfersPence: j.transfers,
      refundsPence: j.refunds,
      stripeFeesPence: j.stripeFees,
      learnerPrepaidPence: prepaid,
      instructorPayablePence: payable,
      instructorPence: p?.instructor ?? 0,
    };
  });
  const weeks = new Map<string, Day>();
  for (const d of daily) {
    const key = mondayOf(d.bucket);
    const w = weeks.get(key);
    if (!w) weeks.set(key, { ...d, bucket: key });
    else
      weeks.set(key, {
        bucket: key,
        grossPence: w.grossPence + d.grossPence,
        platformFeePence: w.platformFeePence + d.platformFeePence,
        transfersPence: w.transfersPence + d.transfersPence,
        refundsPence: w.refundsPence + d.refundsPence,
        stripeFeesPence: w.stripeFeesPence + d.stripeFeesPence,
        instructorPence: w.instructorPence + d.instructorPence,
        learnerPrepaidPence: d.learnerPrepaidPence,
        instructorPayablePence: d.instructorPayablePence,
      });
  }
  const end = days.at(-1)!.e;
  const topInstructors = sqlite
    .prepare(
      `SELECT t.instructor_id AS instructorId, COALESCE(u.name, t.instructor_id) AS name,
              -SUM(l.amount_pence) AS transfersPence
       FROM journal_transactions t CROSS JOIN journal_lines l ON l.transaction_id = t.id
       LEFT JOIN instructors i ON i.id = t.instructor_id LEFT JOIN users u ON u.id = i.user_id
       WHERE t.occurred_at >= ? AND t.occurred_at < ? AND t.kind IN ('transfer', 'reversal')
         AND +l.account = 'stripe_balance' AND t.instructor_id IS NOT NULL
       GROUP BY t.instructor_id ORDER BY transfersPence DESC, t.instructor_id LIMIT 10`,
    )
    .all(days[0]!.s, end) as ReconCharts['topInstructors'];
  return {
    from: range.from,
    to: range.to,
    daily: daily.map(toPoint),
    weekly: [...weeks.values()].map(toPoint),
    topInstructors,
  };
}
