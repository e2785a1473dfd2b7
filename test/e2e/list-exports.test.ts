// Whole-data-set exports in Chromium (issue 13, "Done when"): 50,000 synthetic payments of one instructor are added to
// the demo workspace; finance filters Payments to that instructor, reads the filtered set's total on screen, exports
// it as XLSX and the file, read back with exceljs, has every row and the same total. Screenshots of the lists at
// 1280×800 and 1024 wide.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatPence } from '../../src/shared/money';
import { listPayments } from '../../src/main/payments/list';
import { insertPayments } from '../../src/main/payments/store';
import { seedPeople, syntheticPayments } from '../bench/synthetic';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';

const COUNT = 50_000;
/** Three times what the export takes on this machine under load. */
const EXPORT_WAIT = 120_000;

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let instructorId: string;

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  const { db, sqlite } = lplate.core.services;
  const people = seedPeople(sqlite, 200, 1);
  instructorId = people.instructors[0]!;
  const rows = syntheticPayments(COUNT, people.learners, people.instructors);
  for (let i = 0; i < rows.length; i += 10_000) insertPayments(db, rows.slice(i, i + 10_000));
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

const go = (hash: string) =>
  page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

describe('exporting a whole filtered list, in Chromium on the demo workspace', () => {
  it(`exports ${COUNT.toLocaleString('en-GB')} filtered payments as XLSX with the total on screen`, async () => {
    const { sqlite } = lplate.core.services;
    const expected = sqlite
      .prepare('SELECT count(*) AS n, SUM(total_amount_pence) AS total FROM payments WHERE instructor_id = ?')
      .get(instructorId) as { n: number; total: number };
    expect(expected.n).toBe(COUNT);
    await demoOperatorSteps(journey).signIn('finance');
    await go(`#/payments?instructor=${instructorId}`);
    const totals = page.getByTestId('list-totals');
    await expect
      .poll(() => totals.innerText(), { timeout: 30_000 })
      .toContain(`${COUNT.toLocaleString('en-GB')} payments`);
    const shown = await totals.innerText();
    expect(shown).toContain(`Total ${formatPence(expected.total)}`);
    await screenshot(page, 'payments-filtered-totals');
    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: EXPORT_WAIT }),
      page.getByRole('button', { name: 'Export XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lplate-payments-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const exportMs = Date.now() - started;
    const ws = book.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(COUNT);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('Total (£)') + 1;
    let pence = 0;
    ws.eachRow((row, n) => {
      if (n > 1) pence += Math.round((row.getCell(col).value as number) * 100);
    });
    expect(shown).toContain(`Total ${formatPence(pence)}`);
    console.log(`export of ${COUNT} payments: ${exportMs} ms to the downloaded, parsed XLSX`);
    expect(errors).toEqual([]);
  }, 240_000);

  it('steps through payments by total with Next and Previous, showing the rows each page number gives', async () => {
    // 50,000 payments over 27 totals: long runs of equal totals, ordered by rowid, which the pager seeks through.
    const { sqlite } = lplate.core.services;
    const sort = { column: 'total', direction: 'desc' } as const;
    const expectedOn = (n: number) =>
      listPayments(sqlite, { instructorId, sort, page: n, pageSize: 50 }).rows.map(
        (r) => `${r.learner.name} · ${r.learner.email}`,
      );
    const grid = page.getByRole('grid', { name: 'Payments' });
    const showsPage = async (n: number) => {
      const range = `${(n - 1) * 50 + 1}–${n * 50} of ${COUNT.toLocaleString('en-GB')}`;
      await expect.poll(() => page.getByText(range).count(), { timeout: 30_000 }).toBe(1);
      await expect
        .poll(() => grid.locator('tr[aria-rowindex]').first().getAttribute('aria-rowindex'), {
          timeout: 30_000,
        })
        .toBe(String((n - 1) * 50 + 2));
      const shown = await grid
        .locator('tr[aria-rowindex]')
        .evaluateAll((rows) =>
          rows.map((r) => [
            Number(r.getAttribute('aria-rowindex')),
            r.querySelectorAll('td')[1]!.querySelector('span')!.getAttribute('title'),
          ]),
        );
      const expected = expectedOn(n);
      expect(shown.length).toBeGreaterThan(5);
      for (const [index, learner] of shown)
        expect(learner, `page ${n}`).toBe(expected[Number(index) - 2 - (n - 1) * 50]);
    };
    await go(`#/payments?instructor=${instructorId}&sort=total.desc`);
    await showsPage(1);
    for (const n of [2, 3]) {
      await page.getByRole('button', { name: 'Next page' }).click();
      await showsPage(n);
    }
    await page.getByRole('button', { name: 'Previous page' }).click();
    await showsPage(2);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows Payments, Instructors and the Overview at 1280×800 and 1024 wide', async () => {
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [hash, name] of [
        ['#/payments', 'payments'],
        ['#/instructors', 'instructors'],
        ['#/', 'overview'],
      ] as const) {
        await go(hash);
        await expect.poll(() => page.locator('.skeleton').count(), { timeout: 30_000 }).toBe(0);
        await screenshot(page, `${name}-${width}`);
      }
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
