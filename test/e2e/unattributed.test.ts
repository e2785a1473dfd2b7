// The Unattributed inbox in Chromium on the demo workspace (issue 13): finance attributes the £30 Dashboard transfer
// to its instructor's payout — Overview's instructor payable and the Instructors page's owed agree before and after
// (the page counts the transfer as paid from the ledger, as the payout preview does) — and the
// £47.20 payment to a learner's lesson, which then shows in Payments; support reaches the inbox from Overview's
// Needs attention but cannot resolve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';
import { overviewSummary } from '../../src/main/overview/queries';
import { listInstructors } from '../../src/main/instructors/queries';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let signIn: (username: string) => Promise<void>;
let signOut: () => Promise<void>;
let nav: (name: string) => Promise<void>;
const grid = () => page.getByRole('grid', { name: 'Objects to resolve' });
const dataRows = () =>
  grid()
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });

/** Overview's instructor payable less the Instructors page's owed, as main computes both screens. */
function payableGap(): number {
  const { sqlite, clock } = lplate.core.services;
  const overview = overviewSummary(sqlite, 'today', clock.now()).kpis.instructorPayable.valuePence;
  const owed = listInstructors(
    sqlite,
    'test',
    {
      page: 1,
      pageSize: 500,
      sort: { column: 'owed', direction: 'desc' },
    },
    clock.now(),
  ).rows.reduce((s, r) => s + r.owedPence, 0);
  return owed - overview;
}

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  ({ signIn, signOut, nav } = demoOperatorSteps(journey));
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
});
afterAll(async () => {
  await journey?.close();
});

describe('the Unattributed inbox, in Chromium on the demo workspace', () => {
  it('support sees what is unattributed, with amounts and Stripe links, but is offered no resolution', async () => {
    await signIn('support');
    // Overview's Needs attention lists it and links to it
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await expect.poll(() => attention.innerText(), { timeout: 15_000 }).toContain('Unattributed money');
    expect(await attention.innerText()).toMatch(/Open disputes[\s\S]*evidence due by/);
    await screenshot(page, 'overview-needs-attention');
    await attention.getByRole('link', { name: 'Payment of £47.20 without marketplace metadata' }).click();
    await expect.poll(() => dataRows().count(), { timeout: 15_000 }).toBe(2);
    expect(await grid().innerText()).toContain('£30.00');
    const drawer = page.getByRole('complementary', { name: 'Payment of £47.20' });
    await expect.poll(() => drawer.innerText()).toContain('Finance resolves unattributed objects');
    expect(await drawer.getByRole('button', { name: /Attribute/ }).count()).toBe(0);
    await signOut();
  });

  it('finance attributes the £30 Dashboard transfer to a payout: the two payable figures agree', async () => {
    expect(payableGap()).toBe(0);
    await signIn('finance');
    await nav('Unattributed');
    await expect.poll(() => dataRows().count(), { timeout: 15_000 }).toBe(2);
    await dataRows().filter({ hasText: '£30.00' }).click();
    const drawer = page.getByRole('complementary', { name: 'Transfer of £30.00' });
    await drawer.getByRole('button', { name: 'Attribute to a payout…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attribute a transfer to a payout' });
    await dialog.getByRole('button', { name: 'Attribute' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Say in a few words why');
    await dialog.getByLabel('Why (kept in the audit log)').fill('Paid by hand from the Dashboard');
    await screenshot(page, 'unattributed-transfer-dialog');
    await dialog.getByRole('button', { name: 'Attribute' }).click();
    await expect.poll(() => dataRows().count(), { timeout: 15_000 }).toBe(1);
    expect(payableGap()).toBe(0);
  });

  it('finance attributes the £47.20 payment to a learner’s lesson: it joins Payments', async () => {
    const sim = lplate.core.simulator!;
    const learner = sim.scenario!.learners[0]!;
    const instructor = sim.scenario!.instructors.find((i) => i.ratePence <= 4000)!;
    await dataRows().filter({ hasText: '£47.20' }).click();
    const drawer = page.getByRole('complementary', { name: 'Payment of £47.20' });
    await drawer.getByRole('button', { name: 'Attribute to a lesson…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attribute a payment' });
    await dialog.getByLabel('Learner').fill(learner.name.slice(0, 6));
    await dialog.getByRole('option', { name: new RegExp(learner.email) }).click();
    await dialog.getByLabel('Instructor').selectOption(instructor.id);
    await dialog.getByLabel('Hours').fill(instructor.ratePence === 4000 ? '1' : '2');
    await dialog.getByLabel('Why (kept in the audit log)').fill('Paid by phone, confirmed by the instructor');
    await screenshot(page, 'unattributed-payment-dialog');
    await dialog.getByRole('button', { name: 'Attribute' }).click();
    await expect.poll(() => page.getByText('Nothing to resolve').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Resolved' }).click();
    const resolved = page.getByRole('grid', { name: 'Resolved objects' });
    await expect.poll(() => resolved.innerText(), { timeout: 15_000 }).toContain(learner.name);
    await screenshot(page, 'unattributed-resolved');

    await nav('Payments');
    await page.getByRole('searchbox', { name: /Search payments/ }).fill(learner.email);
    await page.keyboard.press('Enter');
    const payments = page.getByRole('grid', { name: 'Payments' });
    await expect.poll(() => payments.innerText(), { timeout: 15_000 }).toContain('£47.20');
    expect(payableGap()).toBe(0);
    expect(errors).toEqual([]);
  });
});
