import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Every simulator request waits 200 ms until the test has watched the first backfill run (40 ms was once too short
  // on a loaded machine: the backfill ended between seeing its progress bar and reading its counts).
  journey = await startJourney({ demo: true, simulatorFaults: { global: { delay: 1, delayMs: 200 } } });
  ({ lplate, page, errors } = journey);
});
afterAll(() => journey?.close());

const syncStatus = () => page.getByRole('status', { name: 'Sync status' });

describe('the demo workspace, synced from Stripe, in Chromium', () => {
  it('shows the demo operators on its sign-in screen and signs finance in', async () => {
    await page.goto(lplate.host.openUrl);
    await expect.poll(() => page.getByText('DEMO DATA').count()).toBeGreaterThan(0);
    expect(await page.getByText('demo-finance-pass').count()).toBe(1);
    await page.getByLabel('Username').fill('finance');
    await page.getByLabel('Password', { exact: true }).fill('demo-finance-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('operator-role').textContent()).toMatch(/finance/i);
  });

  it('shows the first sync running with progress, then done', async () => {
    const job = page.getByTestId('sync-job');
    await expect
      .poll(() => job.innerText({ timeout: 500 }).catch(() => ''), { timeout: 30_000 })
      .toMatch(/\d/);
    await screenshot(page, 'demo-sync-running');
    lplate.core.simulator?.control.clearFaults();
    await expect.poll(() => syncStatus().innerText(), { timeout: 60_000 }).toMatch(/Synced/);
    expect(await syncStatus().innerText()).toContain('Demo');
  });

  it('lists the synced payments and opens one to its balanced journal lines', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Payments', exact: true })
      .click();
    const grid = page.getByRole('grid', { name: 'Payments' });
    await expect.poll(() => grid.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(await page.getByText(/1–50 of \d{3}/).count()).toBe(1);
    await screenshot(page, 'demo-payments');
    await grid.getByRole('row').filter({ hasText: '£' }).first().click();
    const journal = page.getByRole('table', { name: /^Journal lines: / }).first();
    await expect.poll(() => journal.count(), { timeout: 15_000 }).toBe(1);
    const text = await journal.innerText();
    expect(text).toContain('Stripe balance');
    expect(text).toMatch(/Learner prepaid · /);
    expect(await journal.getByText('Stripe balance').first().getAttribute('title')).toBe('stripe_balance');
    expect(await page.getByText('Balanced').count()).toBeGreaterThan(0);
    await screenshot(page, 'demo-payment-journal');
    // The payment's audit trail: its arrival from Stripe, read from the sync batch that applied it.
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.innerText(), { timeout: 15_000 }).toContain('Arrived from Stripe');
  });

  it('finds, in the audit log, the sync batch that changed a payment, with its old and new values and source', async () => {
    const paymentId = new URL(page.url()).hash.match(/id=([0-9a-f-]{36})/)![1]!;
    await page.keyboard.press('Escape');
    await page.goto(`${lplate.host.url}/#/audit?q=${paymentId}`);
    const grid = page.getByRole('grid', { name: 'Audit log' });
    await expect.poll(() => grid.innerText(), { timeout: 15_000 }).toContain('Applied from Stripe');
    expect(await grid.innerText()).toMatch(/\d+ changes? from \d+ Stripe inputs?/);
    await grid.getByRole('row').filter({ hasText: 'Applied from Stripe' }).first().click();
    const drawer = page.getByRole('complementary');
    const change = drawer.getByRole('article', { name: `Payment ${paymentId}` });
    await expect.poll(() => change.count(), { timeout: 15_000 }).toBe(1);
    // Narrowed to the payment searched: its values as they arrived, and the Stripe input they came from.
    expect(await drawer.getByText(`Changes matching “${paymentId}”`).count()).toBe(1);
    const text = await change.innerText();
    expect(text).toContain('Arrived from Stripe');
    expect(text).toMatch(/Projected by payment:pi_/);
    expect(text).toMatch(/evt_|[0-9a-f]{8}/);
    const values = change.getByRole('table', { name: 'Old and new values of Payment' });
    expect(await values.innerText()).toContain('total_amount_pence');
    expect(await drawer.getByRole('region', { name: /^Inputs applied \(\d+\)$/ }).count()).toBe(1);
    await screenshot(page, 'audit-sync-batch');
    await page.keyboard.press('Escape');
  });

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
