// The write side in Chromium, on the demo workspace: a background sync refreshes an open page without a reload, and
// finance deactivates a code — confirmed, in effect in the console at once, sent through the outbox as a job, in step
// with Stripe, and in the audit log.
import Stripe from 'stripe';
import { formatPence } from '../../src/shared/money';
import { payLesson } from '../fixtures/lesson-payment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];

async function signIn(username: string, password: string) {
  await page.goto(lplate.host.openUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('operator-role').textContent()).toMatch(new RegExp(username, 'i'));
}

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  // The first backfill runs in the background; these journeys start once it is in.
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
});
afterAll(() => journey?.close());

describe('the write side, in Chromium', () => {
  it('refreshes an open Payments page when a background sync brings a new payment, without a reload', async () => {
    await signIn('finance', 'demo-finance-pass');
    await nav('Payments');
    const grid = page.getByRole('grid', { name: 'Payments' });
    await expect.poll(() => grid.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    const counted = async () =>
      Number((await page.getByText(/^1–50 of [\d,]+$/).innerText()).split(' of ')[1]!.replace(/,/g, ''));
    const before = await counted();

    // The marketplace takes a payment in Stripe; the console's timer would sync it — here, the same pass, at once.
    const sim = lplate.core.simulator!;
    const [instructor] = sim.scenario!.instructors;
    const learner = sim.scenario!.learners[0]!;
    const stripe = new Stripe('sk_test_marketplace', { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    const { paid: amount } = await payLesson(stripe, learner, instructor!);
    const pass = lplate.core.sync.run('sync');
    await lplate.core.sync.wait(pass);
    await expect.poll(counted, { timeout: 15_000 }).toBe(before + 1);
    expect(
      await grid
        .getByRole('row')
        .filter({ hasText: formatPence(amount) })
        .count(),
    ).toBeGreaterThan(0);
  });

  it('deactivates a code: the effect is restated, the change goes to Stripe as a job, and the code shows deactivated', async () => {
    await nav('Codes');
    const grid = page.getByRole('grid', { name: 'Discount codes' });
    const row = grid.getByRole('row').filter({ hasText: 'WELCOME10' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'codes');
    await row.click();
    const drawer = page.getByRole('complementary', { name: 'WELCOME10' });
    await drawer.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate WELCOME10?' });
    expect(await dialog.innerText()).toContain('learners cannot use it at checkout');
    await dialog.getByLabel('Why (optional, kept in the audit log)').fill('Shared on a voucher site');
    await screenshot(page, 'code-pause-confirm');
    await dialog.getByRole('button', { name: 'Deactivate code' }).click();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('Deactivated');
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('In Stripe');
    const promo = sim().state.promotionCodes.items.find((p) => p.code === 'WELCOME10' && !p.active);
    expect(promo).toBeDefined();
    await screenshot(page, 'code-paused');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /^Jobs/ }).click();
    const finished = page.getByRole('region', { name: 'Finished jobs' });
    const job = finished.getByRole('listitem', { name: 'Deactivate WELCOME10 in Stripe' });
    await expect.poll(() => job.innerText(), { timeout: 15_000 }).toMatch(/Done/);
    expect(await job.innerText()).toContain('by Fran Finance');
    await screenshot(page, 'jobs-panel');
    await page.keyboard.press('Escape');
  });

  it('shows who deactivated the code and Stripe’s confirmation in the audit log', async () => {
    await page.goto(`${lplate.host.url}/#/audit?entity=discount_code&action=updated`);
    const grid = page.getByRole('grid', { name: 'Audit log' });
    // The header row is there at once: wait for the entries themselves.
    await expect.poll(() => grid.innerText(), { timeout: 15_000 }).toContain('Fran Finance');
    expect(await grid.innerText()).toContain('Changed');
    await page.goto(`${lplate.host.url}/#/audit?entity=stripe_request`);
    await expect.poll(() => grid.innerText(), { timeout: 15_000 }).toContain('Done in Stripe');
  });

  it('lets finance settle a write Stripe may have made, after looking in Stripe', async () => {
    // Stripe fails the reactivation and says not to retry it: the console cannot tell whether it happened.
    sim().control.setFaults({
      seed: 1,
      routes: { 'POST /v1/promotion_codes/': { error500: 1, shouldRetry: false } },
    });
    await nav('Codes');
    const grid = page.getByRole('grid', { name: 'Discount codes' });
    await grid.getByRole('row').filter({ hasText: 'WELCOME10' }).click();
    const drawer = page.getByRole('complementary', { name: 'WELCOME10' });
    await drawer.getByRole('button', { name: 'Reactivate' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reactivate WELCOME10?' });
    await confirm.getByRole('button', { name: 'Reactivate code' }).click();
    await expect.poll(() => confirm.count(), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count(), { timeout: 15_000 }).toBe(0);

    await page.getByRole('button', { name: /^Jobs/ }).click();
    const job = page
      .getByRole('region', { name: 'Finished jobs' })
      .getByRole('listitem', { name: 'Reactivate WELCOME10 in Stripe' });
    await expect.poll(() => job.innerText(), { timeout: 30_000 }).toContain('unconfirmed');
    sim().control.clearFaults();
    await job.getByRole('button', { name: 'Settle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settle “Reactivate WELCOME10”' });
    await dialog.getByLabel('What you found', { exact: true }).selectOption('not_made');
    await dialog
      .getByLabel('What you found (kept in the audit log)')
      .fill('WELCOME10 is still inactive in the Dashboard');
    await screenshot(page, 'settle-write');
    await dialog.getByRole('button', { name: 'Mark as not made' }).click();
    await expect
      .poll(() => job.innerText(), { timeout: 15_000 })
      .toContain('Not made in Stripe, as Fran Finance found: WELCOME10 is still inactive in the Dashboard');
    expect(await job.getByRole('button', { name: 'Settle…' }).count()).toBe(0);
    await screenshot(page, 'settled-write');
    await page.keyboard.press('Escape');
    expect(sim().state.promotionCodes.items.find((p) => p.code === 'WELCOME10')?.active).toBe(false);
  });

  it('lets support see codes but not change them', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('support', 'demo-support-pass');
    await nav('Codes');
    const grid = page.getByRole('grid', { name: 'Discount codes' });
    await expect
      .poll(() => grid.getByRole('row').filter({ hasText: 'WELCOME10' }).count(), { timeout: 15_000 })
      .toBe(1);
    await grid.getByRole('row').filter({ hasText: 'WELCOME10' }).click();
    const drawer = page.getByRole('complementary', { name: 'WELCOME10' });
    await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toContain('View only');
    expect(await drawer.getByRole('button', { name: /Deactivate|Reactivate|Edit limit/ }).count()).toBe(0);
  });

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});

function sim() {
  return lplate.core.simulator!;
}
