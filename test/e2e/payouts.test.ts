// Friday payout runs in Chromium on the demo workspace (issue 9, "Payout runs"): finance imports the scenario's
// completions, previews next Friday with held instructors and why, executes after a confirmation naming the Friday,
// total and count, watches progress, sees a refused transfer fail and retries it, and opens a statement; support
// sees the run but is offered no way to prepare or execute (main's refusal: test/integration/payouts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { remittanceHtml, statementFor } from '../../src/main/payouts/remittance';
import {
  demoOperatorSteps,
  fundDemoPlatform,
  screenshot,
  startJourney,
  type Console,
  type Journey,
} from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let steps: ReturnType<typeof demoOperatorSteps>;
const results = () => page.getByRole('table', { name: 'Run results' });
const preview = () => page.getByRole('grid', { name: 'Payout preview' });

beforeAll(async () => {
  journey = await startJourney({ demo: true, demoCompletions: false });
  ({ lplate, page, errors } = journey);
  steps = demoOperatorSteps(journey);
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  await fundDemoPlatform(lplate);
});
afterAll(async () => {
  await journey?.close();
});

describe('payout runs, in Chromium on the demo workspace', () => {
  it('finance imports the completions and previews next Friday: ready and held with reasons', async () => {
    const csv = await (
      await fetch(`http://127.0.0.1:${lplate.core.simulator!.port}/_sim/scenario/completions.csv`)
    ).text();
    await steps.signIn('finance');
    await steps.nav('Credits');
    await page.getByRole('button', { name: 'Import completions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import lesson completions' });
    await dialog.getByLabel('Completions CSV file').setInputFiles({
      name: 'completions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await dialog.getByRole('button', { name: /^Import [\d,]+ completions…$/ }).click({ timeout: 20_000 });
    await page
      .getByRole('dialog', { name: 'Import these completions?' })
      .getByRole('button', { name: /^Import [\d,]+ completions$/ })
      .click();
    await expect
      .poll(() => page.getByText(/^Imported [\d,]+ completions/).count(), { timeout: 30_000 })
      .toBe(1);

    await steps.nav('Payouts');
    await expect.poll(() => preview().getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    const text = await preview().innerText();
    expect(text).toMatch(/Held/);
    expect(text).toMatch(/Stripe has disabled payouts and transfers on acct_/);
    expect(text).toMatch(/paid outside the console/);
    expect(await page.getByRole('region', { name: /^Totals for Fri / }).innerText()).toMatch(/Ready on Fri/);
    await screenshot(page, 'payouts-preview');
  });

  it('executes after a confirmation naming the Friday, total and count; a refused transfer fails and retry pays it', async () => {
    await page.getByRole('button', { name: 'Prepare run' }).click();
    await page.getByRole('button', { name: 'Approve and execute…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Pay instructors for Fri / });
    expect(await confirm.innerText()).toMatch(
      /Transfer £[\d,]+\.\d\d to \d+ instructors? on Fri \d+ \w+ \d{4}/,
    );
    expect(await confirm.innerText()).toMatch(/held and not paid/);
    await screenshot(page, 'payouts-confirm');
    lplate.core.simulator!.control.failNextTransfer();
    await confirm.getByLabel('I understand this cannot be undone').check();
    await confirm.getByRole('button', { name: /^Transfer £/ }).click();
    await expect.poll(() => results().count(), { timeout: 60_000 }).toBe(1);
    await expect
      .poll(async () => (await results().innerText()).includes('Sending'), { timeout: 60_000 })
      .toBe(false);
    const after = await results().innerText();
    expect(after).toMatch(/Failed/);
    expect(after).toMatch(/available balance was lower than/);
    expect(after).toMatch(/Paid/);
    await screenshot(page, 'payouts-results-failed');

    await page.getByRole('button', { name: 'Retry what was not paid' }).click();
    await expect
      .poll(async () => /Failed|Sending/.test(await results().innerText()), { timeout: 60_000 })
      .toBe(false);
    expect(await page.getByRole('table', { name: 'Payout runs' }).innerText()).toMatch(
      /Done|Needs attention/,
    );
    await screenshot(page, 'payouts-results-retried');
  });

  it('makes an instructor’s remittance statement (the PDF’s page, looked at)', async () => {
    const { sqlite } = lplate.core.services;
    const payoutId = sqlite
      .prepare(
        "SELECT i.id FROM payout_run_items i JOIN payouts p ON p.id = i.id WHERE p.status = 'paid' LIMIT 1",
      )
      .pluck()
      .get() as string;
    const statement = await page.context().newPage();
    // The PDF is this HTML printed by Chromium (src/main/payouts/remittance.ts).
    const html = remittanceHtml(statementFor(sqlite, payoutId));
    await statement.setContent(html);
    expect(await statement.innerText('body')).toMatch(/Transferred £[\d,]+\.\d\d to your Stripe account/);
    await screenshot(statement, 'payouts-remittance');
    await statement.close();
  });

  it('support sees the run and its results but is offered no prepare, execute or retry', async () => {
    await steps.signOut();
    await steps.signIn('support');
    await steps.nav('Payouts');
    await expect.poll(() => results().count(), { timeout: 15_000 }).toBe(1);
    for (const name of ['Prepare run', 'Prepare again', 'Approve and execute…', 'Retry what was not paid'])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    await screenshot(page, 'payouts-support');
    expect(errors).toEqual([]);
  });
});
