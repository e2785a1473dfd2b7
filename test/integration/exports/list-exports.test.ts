// The lists' exports of every matching row (payments, instructors, audit log): files read back as a spreadsheet would,
// their totals equal to the list's totals, formulas defused, and the audit export kept to what the role may read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';
import { poundsToPence } from '../../fixtures/csv-read';
import { csvOf, sheetOf } from '../../fixtures/export-files';
import { at, buildMarketplace } from '../screens/scenario';

let t: TestCore;
let m: ReturnType<typeof buildMarketplace>;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
  m = buildMarketplace(t);
});
afterEach(() => t.close());

describe('payments.export', () => {
  it('writes every payment the filters match, oldest first, with the totals the list shows', async () => {
    const evil = m.rows.user('=HYPERLINK("http://x.test")', 'evil@example.test');
    m.rows.payment({
      learnerId: evil,
      instructorId: m.jane,
      createdAt: at('2026-11-23T09:00:00Z'),
      totalPence: 2_360,
      feePence: 360,
    });
    const filters = { instructorId: m.jane, from: '2026-11-01' };
    const totals = await t.ok('support', 'payments.totals', filters);
    expect(totals).toEqual({
      count: 4,
      totalPence: 3_540 + 10_000 + 3_540 + 2_360,
      instructorPence: 3_000 + 8_200 + 3_000 + 2_000,
      feePence: 540 + 1_800 + 540 + 360,
      refundedPence: 0,
    });
    if ('capped' in totals) throw new Error('without a search the totals are always added up');
    const csv = await csvOf(t.core, 'support', 'payments.export', filters);
    expect(csv.name).toBe('lplate-payments-2026-11-25.csv');
    expect(csv.rows).toHaveLength(totals.count);
    const sum = (h: string) => csv.rows.reduce((s, r) => s + poundsToPence(r[csv.col(h)]!), 0);
    expect(sum('Total (£)')).toBe(totals.totalPence);
    expect(sum('Platform fee (£)')).toBe(totals.feePence);
    expect(csv.rows.map((r) => r[csv.col('Created')])).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
      '2026-11-25T08:00:00.000Z',
      '2026-11-25T08:30:00.000Z',
    ]);
    expect(csv.rows[0]![csv.col('Learner')]).toBe(`'=HYPERLINK("http://x.test")`);
    const p1 = csv.rows.find((r) => r[csv.col('Payment id')] === m.p1)!;
    expect(p1[csv.col('PaymentIntent')]).toBe('pi_3QaaaaJane0001');
    expect(p1[csv.col('Charge')]).toBe('ch_3QaaaaJane0001');
    expect(p1[csv.col('Learner email')]).toBe('amira.khan@example.test');

    const { ws } = await sheetOf(t.core, 'finance', 'payments.export', filters);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const total = header.indexOf('Total (£)') + 1;
    const cells = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(total).value);
    expect(cells.every((v) => typeof v === 'number')).toBe(true);
    expect(Math.round((cells as number[]).reduce((s, v) => s + v, 0) * 100)).toBe(totals.totalPence);
    expect(ws.getRow(2).getCell(header.indexOf('Learner') + 1).value).toBe('=HYPERLINK("http://x.test")');
  });

  it('audits the export with its filters and refuses a bad format', async () => {
    await csvOf(t.core, 'manager', 'payments.export', { status: 'succeeded' });
    const row = t.core.services.sqlite
      .prepare("SELECT new_values FROM audit_logs WHERE entity_type = 'export' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(row)).toMatchObject({
      list: 'payments',
      filters: { status: 'succeeded' },
      format: 'csv',
    });
    const bad = await t.call('manager', 'payments.export', { format: 'pdf' as 'csv' });
    expect(bad.ok).toBe(false);
  });
});

describe('instructors.export', () => {
  it('writes every matching instructor with the sums the list shows', async () => {
    const totals = await t.ok('support', 'instructors.totals', { flagged: true });
    expect(totals.count).toBe(3);
    const csv = await csvOf(t.core, 'support', 'instructors.export', { flagged: true });
    expect(csv.rows).toHaveLength(3);
    const owed = csv.rows.reduce((s, r) => s + poundsToPence(r[csv.col('Owed (£)')]!), 0);
    expect(owed).toBe(totals.owedPence);
    const bob = csv.rows.find((r) => r[csv.col('Instructor')] === 'Bob Restricted')!;
    expect(bob[csv.col('Connect account')]).toMatch(/^acct_/);
    expect(bob[csv.col('Cannot be paid because')]).toMatch(/restricted/);
    const all = await t.ok('support', 'instructors.totals', {});
    const { ws } = await sheetOf(t.core, 'finance', 'instructors.export', {});
    expect(ws.rowCount - 1).toBe(all.count);
  });
});

describe('audit.export', () => {
  it('keeps support to the entries it may read and gives finance all of them', async () => {
    const mine = await csvOf(t.core, 'support', 'audit.export', {});
    const types = new Set(mine.rows.map((r) => r[mine.col('Entity type')]));
    expect([...types]).toEqual(['payment']);
    const listed = await t.ok('support', 'audit.list', {});
    expect(mine.rows).toHaveLength(listed.total);
    const all = await csvOf(t.core, 'finance', 'audit.export', {});
    const seen = new Set(all.rows.map((r) => r[all.col('Entity type')]));
    expect(seen.has('operator')).toBe(true);
    expect(all.rows.every((r) => !r[all.col('Old values')]?.includes('password'))).toBe(true);
    const filtered = await csvOf(t.core, 'finance', 'audit.export', { entityType: 'payment' });
    expect(filtered.rows.map((r) => r[filtered.col('Entity id')])).toEqual([m.p1]);
    // Each entry carries its chain hash, so a copy kept elsewhere anchors the chain's head.
    const hash = t.core.services.sqlite
      .prepare("SELECT hash FROM audit_logs WHERE entity_type = 'payment'")
      .pluck()
      .get();
    expect(filtered.rows[0]![filtered.col('Hash')]).toBe(hash);
  });
});
