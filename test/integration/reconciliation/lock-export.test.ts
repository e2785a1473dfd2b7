// Locking a reconciled period (a later change is flagged, a rebuild is not one), and exporting a run: XLSX read back
// with exceljs and CSV parsed, their totals equal to the report's.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPence } from '../../../src/shared/money';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, poundsToPence } from '../../fixtures/csv-read';
import { pdfPages, pdfText } from '../../fixtures/pdf-read';
import { payLesson } from '../../fixtures/lesson-payment';
import { spanOf } from '../../../src/main/recon/period';
import { FIRST_WEEK, JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(11);

/** A payment Stripe takes now (in the simulated July), synced: the month's books change after its runs. */
async function payLate() {
  const s = ws.sim.scenario!;
  await payLesson(ws.stripe(), s.learners[1]!, s.instructors[1]!);
  await ws.sync();
}

/** The file a finished export job delivered to `who`, read from the host's keeping. */
async function exported(jobId: string, who: string): Promise<{ name: string; bytes: Buffer }> {
  const job = await ws.ended(jobId, who);
  expect(job.state).toBe('done');
  const token = job.file!.url!.split('/').pop()!;
  expect(ws.c.core.files.take(token, 'someone-else')).toBeNull();
  const file = ws.c.core.files.take(token, who)!;
  return { name: file.name, bytes: readFileSync(file.path) };
}

describe('locking a reconciled period', () => {
  it('locks the newest reconciled run of a period that has ended, once, and refuses the rest', async () => {
    const july = await ws.reconcile('fin', JULY);
    expect(july.status).toBe('discrepancies');
    expect(await ws.refused('fin', 'recon.lock', { reportId: july.id })).toBe('conflict');
    const older = await ws.reconcile('fin', FIRST_WEEK);
    const week = await ws.reconcile('fin', FIRST_WEEK);
    expect(week.status).toBe('reconciled');
    expect(await ws.refused('fin', 'recon.lock', { reportId: older.id })).toBe('conflict');
    expect(await ws.refused('man', 'recon.lock', { reportId: week.id })).toBe('forbidden');
    const lock = await ws.call('fin', 'recon.lock', { reportId: week.id });
    expect(lock).toMatchObject({
      from: FIRST_WEEK.from,
      to: FIRST_WEEK.to,
      lockedBy: 'Fin Ance',
      lateChangeCount: 0,
    });
    expect(await ws.refused('fin', 'recon.lock', { reportId: week.id })).toBe('conflict');
    const audit = ws.c.core.services.sqlite
      .prepare("SELECT action FROM audit_logs WHERE entity_type = 'reconciliation' AND entity_id = ?")
      .pluck()
      .all(week.id);
    expect(audit).toEqual(['run', 'lock']);
  });

  it('keeps runs and locks through a ledger rebuild, and a rebuild is no late change', async () => {
    const { sqlite } = ws.c.core.services;
    const runs = sqlite.prepare('SELECT count(*) FROM reconciliation_reports').pluck().get();
    // The kept Stripe read is Stripe's answer, not the books: a rebuild keeps it too.
    const keptRead = () => sqlite.prepare('SELECT * FROM recon_stripe_read').all();
    const keptObjects = sqlite.prepare('SELECT count(*) FROM recon_stripe_objects').pluck().get();
    const read = keptRead();
    expect(read).toHaveLength(1);
    const rebuilt = await ws.call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
    expect(sqlite.prepare('SELECT count(*) FROM reconciliation_reports').pluck().get()).toBe(runs);
    expect(keptRead()).toEqual(read);
    expect(sqlite.prepare('SELECT count(*) FROM recon_stripe_objects').pluck().get()).toBe(keptObjects);
    const [lock] = await ws.call('sup', 'recon.locks', {});
    expect(lock!.lateChangeCount).toBe(0);
  });

  it('flags a late refund of a payment in the locked week on the lock, the run and for everyone', async () => {
    const { sqlite } = ws.c.core.services;
    const row = sqlite
      .prepare(
        `SELECT id, stripe_payment_intent_id AS pi FROM payments WHERE status = 'succeeded'
         AND created_at < ? ORDER BY created_at LIMIT 1`,
      )
      .get(Date.parse('2026-07-06')) as { id: string; pi: string };
    await ws.stripe().refunds.create({ payment_intent: row.pi, amount: 100 });
    await ws.sync();
    const [lock] = await ws.call('sup', 'recon.locks', {});
    expect(lock!.lateChanges).toContainEqual({ key: `payment:${row.id}`, change: 'changed' });
    const report = await ws.call('man', 'recon.get', { reportId: lock!.reportId });
    expect(report.lock!.lateChangeCount).toBe(lock!.lateChangeCount);
    expect(
      sqlite.prepare('SELECT status FROM reconciliation_reports WHERE id = ?').pluck().get(lock!.reportId),
    ).toBe('reconciled');
  });
});

describe('what a lock compares', () => {
  it('flags a journal transaction re-dated to another day of the locked week as one change', async () => {
    const { sqlite } = ws.c.core.services;
    const [lock] = await ws.call('sup', 'recon.locks', {});
    const before = lock!.lateChangeCount;
    const tx = sqlite
      .prepare(
        `SELECT id, occurred_at AS at FROM journal_transactions WHERE occurred_at >= ? AND occurred_at < ?
         ORDER BY occurred_at LIMIT 1`,
      )
      .get(spanOf(FIRST_WEEK).start, spanOf(FIRST_WEEK).end - 2 * 86_400_000) as {
      id: string;
      at: number;
    };
    const move = sqlite.prepare('UPDATE journal_transactions SET occurred_at = ? WHERE id = ?');
    move.run(tx.at + 2 * 86_400_000, tx.id);
    try {
      const [moved] = await ws.call('sup', 'recon.locks', {});
      expect(moved!.lateChangeCount).toBe(before + 1);
      expect(moved!.lateChanges).toContainEqual({ key: `tx:${tx.id}`, change: 'changed' });
    } finally {
      move.run(tx.at, tx.id);
    }
    const [back] = await ws.call('sup', 'recon.locks', {});
    expect(back!.lateChangeCount).toBe(before);
  });

  it('keeps a real late change flagged through a ledger rebuild', async () => {
    const [lock] = await ws.call('sup', 'recon.locks', {});
    expect(lock!.lateChangeCount).toBeGreaterThan(0);
    await ws.call('admin', 'ledger.rebuild', {});
    const [rebuilt] = await ws.call('sup', 'recon.locks', {});
    expect(rebuilt!.lateChanges).toEqual(lock!.lateChanges);
  });
});

describe('exporting a run', () => {
  it('writes an XLSX workbook whose sheets add up to the report, with £ cells, frozen headers and filters', async () => {
    const run = await ws.reconcile('fin', JULY);
    const report = await ws.call('man', 'recon.get', { reportId: run.id });
    const { jobId } = await ws.call('man', 'recon.export', { reportId: run.id, format: 'xlsx' });
    const file = await exported(jobId, 'man');
    expect(file.name).toBe('lplate-reconciliation-2026-07-01-to-2026-07-31-report.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Movements',
      'Payments',
      'Refunds',
      'Transfers',
      'Stripe fees',
      'Discrepancies',
    ]);
    const pence = (v: ExcelJS.CellValue) => Math.round((v as number) * 100);
    const rowsOf = (name: string) => {
      const s = book.getWorksheet(name)!;
      const header = (s.getRow(1).values as unknown[]).slice(1) as string[];
      const out: Record<string, ExcelJS.CellValue>[] = [];
      s.eachRow((r, i) => {
        if (i > 1) out.push(Object.fromEntries(header.map((h, j) => [h, r.getCell(j + 1).value])));
      });
      return out;
    };
    const sum = (rows: Record<string, ExcelJS.CellValue>[], col: string) =>
      rows.reduce((s, r) => s + pence(r[col] ?? 0), 0);
    const f = report.figures;
    const summary = rowsOf('Summary');
    expect(pence(summary.find((r) => r.Item === 'Gross charged')!['Amount (£)'])).toBe(f.grossChargedPence);
    expect(pence(summary.find((r) => r.Item === 'Net platform fee')!['Amount (£)'])).toBe(
      f.platformFee.netPence,
    );
    const movements = rowsOf('Movements');
    expect(
      sum(
        movements.filter((r) => r.Movement === 'payment'),
        'Amount (£)',
      ),
    ).toBe(f.grossChargedPence);
    expect(sum(rowsOf('Payments'), 'Total (£)')).toBe(f.byType.reduce((s, t) => s + t.grossPence, 0));
    expect(sum(rowsOf('Refunds'), 'Amount (£)')).toBe(f.refundsPence);
    expect(sum(rowsOf('Transfers'), 'Amount (£)')).toBe(f.netTransfersPence);
    expect(sum(rowsOf('Stripe fees'), 'Amount (£)')).toBe(f.stripeFeesPence);
    expect(rowsOf('Discrepancies')).toHaveLength(report.discrepancies.length);
    const payments = book.getWorksheet('Payments')!;
    expect(payments.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(payments.autoFilter).toBeTruthy();
    expect(payments.getRow(2).getCell(10).numFmt).toContain('£');
    expect(typeof payments.getRow(2).getCell(10).value).toBe('number');
    const audit = ws.c.core.services.sqlite
      .prepare(
        "SELECT u.name AS username, a.new_values FROM audit_logs a JOIN users u ON u.id = a.user_id WHERE a.action = 'export' ORDER BY a.seq DESC LIMIT 1",
      )
      .get() as { username: string; new_values: string };
    expect(audit.username).toBe('Mandy Ager');
    expect(JSON.parse(audit.new_values)).toMatchObject({ format: 'xlsx', period: { from: '2026-07-01' } });
  });

  it('writes the itemized CSV (BOM, one row per movement, pounds as plain numbers) that sums to the figures', async () => {
    const [run] = (await ws.call('fin', 'recon.history', {})).rows.filter((r) => r.period.kind === 'month');
    const report = await ws.call('fin', 'recon.get', { reportId: run!.id });
    const { jobId } = await ws.call('fin', 'recon.export', { reportId: run!.id, format: 'csv' });
    const text = (await exported(jobId, 'fin')).bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.slice(0, 4)).toEqual(['When (UTC)', 'Movement', 'Stripe id', 'Amount (£)']);
    const byKind = (kind: string) =>
      rows.filter((r) => r[1] === kind).reduce((s, r) => s + poundsToPence(r[3]!), 0);
    const f = report.figures;
    expect(byKind('payment')).toBe(f.grossChargedPence);
    expect(-byKind('refund') - byKind('refund_failure')).toBe(f.refundsPence);
    expect(-byKind('platform_payout') - byKind('platform_payout_failure')).toBe(f.bankPayoutsPence);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(r[0]!))).toBe(true);
  });

  it('writes the summary CSV, saying when the books changed since the run, and refuses exports to support', async () => {
    const [run] = (await ws.call('fin', 'recon.history', {})).rows;
    await payLate();
    expect(await ws.refused('sup', 'recon.export', { reportId: run!.id, format: 'csv' })).toBe('forbidden');
    const { jobId } = await ws.call('man', 'recon.export', { reportId: run!.id, format: 'summary-csv' });
    const [header, ...rows] = parseCsv((await exported(jobId, 'man')).bytes.toString('utf8').slice(1));
    expect(header).toEqual(['Section', 'Item', 'Amount (£)', 'Note']);
    expect(rows.find((r) => r[1] === 'Net revenue')).toBeDefined();
    expect(rows.find((r) => r[1] === 'Books changed since this run')![3]).toMatch(/run again/);
  });

  it('prints the PDF report on one or two A4 pages with the period, totals, roll-forwards and discrepancies', async () => {
    const run = await ws.reconcile('fin', JULY);
    const { jobId } = await ws.call('man', 'recon.export', { reportId: run.id, format: 'pdf' });
    const file = await exported(jobId, 'man');
    expect(file.name).toBe('lplate-reconciliation-2026-07-01-to-2026-07-31-report.pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(tmpdir(), `recon-${run.id}.pdf`);
    writeFileSync(path, file.bytes);
    const pages = pdfPages(path);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    const text = pdfText(path);
    expect(text).toContain('LPlate reconciliation: Wed 1 Jul 2026 – Fri 31 Jul 2026');
    expect(text).toContain(formatPence(run.figures.grossChargedPence));
    expect(text).toContain(formatPence(run.figures.platformFee.netPence));
    expect(text).toContain('Liability roll-forwards');
    for (const d of run.discrepancies) expect(text).toContain(d.ids[0]!);
  });
});
