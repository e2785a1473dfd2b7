// A real (non-demo) workspace against the simulator as if it were Stripe, in Chromium: the first admin connects it
// from Settings → Stripe with a restricted key, sees what the key lacks, watches the backfill and reaches Payments.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../src/main/simulator/index';
import { screenshot, startJourney, type Journey } from './harness';
import { READ_ALL } from '../fixtures/stripe-keys';

const KEY = 'rk_test_51QLPlateConsole7Hq2';
let sim: RunningSimulator;
let journey: Journey;
let page: Page;
const keyDir = mkdtempSync(join(tmpdir(), 'lplate-e2e-keys-'));

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 5,
    scenario: { instructors: 5, learners: 40, weeks: 4, paymentsPerWeek: 25, paidFridays: 3, seed: 5 },
    // Reads all but disputes; writes only codes: connecting lists what that leaves out.
    restrictedKeys: {
      [KEY]: { ...READ_ALL, dispute: 'none', coupon: 'write', promotion_code: 'write' },
    },
  });
  // Each request takes 120 ms, as a distant Stripe would: the check and the backfill run long enough to be seen.
  sim.control.setFaults({ global: { delay: 1, delayMs: 120 } });
  journey = await startJourney({
    stripe: { api: { host: '127.0.0.1', port: sim.port, protocol: 'http' }, keyDir },
  });
  page = journey.page;
});
afterAll(async () => {
  await journey?.close();
  await sim?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const stripe = () => page.getByRole('region', { name: 'Stripe' });

describe('connecting a real Stripe account from Settings, in Chromium', () => {
  it('starts empty, and the Overview sends the new admin to Settings → Stripe', async () => {
    await page.goto(journey.lplate.host.openUrl);
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@lplate.example');
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
    await page.getByLabel('Confirm password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect.poll(() => page.getByText('No figures yet: Stripe is not connected').count()).toBe(1);
    expect(await page.getByRole('status', { name: 'Sync status' }).textContent()).toBe(
      'Stripe not connected',
    );
    await page.getByRole('link', { name: 'Connect Stripe in Settings' }).click();
    await expect.poll(() => stripe().getByText('Not connected').count()).toBe(1);
    await stripe().scrollIntoViewIfNeeded();
    await screenshot(page, 'stripe-not-connected');
  });

  it('refuses a publishable key on its field before asking Stripe', async () => {
    await page.getByLabel('Secret or restricted key').fill('pk_test_51QPublishableOnly');
    await page.getByLabel('Secret or restricted key').press('Enter');
    await expect
      .poll(() => stripe().getByRole('alert').textContent())
      .toMatch(/^This is a publishable key \(pk_…\)/);
    await screenshot(page, 'stripe-key-refused');
  });

  it('checks a restricted key, lists what it cannot read or write, and shows the backfill running', async () => {
    await page.getByLabel('Secret or restricted key').fill(KEY);
    await page.getByRole('button', { name: 'Check and connect' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Checking the key with Stripe…' }).count())
      .toBe(1);
    await screenshot(page, 'stripe-checking');
    await expect
      .poll(() => stripe().getByRole('region', { name: 'Backfill progress' }).count(), { timeout: 60_000 })
      .toBe(1);
    const text = await stripe().innerText();
    expect(text).toContain('Test mode');
    expect(text).toContain('LPlate (simulated)');
    expect(text).toContain('· GB');
    expect(text).toContain('…7Hq2');
    expect(text).not.toContain(KEY);
    expect(await stripe().getByRole('region', { name: 'Unreadable resources' }).innerText()).toContain(
      'disputes',
    );
    const unwritable = await stripe()
      .getByRole('region', { name: 'Writes the key may not make' })
      .innerText();
    expect(unwritable).toContain('Friday payout runs');
    expect(unwritable).toContain('Add “Core → Refunds: Write”');
    expect(await page.getByRole('note', { name: 'TEST MODE' }).count()).toBe(1);
    await screenshot(page, 'stripe-backfilling');
  });

  it('finishes the backfill, keeps the key only in the host keyring (0600), and never sends it to the page', async () => {
    await expect.poll(() => stripe().getByText('Backfill done').count(), { timeout: 150_000 }).toBe(1);
    await screenshot(page, 'stripe-connected');
    expect(await page.content()).not.toContain(KEY);
    const files = readdirSync(keyDir);
    expect(files).toHaveLength(1);
    expect(statSync(join(keyDir, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it('asks before replacing the key or disconnecting, and Esc or Cancel changes nothing', async () => {
    await stripe().getByRole('button', { name: 'Replace key' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace the Stripe key' });
    expect(await replace.innerText()).toContain('keeps using …7Hq2');
    await screenshot(page, 'stripe-replace');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await stripe().getByRole('button', { name: 'Disconnect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect Stripe' });
    expect(await confirm.innerText()).toContain('delete the key …7Hq2');
    await screenshot(page, 'stripe-disconnect');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await stripe().innerText()).toContain('…7Hq2');
  });

  it('reaches Payments with the synced data', async () => {
    await stripe().getByRole('link', { name: 'Open Payments' }).click();
    const grid = page.getByRole('grid', { name: 'Payments' });
    await expect.poll(() => grid.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await screenshot(page, 'stripe-payments');
  });

  it('ran without page errors or CSP violations', () => {
    expect(journey.errors).toEqual([]);
  });
});
