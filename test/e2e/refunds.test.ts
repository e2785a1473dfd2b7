// Refunds in Chromium on the demo workspace (issue 10): support asks for a refund above the £50.00 limit from a
// payment's drawer and cannot approve it; finance approves it from the queue after a confirmation; the refund shows
// refunded, the learner's credits dropped, and the audit log names both operators. A refund Stripe refuses (the
// payment was disputed meanwhile) says so in plain words and changes nothing; one Stripe holds for want of funds says
// why it is pending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  coverDemoRefunds,
  demoOperatorSteps,
  screenshot,
  startJourney,
  type Console,
  type Journey,
} from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let signIn: (username: string) => Promise<void>;
let signOut: () => Promise<void>;
let nav: (name: string) => Promise<void>;

const sqlite = () => lplate.core.services.sqlite;
/** Paid credit packs with every hour unused, newest first (or oldest first: their funds long available in Stripe). */
const packs = (order: 'DESC' | 'ASC' = 'DESC') =>
  sqlite()
    .prepare(
      `SELECT id, stripe_payment_intent_id AS pi, learner_id, instructor_id FROM payments
       WHERE status = 'succeeded' AND hours >= 5 AND amount_refunded_pence = 0
         AND NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.payment_id = payments.id)
       ORDER BY created_at ${order} LIMIT 2`,
    )
    .all() as { id: string; pi: string; learner_id: string; instructor_id: string }[];
const hoursRefunded = (learnerId: string, instructorId: string) =>
  sqlite()
    .prepare('SELECT hours_refunded FROM learner_credits WHERE learner_id = ? AND instructor_id = ?')
    .pluck()
    .get(learnerId, instructorId) as number;
const queue = () => page.getByRole('grid', { name: 'Refunds awaiting approval' });
/** Support's requests in the list of every refund: the demo has Dashboard refunds of the same amounts. */
const requested = () =>
  page.getByRole('grid', { name: 'All refunds' }).getByRole('row').filter({ hasText: 'Sam Support' });

/** Support asks for 3 hours of a payment from its drawer; returns the amount the form offered. */
async function requestFromDrawer(paymentId: string, note: string): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/payments?id=${paymentId}`);
  await page.getByRole('button', { name: 'Request a refund' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a refund' });
  await expect.poll(() => dialog.getByText('refundable now').count(), { timeout: 15_000 }).toBe(1);
  const hours = dialog.getByLabel('Hours to refund');
  await hours.selectOption('3');
  const amount = /£[\d,]+\.\d\d/.exec((await hours.locator('option:checked').textContent()) ?? '')![0];
  await dialog.getByLabel(/^Note/).fill(note);
  await screenshot(page, `refunds-request-${note.split(' ')[0]!.toLowerCase()}`);
  await dialog.getByRole('button', { name: `Request ${amount} refund` }).click();
  await expect
    .poll(() => page.getByText(/^Refund of £[\d,.]+ requested/).count(), { timeout: 15_000 })
    .toBe(1);
  return amount;
}

async function approveAsFinance(amount: string, beforeConfirm = () => {}) {
  await nav('Refunds');
  const row = queue().getByRole('row').filter({ hasText: amount }).first();
  await row.getByRole('button', { name: 'Approve' }).click();
  const confirm = page.getByRole('dialog', { name: 'Approve this refund?' });
  expect(await confirm.innerText()).toMatch(
    new RegExp(`Refund ${amount.replace('.', '\\.')} \\(3 h\\) of payment`),
  );
  await screenshot(page, 'refunds-approve-confirm');
  beforeConfirm();
  await confirm.getByRole('button', { name: `Refund ${amount}` }).click();
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);
}

beforeAll(async () => {
  journey = await startJourney({ demo: true, demoCompletions: false });
  ({ lplate, page, errors } = journey);
  ({ signIn, signOut, nav } = demoOperatorSteps(journey));
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  await coverDemoRefunds(lplate);
});
afterAll(async () => {
  await journey?.close();
});

describe('refunds, in Chromium on the demo workspace', () => {
  it('support asks above the limit and cannot approve; finance approves; Stripe refunds it; both are audited', async () => {
    const [payment] = packs();
    const before = hoursRefunded(payment!.learner_id, payment!.instructor_id);
    await signIn('support');
    const amount = await requestFromDrawer(payment!.id, 'Learner passed their test early');
    await nav('Refunds');
    const mine = queue().getByRole('row').filter({ hasText: amount });
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(1);
    const approve = mine.getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await approve.getAttribute('title')).toMatch(
      /above the approval limit of £50\.00: someone in finance/,
    );
    await screenshot(page, 'refunds-queue-support');
    await signOut();

    await signIn('finance');
    await approveAsFinance(amount);
    const done = requested().filter({ hasText: amount }).filter({ hasText: 'Refunded' });
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    expect(await done.innerText()).toMatch(/Sam Support[\s\S]*Fran Finance/);
    await screenshot(page, 'refunds-page');
    expect(hoursRefunded(payment!.learner_id, payment!.instructor_id)).toBe(before + 3);

    const requestId = sqlite()
      .prepare('SELECT id FROM refund_requests WHERE payment_id = ?')
      .pluck()
      .get(payment!.id) as string;
    await page.goto(`${new URL(page.url()).origin}/#/audit?q=${requestId}`);
    const audit = page.getByRole('grid', { name: /audit/i });
    await expect.poll(() => audit.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const trail = await audit.innerText();
    expect(trail).toMatch(/Approved[\s\S]*Fran Finance|Fran Finance[\s\S]*Approved/);
    expect(trail).toMatch(/Requested[\s\S]*Sam Support|Sam Support[\s\S]*Requested/);
    // A pasted id is looked up in the audit log's id index, and the page says what such a search matches.
    await expect.poll(() => page.getByText(/Searching for an id/).count()).toBe(1);
    await screenshot(page, 'audit-id-search');
    await signOut();
  });

  it('says in plain words when Stripe refuses a refund because the payment was disputed', async () => {
    const [payment] = packs();
    const before = hoursRefunded(payment!.learner_id, payment!.instructor_id);
    await signIn('support');
    const amount = await requestFromDrawer(payment!.id, 'Duplicate booking');
    await signOut();
    await signIn('finance');
    // The learner's bank opens a chargeback while finance reads the confirmation: the console has not synced it.
    await approveAsFinance(amount, () => lplate.core.simulator!.control.openDispute(payment!.pi));
    const failed = requested().filter({ hasText: amount }).filter({ hasText: 'Failed' });
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    expect(await failed.innerText()).toMatch(/the learner disputed this payment.*Nothing was refunded/);
    await screenshot(page, 'refunds-refused');
    expect(hoursRefunded(payment!.learner_id, payment!.instructor_id)).toBe(before);
    // Once synced, the dispute is on the Refunds page with its evidence deadline.
    await lplate.core.sync.wait(lplate.core.sync.run('sync'));
    const disputes = page.getByRole('grid', { name: 'Disputes' });
    await expect.poll(() => disputes.getByText(/days left/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // At 1,440 px the table has no room for an evidence column: the status says the days left, the date on hover.
    expect(
      await disputes
        .getByText(/days left/)
        .first()
        .getAttribute('title'),
    ).toMatch(/^Needs response; evidence due by \d{1,2} \w{3} \d{4} \d{2}:\d{2}$/);
    await disputes.scrollIntoViewIfNeeded();
    // The dispute's own Stripe Dashboard page is where its evidence is submitted.
    const disputeLink = disputes.getByRole('link', { name: /^Open dispute d[pu]_\S+ in Stripe$/ }).first();
    expect(await disputeLink.getAttribute('href')).toMatch(
      /^https:\/\/dashboard\.stripe\.com\/test\/disputes\/d[pu]_/,
    );
    await screenshot(page, 'refunds-disputes');
    expect(errors).toEqual([]);
  });

  it('says a refund waits in Stripe for funds when a payout has just emptied the balance', async () => {
    const [payment] = packs('ASC');
    await signOut();
    await signIn('support');
    const amount = await requestFromDrawer(payment!.id, 'Instructor unavailable');
    await signOut();
    await signIn('finance');
    // The platform's automatic payout takes its whole available balance while finance reads the confirmation.
    const control = lplate.core.simulator!.control;
    let payout: ReturnType<typeof control.createPayout> = null;
    await approveAsFinance(amount, () => {
      payout = control.createPayout();
      expect(payout).not.toBeNull();
    });
    await lplate.core.sync.wait(lplate.core.sync.run('sync'));
    const waiting = requested().filter({ hasText: amount }).filter({ hasText: 'Pending in Stripe' });
    await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBe(1);
    expect(await waiting.innerText()).toMatch(/Waiting in Stripe for funds/);
    // In amber, as a wait, not in the red of a refund that went wrong.
    expect(await waiting.locator('.refund-problem--waiting').count()).toBe(1);
    await screenshot(page, 'refunds-waiting-for-funds');
    // The Overview asks for funds until Stripe pays it.
    await nav('Overview');
    const asks = page.getByText('Refunds waiting in Stripe for funds');
    await expect.poll(() => asks.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText(`${amount} to `).first().innerText()).toMatch(/is not repaid yet/);
    await screenshot(page, 'overview-refund-waiting-for-funds');
    // The Stripe balance card explains its difference from the ledger in amber, and no red alert is raised for it.
    const balance = page.getByRole('article', { name: 'Stripe balance' });
    expect((await balance.locator('.badge--amber').textContent())?.replace(/\s+/g, ' ')).toBe(
      `Matches once Stripe pays ${amount} of refunds`,
    );
    expect(await page.getByText('Ledger and Stripe differ').count()).toBe(0);
    await balance.scrollIntoViewIfNeeded();
    await screenshot(page, 'overview-stripe-balance-refund-not-paid');
    // The payout fails, its money comes back, Stripe pays the refund: the card matches again, live.
    control.failPayout(payout!.id);
    control.advance(1);
    await lplate.core.sync.wait(lplate.core.sync.run('sync'));
    await expect
      .poll(() => balance.locator('.badge').textContent(), { timeout: 15_000 })
      .toBe('Matches ledger');
    // The Overview's asks are a query of their own, refreshed by the same live update but not with the card.
    await expect.poll(() => asks.count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
  });
});
