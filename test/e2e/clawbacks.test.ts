// Refunding used hours in Chromium on the demo workspace (issue 10, "Clawbacks"): after a Friday run paid an
// instructor, finance asks from the payment's drawer for a refund that takes hours already used in lessons — the form
// says the instructor was paid and their transfer will be reversed — a manager approves it, Stripe refunds the learner
// and reverses the instructor's share, and the instructor's next statement shows the reversal. Then finance asks for
// an amount that reaches into a used hour, Stripe refuses the reversal, and the manager finds the deduction in the
// Refunds page's Clawbacks section and waives it after a confirmation with a note.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatPence } from '../../src/shared/money';
import { remittanceCsv, remittanceHtml, statementFor } from '../../src/main/payouts/remittance';
import { contractCaller, jobEnded } from '../integration/sync/harness';
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
const sqlite = () => lplate.core.services.sqlite;
/** Setup the journey is not about, as the demo's finance operator through the contract. */
const setup = <M extends Parameters<ReturnType<typeof contractCaller>>[1]>(
  method: M,
  input: Parameters<ReturnType<typeof contractCaller>>[2] & object,
) => contractCaller(lplate.core)('setup', method, input as never);

/** Prepares and executes a Friday's run (as finance through the contract) and syncs. */
async function payFriday(date: string) {
  const { run } = (await setup('payouts.prepare', { date })) as {
    run: { id: string; totalPence: number; ready: number };
  };
  const executed = (await setup('payouts.execute', {
    runId: run.id,
    totalPence: run.totalPence,
    count: run.ready,
  })) as {
    run: { jobId: string | null };
  };
  if (executed.run.jobId) await jobEnded(lplate.core, executed.run.jobId, 'setup');
  await lplate.core.sync.wait(lplate.core.sync.run('sync'));
}

let friday: string;
const nextWeek = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  steps = demoOperatorSteps(journey);
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  await fundDemoPlatform(lplate);
  const r = await lplate.core.dispatcher.call('setup', 'auth.signIn', {
    username: 'finance',
    password: 'demo-finance-pass',
  });
  expect(r.ok).toBe(true);
  friday = ((await setup('payouts.preview', {})) as { date: string }).date;
  await payFriday(friday);
});
afterAll(async () => {
  await journey?.close();
});

/** A payment whose every lesson the run paid, of an instructor with another learner's unused hours. */
function paidPayment() {
  return sqlite()
    .prepare(
      `SELECT p.id, p.instructor_id AS instructorId FROM payments p
       WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0
         AND EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id AND e.status <> 'paid')
         AND EXISTS (SELECT 1 FROM learner_credits c WHERE c.instructor_id = p.instructor_id
                       AND c.hours_purchased - c.hours_used - c.hours_refunded >= 1)
       ORDER BY p.created_at DESC LIMIT 1`,
    )
    .get() as { id: string; instructorId: string };
}

describe('refunding used hours, in Chromium on the demo workspace', () => {
  it('finance refunds used hours after the instructor was paid; the transfer reversal is on their next statement', async () => {
    const payment = paidPayment();
    expect(payment).toBeDefined();
    await steps.signIn('finance');
    await page.goto(`${new URL(page.url()).origin}/#/payments?id=${payment.id}`);
    await page.getByRole('button', { name: 'Request a refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request a refund' });
    await expect.poll(() => dialog.getByText('refundable now').count(), { timeout: 15_000 }).toBe(1);
    expect(await dialog.innerText()).toMatch(
      /already paid to the instructor; refunding used hours claws their share back/,
    );
    const hours = dialog.getByLabel('Hours to refund');
    const option = hours.locator('option').filter({ hasText: 'used in lessons' }).first();
    await hours.selectOption((await option.getAttribute('value'))!);
    const amount = /£[\d,]+\.\d\d/.exec((await option.textContent()) ?? '')![0];
    expect(await dialog.innerText()).toMatch(
      /clawed back from the instructor — they were paid for these hours already, so their transfer is reversed in Stripe/,
    );
    // The note names this request's row in the approval queue, whatever else waits there.
    const note = 'Instructor did not turn up; lesson recorded by mistake';
    await dialog.getByLabel(/^Note/).fill(note);
    await screenshot(page, 'clawbacks-request');
    await dialog.getByRole('button', { name: `Request ${amount} refund` }).click();
    await expect
      .poll(() => page.getByText(/^Refund of £[\d,.]+ requested/).count(), { timeout: 15_000 })
      .toBe(1);
    await steps.signOut();

    await steps.signIn('manager');
    await steps.nav('Refunds');
    const row = page
      .getByRole('grid', { name: 'Refunds awaiting approval' })
      .getByRole('row')
      .filter({ hasText: note });
    expect(await row.innerText()).toMatch(/used\)/);
    await row.getByRole('button', { name: 'Approve' }).click();
    const confirm = page.getByRole('dialog', { name: 'Approve this refund?' });
    expect(await confirm.innerText()).toMatch(/used in lessons: .*share of those is clawed back/);
    await confirm.getByRole('button', { name: `Refund ${amount}` }).click();
    // Named by who asked: the demo has Dashboard refunds of the same hour's price, and the grid shows no note.
    const done = page
      .getByRole('grid', { name: 'All refunds' })
      .getByRole('row')
      .filter({ hasText: 'Fran Finance' })
      .filter({ hasText: amount })
      .filter({ hasText: 'Refunded' });
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'clawbacks-refunded');
    const recovered = () =>
      sqlite()
        .prepare(
          `SELECT c.stripe_transfer_id FROM clawbacks c JOIN refund_requests r ON r.id = c.source_ref
           WHERE r.payment_id = ? AND c.method = 'reversal' AND c.status = 'recovered'`,
        )
        .pluck()
        .get(payment.id) as string | undefined;
    await expect.poll(recovered, { timeout: 30_000 }).toBeDefined();

    // A lesson after the run, then the next Friday's run: the instructor's next statement shows the reversal.
    const learnerId = sqlite()
      .prepare(
        `SELECT learner_id FROM learner_credits WHERE instructor_id = ? AND hours_purchased - hours_used - hours_refunded >= 1
         ORDER BY learner_id LIMIT 1`,
      )
      .pluck()
      .get(payment.instructorId) as string;
    await setup('completions.record', {
      id: randomUUID(),
      learnerId,
      instructorId: payment.instructorId,
      hours: 1,
      completedAt: lplate.core.services.clock.now() - 86_400_000,
      note: 'Lesson given after the run',
    });
    await payFriday(nextWeek(friday));
    const payoutId = sqlite()
      .prepare(
        `SELECT i.id FROM payout_run_items i JOIN payout_runs r ON r.id = i.run_id JOIN payouts p ON p.id = i.id
         WHERE r.payout_date = ? AND i.instructor_id = ? AND p.status = 'paid'`,
      )
      .pluck()
      .get(nextWeek(friday), payment.instructorId) as string;
    expect(payoutId).toBeDefined();
    expect(remittanceCsv(sqlite(), payoutId).csv).toContain(`Reversed from ${recovered()}`);
    const statement = await page.context().newPage();
    await statement.setContent(remittanceHtml(statementFor(sqlite(), payoutId)));
    expect(await statement.innerText('body')).toMatch(
      /Taken back from your Stripe balance \(reversal of tr_/,
    );
    await screenshot(statement, 'clawbacks-statement');
    await statement.close();
    expect(errors).toEqual([]);
  });

  it('finance asks for an amount into a used hour; the refused reversal is a deduction the manager waives on the Clawbacks section', async () => {
    const payment = paidPayment();
    expect(payment).toBeDefined();
    const quote = (await setup('refunds.quote', { paymentId: payment.id })) as {
      options: { hours: number; amountPence: number; usedHours: number }[];
    };
    const firstUsed = quote.options.find((o) => o.usedHours > 0)!;
    // A penny under the hours' share: the same hours go back, the learner gives that penny up.
    const pence = firstUsed.amountPence - 1;
    const typed = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
    const amount = formatPence(pence);
    await steps.signOut();
    await steps.signIn('finance');
    await page.goto(`${new URL(page.url()).origin}/#/payments?id=${payment.id}`);
    await page.getByRole('button', { name: 'Request a refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request a refund' });
    await expect.poll(() => dialog.getByText('refundable now').count(), { timeout: 15_000 }).toBe(1);
    await dialog.getByLabel('An amount').check();
    const field = dialog.getByLabel('Amount to refund (£)');
    await field.fill('12.345');
    expect(await dialog.innerText()).toMatch(/Enter an amount in pounds, such as 80\.00/);
    await field.fill('999999');
    expect(await dialog.innerText()).toMatch(/At most £[\d,]+\.\d\d can be refunded now/);
    await field.fill(typed);
    expect(await dialog.innerText()).toMatch(
      new RegExp(
        `${amount.replace('.', '\\.')} takes back ${firstUsed.hours} h from the learner’s credits .*the learner gives up £0\\.01`,
      ),
    );
    expect(await dialog.innerText()).toMatch(/clawed back from the instructor/);
    const note = 'Lesson cut short; refund agreed with the learner';
    await dialog.getByLabel(/^Note/).fill(note);
    await screenshot(page, 'clawbacks-request-amount');
    await dialog.getByRole('button', { name: `Request ${amount} refund` }).click();
    await expect
      .poll(() => page.getByText(/^Refund of £[\d,.]+ requested/).count(), { timeout: 15_000 })
      .toBe(1);
    await steps.signOut();

    // The instructor's Stripe balance is too low for the reversal: it becomes a deduction from the next run.
    lplate.core.simulator!.control.failNextReversal();
    await steps.signIn('manager');
    await steps.nav('Refunds');
    const row = page
      .getByRole('grid', { name: 'Refunds awaiting approval' })
      .getByRole('row')
      .filter({ hasText: note });
    await row.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('dialog', { name: 'Approve this refund?' })
      .getByRole('button', { name: `Refund ${amount}` })
      .click();
    const clawbacks = page.getByRole('grid', { name: 'Clawbacks' });
    const deduction = clawbacks.getByRole('row').filter({ hasText: 'Deduction from the next run' });
    await expect.poll(() => deduction.count(), { timeout: 30_000 }).toBe(1);
    expect(await deduction.innerText()).toMatch(/Refund of used hours/);
    const reversed = clawbacks.getByRole('row').filter({ hasText: 'Transfer reversed' }).first();
    expect(await reversed.getByRole('button', { name: 'Waive' }).isDisabled()).toBe(true);
    await clawbacks.scrollIntoViewIfNeeded();
    await screenshot(page, 'clawbacks-section');
    await deduction.getByRole('button', { name: 'Waive' }).click();
    const confirm = page.getByRole('dialog', { name: 'Waive this clawback?' });
    expect(await confirm.innerText()).toMatch(/no longer deducted from their next payout run/);
    const waive = confirm.getByRole('button', { name: /^Waive £/ });
    await waive.click();
    expect(await confirm.innerText()).toMatch(/Say why the instructor keeps it/);
    await confirm.getByLabel(/^Why/).fill('Lesson was given in full; the platform bears it');
    await screenshot(page, 'clawbacks-waive-confirm');
    await waive.click();
    const waived = clawbacks.getByRole('row').filter({ hasText: 'by Morgan Manager' });
    await expect.poll(() => waived.count(), { timeout: 15_000 }).toBe(1);
    expect(await waived.innerText()).toMatch(/Waived/);
    await screenshot(page, 'clawbacks-waived');
    // Filtered to the outstanding ones, nothing is left: the empty state says so.
    await page
      .getByRole('group', { name: 'Clawback filters' })
      .getByLabel('State')
      .selectOption('outstanding');
    await expect
      .poll(() => page.getByText('No clawbacks match these filters').count(), { timeout: 15_000 })
      .toBe(1);
    expect(errors).toEqual([]);
  });
});
