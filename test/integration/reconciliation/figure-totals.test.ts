// A period's figures by payment type come from payment_day_totals, which since migration 0039 also sums the discounts,
// and its payments per instructor and earnings from the rows: they equal what the rows add up to after a sync, after
// changes to payments and earnings, and after a rebuild, and the migration's backfill makes the rows the triggers keep.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { periodFigures } from '../../../src/main/recon/figures';
import { spanOf } from '../../../src/main/recon/period';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import { expectFiguresAsRows } from './figures-from-rows';
import { FIRST_WEEK, JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(14);
const db = () => ws.c.core.services.sqlite;
const PERIODS: ReconPeriod[] = [
  JULY,
  FIRST_WEEK,
  { kind: 'day', from: '2026-07-10', to: '2026-07-10' },
  { kind: 'custom', from: '2026-06-15', to: '2026-07-20' },
];
const TOTALS = ['payment_day_totals'];

function expectAllAsRows(when: string) {
  for (const p of PERIODS)
    expectFiguresAsRows(db(), spanOf(p), periodFigures(db(), spanOf(p)), `${when}: ${p.from}…${p.to}`);
}

const totals = () =>
  Object.fromEntries(TOTALS.map((t) => [t, db().prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]));

describe('figures from the payments’ day totals', () => {
  it('equal the rows’ sums after the sync', () => {
    expect(
      db().prepare('SELECT count(*) FROM payments WHERE discount_pence > 0').pluck().get(),
    ).toBeGreaterThan(0);
    expect(db().prepare('SELECT count(*) FROM earnings').pluck().get()).toBeGreaterThan(0);
    expectAllAsRows('synced');
  });

  it('follow a refund, edits of a payment and an earning, and a rebuild', async () => {
    const pay = db()
      .prepare(
        "SELECT id, stripe_payment_intent_id AS pi, instructor_id AS instructor, created_at AS created FROM payments WHERE status = 'succeeded' AND created_at >= ? ORDER BY created_at LIMIT 1",
      )
      .get(spanOf(JULY).start) as { id: string; pi: string; instructor: string; created: number };
    await ws.stripe().refunds.create({ payment_intent: pay.pi });
    await ws.sync();
    expectAllAsRows('refunded');
    const before = totals();
    const other = db()
      .prepare('SELECT id FROM instructors WHERE id <> ? LIMIT 1')
      .pluck()
      .get(pay.instructor);
    const edits: [string, unknown[]][] = [
      ['UPDATE payments SET discount_pence = discount_pence + 40 WHERE id = ?', [pay.id]],
      ['UPDATE payments SET instructor_id = ? WHERE id = ?', [other, pay.id]],
      // Into June: out of July, into the custom period, across a month.
      ['UPDATE payments SET created_at = ? WHERE id = ?', [spanOf(JULY).start - 5 * 86_400_000, pay.id]],
      ["UPDATE payments SET status = 'disputed' WHERE id = ?", [pay.id]],
      [
        'UPDATE earnings SET amount_pence = amount_pence + 3 WHERE rowid = (SELECT min(rowid) FROM earnings)',
        [],
      ],
      [
        'UPDATE earnings SET created_at = created_at + 2 * 86400000 WHERE rowid = (SELECT max(rowid) FROM earnings)',
        [],
      ],
    ];
    for (const [sql, params] of edits) {
      db()
        .prepare(sql)
        .run(...params);
      expectAllAsRows(sql);
    }
    // The rebuild writes every row back from Stripe's inputs: the totals are as before the edits.
    await ws.call('admin', 'ledger.rebuild', {});
    expect(totals()).toEqual(before);
    expectAllAsRows('rebuilt');
  });

  it('are filled by the migration as the triggers keep them', () => {
    const kept = totals();
    const statements = splitStatements(readFileSync(join(MIGRATIONS_DIR, '0039_recon_figures.sql'), 'utf8'));
    db().transaction(() => {
      for (const t of TOTALS) db().exec(`DELETE FROM ${t}`);
      for (const s of statements.filter((s) => s.startsWith('INSERT INTO'))) db().exec(s);
    })();
    expect(totals()).toEqual(kept);
  });
});
