// Reconciliation in Chromium on the demo workspace (issue 12, "Done when"): finance runs last month, then the demo's
// whole history and sees the planted discrepancies with their links, and locks a clean week; a manager opens the
// run and exports it as XLSX and PDF, which the test reads back (exceljs, pdftotext); screenshots of the page and its charts.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, londonDate, weekday } from '../../src/shared/dates';
import { formatPence } from '../../src/shared/money';
import { pdfText } from '../fixtures/pdf-read';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let signIn: (username: string) => Promise<void>;
let signOut: () => Promise<void>;
let nav: (name: string) => Promise<void>;

/** Three times what a run takes on this machine under load (~2 s). */
const RUN_WAIT = 30_000;
const today = londonDate(Date.now());
/** The Monday-to-Sunday week before last: over, and after the demo's planted anomalies. */
const lastMonday = addDays(today, -((weekday(today) + 6) % 7) - 14);

const status = () => page.locator('.recon-status').first();
const checks = () => page.locator('section[aria-labelledby="recon-checks-title"]');

async function openPeriod(kind: string, from: string, to: string) {
  await page.evaluate(
    (hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash),
    `#/reconciliation?kind=${kind}&from=${from}&to=${to}`,
  );
}

async function run() {
  await page.getByRole('button', { name: 'Run reconciliation' }).click();
  await expect.poll(() => status().count(), { timeout: RUN_WAIT }).toBe(1);
  await expect.poll(() => page.getByRole('button', { name: 'Run reconciliation' }).isEnabled()).toBe(true);
}

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  ({ signIn, signOut, nav } = demoOperatorSteps(journey));
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
});
afterAll(() => journey?.close());

describe('reconciliation, in Chromium on the demo workspace', () => {
  it('runs last month for finance, with figures, closing roll-forwards and charts', async () => {
    await signIn('finance');
    await nav('Reconciliation');
    await expect.poll(() => page.getByText('has not been reconciled in this view').count()).toBe(1);
    // Stripe slowed, so the run's job is seen reading it page by page, with Cancel.
    lplate.core.simulator!.control.setFaults({ routes: { 'GET /v1/charges': { delay: 1, delayMs: 400 } } });
    await page.getByRole('button', { name: 'Run reconciliation' }).click();
    const progress = page.getByRole('status', { name: 'Reconciliation progress' });
    await expect
      .poll(() => progress.innerText(), { timeout: RUN_WAIT })
      .toMatch(/Reading Stripe: \d+ pages? /);
    expect(await progress.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    await screenshot(page, 'reconciliation-running');
    lplate.core.simulator!.control.clearFaults();
    await expect.poll(() => status().count(), { timeout: RUN_WAIT }).toBe(1);
    // The first run reads Stripe whole, and its toast says so.
    await expect.poll(() => page.locator('.toasts').innerText()).toContain('Stripe was read whole.');
    expect(await progress.count()).toBe(0);
    // The page says how fresh the kept Stripe read is: this run's, until the background's first refresh.
    await expect
      .poll(() => page.locator('.recon-kept').innerText())
      .toMatch(
        /^Stripe read kept up to .+ for .+, (kept by the last run that read Stripe whole|refreshed in the background every 5 minutes)\. A run of a period inside it reads only Stripe’s changes since/,
      );
    const text = await page.locator('.recon-page').innerText();
    expect(text).toMatch(/Gross charged\s+£[\d,]+\.\d\d/);
    expect(await page.getByRole('table', { name: 'Liability roll-forwards' }).innerText()).toContain(
      'Closes',
    );
    await expect
      .poll(() => page.locator('.recon-chart svg').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    await screenshot(page, 'reconciliation-last-month');
    await page.locator('#recon-charts-title').scrollIntoViewIfNeeded();
    await screenshot(page, 'reconciliation-charts');
    await page.getByRole('button', { name: 'Weekly' }).click();
    await page.locator('.recon-charts details').first().locator('summary').click();
    expect(await page.getByRole('table', { name: 'Money flows' }).innerText()).toMatch(/£[\d,]+\.\d\d/);
    await screenshot(page, 'reconciliation-charts-weekly');
  });

  it('shows the demo’s planted discrepancies over its whole history, each with its Stripe link', async () => {
    const anomalies = lplate.core.simulator!.scenario!.anomalies;
    const transfer = anomalies.find((a) => a.kind === 'transfer_without_payout_record')!.ids[0]!;
    const payment = anomalies.find((a) => a.kind === 'payment_without_metadata')!.ids[0]!;
    await openPeriod('custom', addDays(today, -120), today);
    await run();
    const list = checks();
    expect(await list.innerText()).toContain('Transfer without payout row');
    expect(await list.innerText()).toContain('Unattributed');
    expect(await list.locator(`a[href$="/connect/transfers/${transfer}"]`).count()).toBe(1);
    expect(await list.locator(`a[href$="/payments/${payment}"]`).count()).toBe(1);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'reconciliation-discrepancies');
  });

  it('locks a clean week for finance', async () => {
    await openPeriod('week', lastMonday, addDays(lastMonday, 6));
    await run();
    // The week lies inside what the earlier runs read: only Stripe's changes since were read.
    await expect
      .poll(() => page.locator('.toasts').innerText())
      .toMatch(/Stripe: only the changes since .* were read/);
    expect(await status().innerText()).toContain('Reconciled');
    await page.getByRole('button', { name: 'Lock period…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lock this period' });
    await dialog.getByLabel('I understand this cannot be undone').check();
    await dialog.getByRole('button', { name: 'Lock period' }).click();
    await expect
      .poll(() => page.locator('.recon-actions .recon-status .notice').innerText(), { timeout: RUN_WAIT })
      .toMatch(/Locked .* Nothing has changed in it since/);
    expect(await page.getByRole('table', { name: 'Reconciliation runs' }).innerText()).toContain('Locked');
    await screenshot(page, 'reconciliation-locked-week');
    await signOut();
  });

  it('lets a manager open the month’s run and export it as XLSX and PDF whose figures match the page', async () => {
    await signIn('manager');
    await nav('Reconciliation');
    expect(await page.getByRole('button', { name: 'Run reconciliation' }).count()).toBe(0);
    await page
      .getByRole('table', { name: 'Reconciliation runs' })
      .getByRole('row')
      .filter({ hasText: '(month)' })
      .first()
      .click();
    await expect.poll(() => status().count(), { timeout: RUN_WAIT }).toBe(1);
    const gross = await page.getByRole('table', { name: 'Revenue' }).getByRole('row').first().innerText();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: RUN_WAIT }),
      page.getByRole('button', { name: 'Export XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lplate-reconciliation-.*-report\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const summary = book.getWorksheet('Summary')!;
    let grossCell: number | null = null;
    summary.eachRow((row) => {
      if (row.getCell(2).value === 'Gross charged')
        grossCell = Math.round((row.getCell(3).value as number) * 100);
    });
    expect(gross).toContain(formatPence(grossCell!));
    expect(book.worksheets.map((s) => s.name)).toContain('Discrepancies');
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: RUN_WAIT }),
      page.getByRole('button', { name: 'Export PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/-report\.pdf$/);
    const text = pdfText((await pdf.path())!);
    expect(text).toContain('LPlate reconciliation:');
    expect(text).toContain(formatPence(grossCell!));
    await screenshot(page, 'reconciliation-manager-export');
    expect(errors).toEqual([]);
  });
});
