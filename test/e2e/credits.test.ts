// Credits in Chromium on the demo workspace (issue 9, "Credits and lesson completions"): finance imports the
// scenario's completions CSV, sees every row checked, confirms, and sees the credits drop; the same file again
// changes nothing; support records a lesson from a pair's drawer; a manager may look but the UI offers no import
// or recording (main's refusal is proven in test/integration/credits); a broad search over more pairs than the server
// adds up says "at least".
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COUNT_STEP } from '../../src/main/db/sql';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let csvPath: string;
let csvRows: number;
const folder = mkdtempSync(join(tmpdir(), 'lplate-e2e-csv-'));

let signIn: (username: string) => Promise<void>;
let signOut: () => Promise<void>;
let nav: (name: string) => Promise<void>;
const grid = () => page.getByRole('grid', { name: 'Credits' });
const totals = () => page.getByRole('region', { name: 'Totals' });
/** The totals' figure after a label ("Remaining" → 1,234 h), read from the page as the operator sees it. */
async function figure(label: string): Promise<number> {
  const text = await totals().innerText();
  const match = new RegExp(`${label}[^\\n]*\\n\\s*(£?[\\d,.]+)`).exec(text);
  if (!match) throw new Error(`no ${label} in ${text}`);
  return Number(match[1]!.replace(/[£,]/g, '').replace('.', ''));
}

beforeAll(async () => {
  journey = await startJourney({ demo: true, demoCompletions: false });
  ({ lplate, page, errors } = journey);
  ({ signIn, signOut, nav } = demoOperatorSteps(journey));
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  // The marketplace's export, as the simulator serves it.
  const response = await fetch(
    `http://127.0.0.1:${lplate.core.simulator!.port}/_sim/scenario/completions.csv`,
  );
  const csv = await response.text();
  csvRows = csv.trim().split(/\r?\n/).length - 1;
  csvPath = join(folder, 'completions.csv');
  writeFileSync(csvPath, csv);
});
afterAll(async () => {
  await journey?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('credits, in Chromium on the demo workspace', () => {
  it('finance imports the scenario’s completions: preview, confirmation, credits drop', async () => {
    await signIn('finance');
    await nav('Credits');
    await expect.poll(() => grid().getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const remainingBefore = await figure('Remaining');
    const liabilityBefore = await figure('Liability');
    const usedBefore = await figure('Used');
    expect(usedBefore).toBe(0);

    await page.getByRole('button', { name: 'Import completions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import lesson completions' });
    await dialog.getByLabel('Completions CSV file').setInputFiles(csvPath);
    const summary = dialog.getByLabel('Preview summary');
    await expect.poll(() => summary.innerText(), { timeout: 15_000 }).toContain('With problems');
    const summaryText = await summary.innerText();
    expect(summaryText).toMatch(new RegExp(`Rows\\s+${csvRows.toLocaleString('en-GB')}`));
    const newHours = Number(/New\s+[\d,]+ \((\d[\d,]*) h\)/.exec(summaryText)![1]!.replace(/,/g, ''));
    expect(await dialog.getByText('Problem', { exact: true }).count()).toBe(0);
    await screenshot(page, 'credits-import-preview');

    await dialog.getByRole('button', { name: /^Import [\d,]+ completions…$/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Import these completions?' });
    expect(await confirm.innerText()).toMatch(
      /Record [\d,]+ lesson completions \([\d,]+ h\) from completions\.csv/,
    );
    await screenshot(page, 'credits-import-confirm');
    const started = Date.now();
    await confirm.getByRole('button', { name: /^Import [\d,]+ completions$/ }).click();
    await expect
      .poll(() => page.getByText(/^Imported [\d,]+ completions/).count(), { timeout: 30_000 })
      .toBe(1);
    console.info(
      `e2e: ${csvRows} completions imported from the UI in ${Date.now() - started} ms (click to toast)`,
    );
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => figure('Used'), { timeout: 15_000 }).toBe(newHours);
    expect(await figure('Remaining')).toBe(remainingBefore - newHours);
    expect(await figure('Liability')).toBeLessThan(liabilityBefore);
    await screenshot(page, 'credits-page');
  });

  it('says the same file again is nothing new, and offers no import', async () => {
    await page.getByRole('button', { name: 'Import completions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import lesson completions' });
    await dialog.getByLabel('Completions CSV file').setInputFiles(csvPath);
    await expect
      .poll(() => dialog.getByRole('status').innerText(), { timeout: 15_000 })
      .toMatch(/Nothing new/);
    expect(await dialog.getByRole('status').innerText()).toMatch(/imported on .* by Fran Finance/);
    expect(await dialog.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('shows a pair’s history in time order in the drawer', async () => {
    await grid().getByRole('row').nth(1).click();
    const drawer = page.getByRole('complementary', { name: / with / });
    await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toContain('Lesson completed');
    expect(await drawer.innerText()).toMatch(/Payment[\s\S]*Lesson completed[\s\S]*Instructor earned/);
    await screenshot(page, 'credits-drawer');
    await page.keyboard.press('Escape');
    await signOut();
  });

  it('support records a lesson by hand; a manager is offered neither import nor recording', async () => {
    await signIn('support');
    await nav('Credits');
    await page.getByRole('combobox', { name: 'Hours' }).selectOption('remaining');
    await expect.poll(() => grid().getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const row = grid().getByRole('row').nth(1);
    const before = await row.innerText();
    await row.click();
    const drawer = page.getByRole('complementary', { name: / with / });
    await drawer.getByRole('button', { name: 'Record a lesson' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a lesson' });
    await dialog.getByLabel('Hours').fill('1');
    await dialog.getByLabel('Ended at').fill('00:01');
    await dialog.getByLabel('Note (optional)').fill('From the instructor’s diary');
    await screenshot(page, 'credits-record-lesson');
    await dialog.getByRole('button', { name: 'Record lesson' }).click();
    await expect.poll(() => page.getByText('Lesson recorded.').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => drawer.innerText())
      .toContain('Recorded by Sam Support — From the instructor’s diary');
    await page.keyboard.press('Escape');
    await expect.poll(() => row.innerText()).not.toBe(before);
    await signOut();

    await signIn('manager');
    await nav('Credits');
    await expect.poll(() => grid().getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await page.getByRole('button', { name: 'Import completions' }).count()).toBe(0);
    await grid().getByRole('row').nth(1).click();
    const view = page.getByRole('complementary', { name: / with / });
    await expect.poll(() => view.innerText(), { timeout: 15_000 }).toContain('History');
    expect(await view.getByRole('button', { name: 'Record a lesson' }).count()).toBe(0);
    expect(await view.getByRole('button', { name: 'Correct or reverse…' }).count()).toBe(0);
  });

  it('says at least how many pairs a broad search matches, without adding them up', async () => {
    const sqlite = lplate.core.services.sqlite;
    const instructor = sqlite
      .prepare('SELECT id FROM instructors ORDER BY id LIMIT 1')
      .pluck()
      .get() as string;
    const now = Date.now();
    const user = sqlite.prepare(
      'INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    const pair = sqlite.prepare(
      `INSERT INTO learner_credits (id, learner_id, instructor_id, hours_purchased, hours_used, hours_refunded,
         liability_pence, is_active, created_at, updated_at) VALUES (?, ?, ?, 2, 1, 0, 3000, 1, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < COUNT_STEP + 1; i++) {
        const learner = randomUUID();
        user.run(learner, `bulk${i}@learners.test`, `Bulk learner ${i}`, now, now);
        pair.run(randomUUID(), learner, instructor, now, now);
      }
    })();
    await page.keyboard.press('Escape');
    const search = page.getByRole('searchbox', { name: 'Search credits' });
    await search.fill('Bulk learner');
    await search.press('Enter');
    await expect
      .poll(() => totals().innerText(), { timeout: 15_000 })
      .toMatch(/At least 10,000 pairs\s+match this search, too many to add up here/);
    expect(await totals().getByText(/£/).count()).toBe(0);
    await expect.poll(() => grid().getByRole('row').count()).toBeGreaterThan(10);
    await screenshot(page, 'credits-broad-search');
  });

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
