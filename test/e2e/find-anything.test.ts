// ⌘K / Ctrl K in Chromium on the demo workspace (issue 13, "Find anything"): support pastes the prefix of a charge id
// and Enter opens that payment's drawer; an amount finds payments, grouped under their kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
/** The newest succeeded payment, with its charge id. */
let p: { pi: string; total: number; charge: string };

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
});
afterAll(async () => {
  await journey?.close();
});

describe('find anything, in Chromium on the demo workspace', () => {
  it('Ctrl K finds a charge by a pasted ch_ prefix and Enter opens its payment', async () => {
    const { sqlite } = lplate.core.services;
    p = sqlite
      .prepare(
        `SELECT p.stripe_payment_intent_id AS pi, p.total_amount_pence AS total,
           json_extract(o.payload, '$.latest_charge') AS charge
         FROM payments p JOIN stripe_object_states o ON o.id = p.stripe_payment_intent_id
         WHERE p.status = 'succeeded' ORDER BY p.created_at DESC LIMIT 1`,
      )
      .get() as typeof p;
    await demoOperatorSteps(journey).signIn('support');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill(p.charge.slice(0, 14));
    const option = palette.getByRole('option', { name: new RegExp(p.charge) });
    await expect.poll(() => option.count(), { timeout: 15_000 }).toBe(1);
    expect(await palette.innerText()).toContain('Payments');
    await screenshot(page, 'palette-charge-prefix');
    await page.keyboard.press('ArrowDown');
    // the first option is the payment (no page is named like a charge id)
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('complementary');
    await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toContain(p.pi.slice(0, 8));
    expect(page.url()).toContain('#/payments');
  });

  it('an amount finds payments, grouped under Payments', async () => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const pounds = `${Math.floor(p.total / 100)}.${String(p.total % 100).padStart(2, '0')}`;
    await palette.getByRole('combobox').fill(pounds);
    const option = palette.getByRole('option', { name: new RegExp(p.pi) });
    await expect.poll(() => option.count(), { timeout: 15_000 }).toBe(1);
    expect(await palette.innerText()).toContain(`Payments\n£${pounds} ·`);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});
