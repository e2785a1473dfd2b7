// The journal's daily totals (journal_daily_totals), which the charts read: equal to the journal's own sums after a
// sync, after a late change and after a rebuild; the migration's backfill makes the same rows; the charts and a
// period's figures add up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, londonDate } from '../../../src/shared/dates';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { splitStatements } from '../../../src/main/db/migrate';
import { accountClass } from '../../../src/main/ledger/daily-totals';
import { reconCharts } from '../../../src/main/recon/charts';
import { periodFigures } from '../../../src/main/recon/figures';
import { spanOf } from '../../../src/main/recon/period';
import { JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(5);
const db = () => ws.c.core.services.sqlite;

interface Total {
  day: string;
  account: string;
  kind: string;
  amount_pence: number;
  lines: number;
}

const key = (t: Pick<Total, 'day' | 'account' | 'kind'>) => `${t.day}|${t.account}|${t.kind}`;
const ordered = (rows: Total[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** The journal added up here, line by line, with the London date of each transaction. */
function journalSums(): Total[] {
  const out = new Map<string, Total>();
  const lines = db()
    .prepare(
      `SELECT t.kind, t.occurred_at AS at, l.account, l.amount_pence AS amount
       FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id`,
    )
    .all() as { kind: string; at: number; account: string; amount: number }[];
  for (const l of lines) {
    const t = { day: londonDate(l.at), account: accountClass(l.account), kind: l.kind };
    const row = out.get(key(t)) ?? { ...t, amount_pence: 0, lines: 0 };
    row.amount_pence += l.amount;
    row.lines += 1;
    out.set(key(t), row);
  }
  return ordered([...out.values()]);
}

const totals = () =>
  db().prepare('SELECT * FROM journal_daily_totals ORDER BY day, account, kind').all() as Total[];

describe('the journal’s daily totals', () => {
  it('equal the journal’s sums per London day, account class and kind after the sync', () => {
    const sums = journalSums();
    expect(sums.length).toBeGreaterThan(50);
    const kinds = new Set(sums.map((s) => s.kind));
    for (const kind of ['payment', 'refund', 'transfer', 'platform_payout']) expect(kinds).toContain(kind);
    expect(totals()).toEqual(sums);
  });

  it('are what the migration’s backfill makes from a journal written before it', () => {
    const statements = splitStatements(
      readFileSync(join(MIGRATIONS_DIR, '0024_recon_daily_totals.sql'), 'utf8'),
    );
    const backfill = statements.find((s) => s.includes('INSERT INTO `journal_daily_totals`'))!;
    const sqlite = db();
    sqlite.exec('CREATE TEMP TABLE backfilled AS SELECT * FROM journal_daily_totals WHERE 0');
    try {
      sqlite.exec(backfill.replace('INSERT INTO `journal_daily_totals`', 'INSERT INTO temp.backfilled'));
      expect(sqlite.prepare('SELECT * FROM temp.backfilled ORDER BY day, account, kind').all()).toEqual(
        totals(),
      );
    } finally {
      sqlite.exec('DROP TABLE temp.backfilled');
    }
  });

  it('give the charts the journal’s own daily flows and liabilities', () => {
    const from = addDays(JULY.from, -7);
    const charts = reconCharts(db(), { from, to: JULY.to });
    const sums = journalSums();
    const sum = (day: string, account: string, kinds?: string[]) =>
      sums
        .filter((s) => s.day === day && s.account === account && (!kinds || kinds.includes(s.kind)))
        .reduce((n, s) => n + s.amount_pence, 0);
    const before = (account: string) =>
      0 - sums.filter((s) => s.day < from && s.account === account).reduce((n, s) => n + s.amount_pence, 0);
    let prepaid = before('learner_prepaid');
    let payable = before('instructor_payable');
    for (const point of charts.daily) {
      prepaid -= sum(point.bucket, 'learner_prepaid');
      payable -= sum(point.bucket, 'instructor_payable');
      expect(point, point.bucket).toMatchObject({
        transfersPence: 0 - sum(point.bucket, 'stripe_balance', ['transfer', 'reversal']),
        refundsPence: 0 - sum(point.bucket, 'stripe_balance', ['refund', 'refund_failure']),
        stripeFeesPence: sum(point.bucket, 'stripe_fees_expense'),
        learnerPrepaidPence: prepaid,
        instructorPayablePence: payable,
      });
    }
    expect(charts.daily.some((p) => p.transfersPence > 0)).toBe(true);
    expect(charts.daily.some((p) => p.refundsPence > 0)).toBe(true);
  });

  it('follow a late refund that rewrites a payment’s journal, and a rebuild makes them byte for byte again', async () => {
    const pi = db()
      .prepare(
        "SELECT stripe_payment_intent_id FROM payments WHERE status = 'succeeded' ORDER BY created_at LIMIT 1",
      )
      .pluck()
      .get() as string;
    await ws.stripe().refunds.create({ payment_intent: pi, amount: 250 });
    await ws.sync();
    expect(totals()).toEqual(journalSums());
    const rebuilt = await ws.call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
    expect(totals()).toEqual(journalSums());
  });

  it('give a period’s figures the journal’s own movements, openings and closings', () => {
    const sums = journalSums();
    const from = addDays(JULY.from, 7);
    const to = addDays(JULY.from, 20);
    const moved = (account: string, kinds?: string[]) =>
      sums
        .filter(
          (s) => s.day >= from && s.day <= to && s.account === account && (!kinds || kinds.includes(s.kind)),
        )
        .reduce((n, s) => n + s.amount_pence, 0);
    const opening = (account: string) =>
      0 - sums.filter((s) => s.day < from && s.account === account).reduce((n, s) => n + s.amount_pence, 0);
    const figures = periodFigures(db(), spanOf({ from, to }));
    expect(figures).toMatchObject({
      grossChargedPence: moved('stripe_balance', ['payment']),
      refundsPence: 0 - moved('stripe_balance', ['refund', 'refund_failure']),
      transfersPence: 0 - moved('stripe_balance', ['transfer']),
      reversalsPence: moved('stripe_balance', ['reversal']),
      stripeFeesPence: moved('stripe_fees_expense'),
      bankPayoutsPence: moved('platform_bank'),
    });
    expect(figures.grossChargedPence).toBeGreaterThan(0);
    for (const account of ['learner_prepaid', 'instructor_payable']) {
      const rf = figures.rollForwards.find((r) => r.account === account)!;
      expect(rf.openingPence, account).toBe(opening(account));
      expect(rf.closingPence, account).toBe(opening(account) - moved(account));
      expect(rf.differencePence, account).toBe(0);
    }
    expect(figures.rollForwards.some((r) => r.openingPence !== 0)).toBe(true);
  });
});
