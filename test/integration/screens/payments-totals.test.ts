// payments.totals at scale (issue 13): unfiltered and by status, type and London dates the totals line sums
// payment_day_totals, which triggers keep equal to the payments summed by London day, status and type — through
// inserts, updates (a refund, a new status, a moved date) and deletes, across the clocks changing — and whose query
// plan never reads the payments table.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { splitStatements } from '../../../src/main/db/migrate';
import { insertPayments, type PaymentRow } from '../../../src/main/payments/store';
import { paymentTotals } from '../../../src/main/payments/export';
import { londonDate } from '../../../src/shared/dates';
import { buildMarketplace } from './scenario';

let t: TestCore;
let m: ReturnType<typeof buildMarketplace>;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
  m = buildMarketplace(t);
});
afterEach(() => t.close());

const sqlite = () => t.core.services.sqlite;
const HOUR = 3_600_000;
const STATUSES = ['succeeded', 'refunded', 'partially_refunded', 'failed', 'pending'] as const;

/** Payments every 17 minutes over the hours around each change of the clocks, 2025 to 2027, and some days between. */
function manyPayments(): PaymentRow[] {
  const around = [
    '2025-03-30T01:00:00Z',
    '2025-10-26T01:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2027-03-28T01:00:00Z',
    '2027-10-31T01:00:00Z',
    '2026-07-01T23:00:00Z',
    '2026-12-31T23:30:00Z',
  ].map(Date.parse);
  const rows: PaymentRow[] = [];
  let n = 0;
  for (const centre of around)
    for (let at = centre - 26 * HOUR; at < centre + 26 * HOUR; at += 17 * 60_000) {
      const hours = n % 4 === 0 ? 10 : 1;
      const instructorAmount = hours * 3000;
      const fee = hours * 540;
      const status = STATUSES[n % STATUSES.length]!;
      rows.push({
        id: randomUUID(),
        learner_id: n % 2 ? m.amira : m.ben,
        instructor_id: n % 3 ? m.jane : m.bob,
        stripe_payment_intent_id: `pi_totals_${n}`,
        total_amount_pence: instructorAmount + fee,
        platform_fee_pence: fee,
        instructor_amount_pence: instructorAmount,
        amount_refunded_pence:
          status === 'refunded' ? instructorAmount + fee : status === 'partially_refunded' ? 100 : 0,
        status,
        payment_type: hours === 10 ? 'credit_pack' : 'lesson',
        hours,
        created_at: at,
        updated_at: at,
      });
      n++;
    }
  return rows;
}

interface Sums {
  count: number;
  totalPence: number;
  instructorPence: number;
  feePence: number;
  refundedPence: number;
}

/** The payments table summed by London day (from shared/dates, not SQL), status and type. */
function expectedByDay(): Record<string, Sums> {
  const rows = sqlite()
    .prepare(
      'SELECT created_at, status, payment_type, total_amount_pence, instructor_amount_pence, platform_fee_pence, amount_refunded_pence FROM payments',
    )
    .all() as {
    created_at: number;
    status: string;
    payment_type: string;
    total_amount_pence: number;
    instructor_amount_pence: number;
    platform_fee_pence: number;
    amount_refunded_pence: number;
  }[];
  const out: Record<string, Sums> = {};
  for (const r of rows) {
    const key = `${londonDate(r.created_at)} ${r.status} ${r.payment_type}`;
    const s = (out[key] ??= { count: 0, totalPence: 0, instructorPence: 0, feePence: 0, refundedPence: 0 });
    s.count += 1;
    s.totalPence += r.total_amount_pence;
    s.instructorPence += r.instructor_amount_pence;
    s.feePence += r.platform_fee_pence;
    s.refundedPence += r.amount_refunded_pence;
  }
  return out;
}

function storedByDay(): Record<string, Sums> {
  const rows = sqlite()
    .prepare(
      `SELECT day || ' ' || status || ' ' || payment_type AS key, count, total_pence AS totalPence,
         instructor_pence AS instructorPence, fee_pence AS feePence, refunded_pence AS refundedPence
       FROM payment_day_totals`,
    )
    .all() as (Sums & { key: string })[];
  return Object.fromEntries(rows.map(({ key, ...sums }) => [key, sums]));
}

describe('payments.totals from payment_day_totals', () => {
  it('keeps the day totals equal to the payments through inserts, updates and deletes, across the clocks changing', async () => {
    insertPayments(t.core.services.db, manyPayments());
    expect(storedByDay()).toEqual(expectedByDay());

    const db = sqlite();
    db.prepare(
      "UPDATE payments SET status = 'refunded', amount_refunded_pence = total_amount_pence WHERE stripe_payment_intent_id IN ('pi_totals_0', 'pi_totals_5')",
    ).run();
    db.prepare(
      "UPDATE payments SET created_at = created_at + 7200000 WHERE stripe_payment_intent_id LIKE 'pi_totals_1%'",
    ).run();
    db.prepare(
      "UPDATE payments SET payment_type = 'credit_pack' WHERE stripe_payment_intent_id = 'pi_totals_2'",
    ).run();
    db.prepare("DELETE FROM payments WHERE stripe_payment_intent_id LIKE 'pi_totals_3%'").run();
    expect(storedByDay()).toEqual(expectedByDay());

    // The same answers as counting the payments themselves, for the filters the day totals serve.
    const direct = (where: string, ...params: unknown[]) =>
      db
        .prepare(
          `SELECT count(*) AS count, COALESCE(SUM(total_amount_pence), 0) AS totalPence,
             COALESCE(SUM(instructor_amount_pence), 0) AS instructorPence, COALESCE(SUM(platform_fee_pence), 0) AS feePence,
             COALESCE(SUM(amount_refunded_pence), 0) AS refundedPence FROM payments p ${where}`,
        )
        .get(...params);
    expect(await t.ok('support', 'payments.totals', {})).toEqual(direct(''));
    expect(await t.ok('support', 'payments.totals', { status: 'refunded' })).toEqual(
      direct("WHERE status = 'refunded'"),
    );
    expect(await t.ok('support', 'payments.totals', { type: 'credit_pack', to: '2026-06-30' })).toEqual(
      direct("WHERE payment_type = 'credit_pack' AND created_at < ?", Date.parse('2026-06-30T23:00:00Z')),
    );
    // 25 Oct 2026, the day the clocks go back: from 23:00 UTC on the 24th to midnight UTC on the 26th.
    expect(
      await t.ok('support', 'payments.totals', { status: 'succeeded', from: '2026-10-25', to: '2026-10-25' }),
    ).toEqual(
      direct(
        "WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?",
        Date.parse('2026-10-24T23:00:00Z'),
        Date.parse('2026-10-26T00:00:00Z'),
      ),
    );
  });

  it('sums day rows, never the payments table, unfiltered and by status, type and dates', () => {
    insertPayments(t.core.services.db, manyPayments());
    const db = sqlite();
    const plans: string[] = [];
    const prepare = db.prepare.bind(db);
    (db as { prepare: typeof db.prepare }).prepare = ((sql: string) => {
      plans.push(
        (
          prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
            ...new Array((sql.match(/\?/g) ?? []).length).fill('x'),
          ) as {
            detail: string;
          }[]
        )
          .map((r) => r.detail)
          .join(' | '),
      );
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      for (const filters of [
        {},
        { status: 'succeeded' as const },
        { type: 'credit_pack' as const },
        { status: 'succeeded' as const, from: '2026-07-01', to: '2026-07-31' },
      ])
        paymentTotals(db, filters);
    } finally {
      (db as { prepare: typeof db.prepare }).prepare = prepare;
    }
    expect(plans).toHaveLength(4);
    for (const plan of plans) {
      expect(plan).toMatch(/payment_day_totals/);
      expect(plan).not.toMatch(/\bpayments\b/);
    }
  });

  it("the migration's backfill gives the same day totals as the triggers", () => {
    insertPayments(t.core.services.db, manyPayments());
    const kept = storedByDay();
    const backfill = splitStatements(
      readFileSync(join(MIGRATIONS_DIR, '0025_payment_day_totals.sql'), 'utf8'),
    ).at(-1)!;
    expect(backfill).toMatch(/^INSERT INTO payment_day_totals/);
    sqlite().exec('DELETE FROM payment_day_totals');
    sqlite().exec(backfill);
    expect(storedByDay()).toEqual(kept);
  });
});
