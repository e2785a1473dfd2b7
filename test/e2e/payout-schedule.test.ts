// The payout schedule in Chromium on the demo workspace (issue 9, "Automated"): an admin sets it under Settings, a
// wrong time is refused against its field, the saved policy reads back in words; finance sees it on the Payouts page
// and, not being an admin, only reads it under Settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, screenshot, startJourney, type Journey } from './harness';

let journey: Journey;
let page: Page;
let errors: string[];
let steps: ReturnType<typeof demoOperatorSteps>;
const section = () => page.getByRole('region', { name: 'Payout schedule' });

beforeAll(async () => {
  journey = await startJourney({ demo: true, demoCompletions: false });
  ({ page, errors } = journey);
  steps = demoOperatorSteps(journey);
});
afterAll(async () => {
  await journey?.close();
});

describe('the payout schedule, in Chromium on the demo workspace', () => {
  it('an admin allows auto-execution under a limit; a wrong time is refused against its field', async () => {
    await steps.signIn('admin');
    await steps.nav('Settings');
    const form = page.getByRole('form', { name: 'Change the payout schedule' });
    await form.getByLabel('Time (UK, 24-hour)').fill('10.00');
    await form.getByRole('checkbox', { name: /Execute the run without a person/ }).check();
    await form.getByLabel('Auto-execution limit (£)').fill('2,500');
    await form.getByRole('button', { name: 'Save payout schedule' }).click();
    await expect.poll(() => form.getByText(/Enter a time as HH:MM/).count()).toBe(1);
    await form.getByLabel('Time (UK, 24-hour)').fill('10:00');
    await form.getByRole('button', { name: 'Save payout schedule' }).click();
    await expect
      .poll(() =>
        section()
          .getByText(/executed automatically when every check passes and the total is at most £2,500\.00/)
          .count(),
      )
      .toBe(1);
    expect(await section().innerText()).toMatch(/Set by .+/);
    await section().scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-payout-schedule');
  });

  it('finance sees the schedule on the Payouts page and only reads it under Settings', async () => {
    await steps.signOut();
    await steps.signIn('finance');
    await steps.nav('Payouts');
    await expect
      .poll(() => page.getByRole('region', { name: 'Payout schedule' }).innerText())
      .toMatch(/Prepared every Friday at 10:00 UK time; executed automatically .* £2,500\.00/);
    await screenshot(page, 'payouts-schedule-line');
    await steps.nav('Settings');
    await expect.poll(() => section().innerText()).toMatch(/Prepared every Friday/);
    expect(await page.getByRole('form', { name: 'Change the payout schedule' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
