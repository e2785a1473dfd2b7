// Overview KPIs in integer pence, summed in SQL: flows per London day and period, ledger balances at the end of each day.
import type { Kpi, KpiKey, OverviewPeriod, OverviewSummary } from '../../shared/contract/overview';
import { addDays, londonDate, londonMidnight } from '../../shared/dates';
import type { Sqlite } from '../db/open';
import { refundsNotYetInStripePence } from '../refunds/not-yet-in-stripe';
import { readState } from '../sync/state';
import { prefixEnd } from '../db/sql';
import { periodCalendar } from './periods';

/** Payments whose money was captured (later refunds and disputes do not undo gross volume). */
export const CAPTURED = `status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')`;

interface Bucket {
  key: string;
  start: number;
  end: number;
}

const dayBucket = (day: string): Bucket => ({
  key: day,
  start: londonMidnight(day),
  end: londonMidnight(addDays(day, 1)),
});
const rangeBucket = (key: string, r: { from: string; to: string }): Bucket => ({
  key,
  start: londonMidnight(r.from),
  end: londonMidnight(addDays(r.to, 1)),
});

function bucketsCte(buckets: Bucket[]): { sql: string; params: (string | number)[] } {
  return {
    sql: `WITH b(k, s, e) AS (VALUES ${buckets.map(() => '(?, ?, ?)').join(', ')})`,
    params: buckets.flatMap((b) => [b.key, b.start, b.end]),
  };
}

/** Σ `amount` of `table` rows whose `time` falls in each bucket. */
function flowSums(
  sqlite: Sqlite,
  buckets: Bucket[],
  table: string,
  amount: string,
  time: string,
  where: string,
) {
  const cte = bucketsCte(buckets);
  const rows = sqlite
    .prepare(
      `${cte.sql} SELECT b.k AS k,
         (SELECT COALESCE(SUM(${amount}), 0) FROM ${table} WHERE ${time} >= b.s AND ${time} < b.e AND ${where}) AS v
       FROM b`,
    )
    .all(...cte.params) as { k: string; v: number }[];
  return new Map(rows.map((r) => [r.k, r.v]));
}

interface BalanceSpec {
  key: KpiKey;
  /** An exact account, or a prefix covering `prefix…` (a range on the account index). */
  account: string;
  exact: boolean;
  /** Liabilities are credit balances (negative), shown positive; the Stripe balance is an asset. */
  sign: 1 | -1;
}

/** The sign as SQL text (a bound -1 would be a REAL and give −0). */
const signSql = (spec: BalanceSpec) => (spec.sign === -1 ? '-' : '+');

/**
 * The account condition. `viaTransactions`: lines are reached from transactions by journal_lines_pk_idx, so the
 * account term must not use journal_lines_account_idx (the unary + keeps SQLite from scanning the whole account
 * once per transaction).
 */
function accountFilter(spec: BalanceSpec, viaTransactions = false): { sql: string; params: string[] } {
  const col = viaTransactions ? '+l.account' : 'l.account';
  return spec.exact
    ? { sql: `${col} = ?`, params: [spec.account] }
    : { sql: `${col} >= ? AND ${col} < ?`, params: [spec.account, prefixEnd(spec.account)] };
}

/** Signed Σ of every line of the spec's accounts (the account index; no join). */
function balanceNow(sqlite: Sqlite, spec: BalanceSpec): number {
  const account = accountFilter(spec);
  return sqlite
    .prepare(
      `SELECT ${signSql(spec)}COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE ${account.sql}`,
    )
    .pluck()
    .get(...account.params) as number;
}

/** Signed Σ of the spec's lines in transactions at or after an instant: walks journal_tx_occurred_idx forward. */
function movedSince(sqlite: Sqlite, spec: BalanceSpec, from: number): number {
  const account = accountFilter(spec, true);
  return sqlite
    .prepare(
      `SELECT ${signSql(spec)}COALESCE(SUM(l.amount_pence), 0)
       FROM journal_transactions t CROSS JOIN journal_lines l ON l.transaction_id = t.id
       WHERE t.occurred_at >= ? AND ${account.sql}`,
    )
    .pluck()
    .get(from, ...account.params) as number;
}

/** Balance before an instant = balance now − what moved since (recent movements are few, all lines are many). */
const balanceAt = (sqlite: Sqlite, spec: BalanceSpec, total: number, before: number) =>
  total - movedSince(sqlite, spec, before);

/** Signed balance at the end of each day: the opening balance plus a running Σ of the daily movements, in SQL. */
function balanceSeries(
  sqlite: Sqlite,
  spec: BalanceSpec,
  total: number,
  days: Bucket[],
): { day: string; pence: number }[] {
  const account = accountFilter(spec, true);
  const cte = bucketsCte(days);
  const opening = balanceAt(sqlite, spec, total, days[0]!.start);
  return sqlite
    .prepare(
      `${cte.sql}, moves AS (
         SELECT b.k AS k, (SELECT COALESCE(SUM(l.amount_pence), 0)
           FROM journal_transactions t CROSS JOIN journal_lines l ON l.transaction_id = t.id
           WHERE t.occurred_at >= b.s AND t.occurred_at < b.e AND ${account.sql}) AS v FROM b)
       SELECT k AS day, CAST(? AS INTEGER) ${signSql(spec)} SUM(v) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) AS pence
       FROM moves ORDER BY k`,
    )
    .all(...cte.params, ...account.params, opening) as { day: string; pence: number }[];
}

const FLOWS: { key: KpiKey; table: string; amount: string; time: string; where: string }[] = [
  {
    key: 'grossVolume',
    table: 'payments',
    amount: 'total_amount_pence',
    time: 'created_at',
    where: CAPTURED,
  },
  {
    key: 'platformFee',
    table: 'payments',
    amount: 'platform_fee_pence',
    time: 'created_at',
    where: CAPTURED,
  },
  {
    key: 'refunds',
    table: 'refunds',
    amount: 'amount_pence',
    time: 'created_at',
    where: `status = 'succeeded'`,
  },
];

const BALANCES: BalanceSpec[] = [
  { key: 'instructorPayable', account: 'instructor_payable:', exact: false, sign: -1 },
  { key: 'learnerPrepaid', account: 'learner_prepaid:', exact: false, sign: -1 },
  { key: 'stripeBalance', account: 'stripe_balance', exact: true, sign: 1 },
];

/** Stripe's own balance as the last sync pass read it (see sync/reported-balance.ts). */
export function stripeReported(sqlite: Sqlite): OverviewSummary['stripeReported'] {
  const reported = readState(sqlite, 'stripe_balance');
  if (!reported) return null;
  const { pence, observedAt } = reported;
  return { pence, observedAt, refundsNotYetPaidPence: refundsNotYetInStripePence(sqlite) };
}

export function overviewSummary(sqlite: Sqlite, period: OverviewPeriod, now: number): OverviewSummary {
  const calendar = periodCalendar(period, londonDate(now));
  const days = calendar.days.map(dayBucket);
  const current = rangeBucket('~current', calendar.range);
  // A period in progress is compared with the previous one up to the same point ("this week so far" vs
  // "last week by this time"), capped at the previous period's end (months differ in length).
  const previousWhole = rangeBucket('~previous', calendar.previousRange);
  const previous = {
    ...previousWhole,
    end: Math.min(previousWhole.end, previousWhole.start + Math.max(0, now - current.start)),
  };
  const kpis = {} as Record<KpiKey, Kpi>;
  for (const f of FLOWS) {
    const sums = flowSums(sqlite, [...days, current, previous], f.table, f.amount, f.time, f.where);
    kpis[f.key] = {
      key: f.key,
      kind: 'flow',
      valuePence: sums.get(current.key)!,
      previousPence: sums.get(previous.key)!,
      series: days.map((d) => ({ day: d.key, pence: sums.get(d.key)! })),
    };
  }
  for (const b of BALANCES) {
    const total = balanceNow(sqlite, b);
    const series = balanceSeries(sqlite, b, total, days);
    kpis[b.key] = {
      key: b.key,
      kind: 'balance',
      valuePence: series[series.length - 1]!.pence,
      previousPence: balanceAt(sqlite, b, total, previous.end),
      series,
    };
  }
  const hasData = sqlite
    .prepare('SELECT EXISTS (SELECT 1 FROM payments) OR EXISTS (SELECT 1 FROM journal_lines)')
    .pluck()
    .get() as number;
  return {
    period,
    range: calendar.range,
    previousRange: calendar.previousRange,
    asOf: now,
    hasData: hasData === 1,
    kpis,
    stripeReported: stripeReported(sqlite),
  };
}
