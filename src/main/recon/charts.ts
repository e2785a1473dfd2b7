// The reconciliation charts' numbers: per London day (and per Monday-to-Sunday week) the money flows, the effective
// fee rate and the two liabilities at the end of the bucket, plus the top instructors by transfers. Integer pence.
import type { ChartPoint, ReconCharts } from '../../shared/contract/recon';
import { addDays, weekday } from '../../shared/dates';
import { divRoundHalfUp } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { CAPTURED } from '../overview/queries';
import { daysOf } from './period';
import { transfersByInstructor } from './transfer-totals';

interface Day extends Omit<ChartPoint, 'effectiveFeeBps'> {
  instructorPence: number;
}

const feeBps = (fee: number, instructor: number) =>
  instructor > 0 ? divRoundHalfUp(fee * 10_000, instructor) : null;

const mondayOf = (day: string) => addDays(day, -((weekday(day) + 6) % 7));

function toPoint({ instructorPence, ...d }: Day): ChartPoint {
  return { ...d, effectiveFeeBps: feeBps(d.platformFeePence, instructorPence) };
}

export function reconCharts(sqlite: Sqlite, range: { from: string; to: string }): ReconCharts {
  const days = daysOf(range.from, range.to);
  const transfers = transfersByInstructor(range.from, range.to);
  // From the daily totals the journal's writer keeps: a few rows a day, however many lines the journal holds.
  const journal = new Map(
    (
      sqlite
        .prepare(
          `SELECT day AS k,
             COALESCE(SUM(CASE WHEN kind IN ('transfer', 'reversal') AND account = 'stripe_balance' THEN -amount_pence END), 0) AS transfers,
             COALESCE(SUM(CASE WHEN kind IN ('refund', 'refund_failure') AND account = 'stripe_balance' THEN -amount_pence END), 0) AS refunds,
             COALESCE(SUM(CASE WHEN account = 'stripe_fees_expense' THEN amount_pence END), 0) AS stripeFees,
             COALESCE(SUM(CASE WHEN account = 'learner_prepaid' THEN -amount_pence END), 0) AS prepaid,
             COALESCE(SUM(CASE WHEN account = 'instructor_payable' THEN -amount_pence END), 0) AS payable
           FROM journal_daily_totals WHERE day >= ? AND day <= ? GROUP BY day`,
        )
        .all(range.from, range.to) as {
        k: string;
        transfers: number;
        refunds: number;
        stripeFees: number;
        prepaid: number;
        payable: number;
      }[]
    ).map((r) => [r.k, r]),
  );
  // From payment_day_totals (kept by triggers on payments, per London day, status and type): the captured ones.
  const payments = new Map(
    (
      sqlite
        .prepare(
          `SELECT day AS k, SUM(total_pence) AS gross, SUM(fee_pence) AS fee, SUM(instructor_pence) AS instructor
           FROM payment_day_totals WHERE day >= ? AND day <= ? AND ${CAPTURED} GROUP BY day`,
        )
        .all(range.from, range.to) as { k: string; gross: number; fee: number; instructor: number }[]
    ).map((r) => [r.k, r]),
  );
  const opening = sqlite
    .prepare(
      `SELECT COALESCE(-SUM(CASE WHEN account = 'learner_prepaid' THEN amount_pence END), 0) AS prepaid,
              COALESCE(-SUM(CASE WHEN account = 'instructor_payable' THEN amount_pence END), 0) AS payable
       FROM journal_daily_totals WHERE day < ? AND account IN ('learner_prepaid', 'instructor_payable')`,
    )
    .get(range.from) as { prepaid: number; payable: number };
  let prepaid = opening.prepaid;
  let payable = opening.payable;
  const daily: Day[] = days.map((k) => {
    const p = payments.get(k);
    const j = journal.get(k);
    prepaid += j?.prepaid ?? 0;
    payable += j?.payable ?? 0;
    return {
      bucket: k,
      grossPence: p?.gross ?? 0,
      platformFeePence: p?.fee ?? 0,
      transfersPence: j?.transfers ?? 0,
      refundsPence: j?.refunds ?? 0,
      stripeFeesPence: j?.stripeFees ?? 0,
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
  const topInstructors = sqlite
    .prepare(
      `WITH t AS (${transfers.sql})
       SELECT t.instructor_id AS instructorId, COALESCE(u.name, t.instructor_id) AS name, t.pence AS transfersPence
       FROM t LEFT JOIN instructors i ON i.id = t.instructor_id LEFT JOIN users u ON u.id = i.user_id
       ORDER BY transfersPence DESC, t.instructor_id LIMIT 10`,
    )
    .all(...transfers.params) as ReconCharts['topInstructors'];
  return {
    from: range.from,
    to: range.to,
    daily: daily.map(toPoint),
    weekly: [...weeks.values()].map(toPoint),
    topInstructors,
  };
}
