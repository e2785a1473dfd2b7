// One workspace for the team (issue 16), in Chromium: a team server over HTTPS and three operators at three desks
// (three browser profiles). What one desk changes appears on the others without a reload; a refund support raises at
// one desk is approved by finance at another and executed; the audit log names both; next Friday's run, prepared by
// the server's payout schedule at the time an admin set, appears on finance's open Payouts page at another desk and
// finance approves and executes it; an admin sees every session and ends one, and that desk is signed out at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importDemoCompletions } from '../../src/main/demo/workspace';
import { readState } from '../../src/main/sync/state';
import { fridayOnOrAfter, londonWallClock, weekday } from '../../src/shared/dates';
import {
  coverDemoRefunds,
  demoOperatorSteps,
  fundDemoPlatform,
  launchBrowser,
  screenshot,
  startConsole,
  watchPageErrors,
  type Console,
} from './harness';

interface Desk {
  page: Page;
  errors: string[];
  steps: ReturnType<typeof demoOperatorSteps>;
  close(): Promise<void>;
}

let lplate: Console;
const desks: Desk[] = [];

async function openDesk(): Promise<Desk> {
  const browser = await launchBrowser({ trustAnyCertificate: true });
  const page = await browser.context.newPage();
  const desk = {
    page,
    errors: watchPageErrors(page),
    steps: demoOperatorSteps({ page, lplate }),
    close: browser.close,
  };
  desks.push(desk);
  return desk;
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Discount codes' });
const row = (page: Page, code: string) => grid(page).getByRole('row').filter({ hasText: code });
const CODE = 'TEAM-SPRING';

let finance: Desk;
let manager: Desk;
let support: Desk;

/** A paid credit pack with every hour unused, not yet asked to be refunded. */
const unusedPack = () =>
  lplate.core.services.sqlite
    .prepare(
      `SELECT id FROM payments WHERE status = 'succeeded' AND hours >= 5 AND amount_refunded_pence = 0
         AND NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.payment_id = payments.id)
       ORDER BY created_at DESC LIMIT 1`,
    )
    .pluck()
    .get() as string;

/**
 * A firing time for the schedule that is due now or within the minute: the latest minute not before the schedule
 * armed (its first look when the server started; firings before it are never its to make) nor after now.
 */
function nextFiring(): number {
  const { armedAt } = readState(lplate.core.services.sqlite, 'payout_schedule')!;
  const minute = 60_000;
  return Math.max(Math.ceil(armedAt / minute), Math.floor(Date.now() / minute)) * minute;
}

beforeAll(async () => {
  lplate = await startConsole({ demo: true, demoCompletions: false, team: true });
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
  await coverDemoRefunds(lplate);
  [finance, manager, support] = [await openDesk(), await openDesk(), await openDesk()];
});
afterAll(async () => {
  for (const desk of desks) await desk.close();
  await lplate?.close();
});

describe('a team workspace, three desks in Chromium', () => {
  it('serves the console over HTTPS with no token in its address', () => {
    expect(lplate.host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(lplate.host.openUrl).toBe(lplate.host.url);
    expect(lplate.host.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('shows the code finance creates at one desk on the manager’s open Codes page, without a reload', async () => {
    await manager.steps.signIn('manager');
    await manager.steps.nav('Codes');
    await expect.poll(() => row(manager.page, 'WELCOME10').count(), { timeout: 15_000 }).toBe(1);
    const navigations: string[] = [];
    manager.page.on('framenavigated', (frame) => navigations.push(frame.url()));

    await finance.steps.signIn('finance');
    await finance.steps.nav('Codes');
    await finance.page.getByRole('button', { name: 'New code' }).click();
    const dialog = finance.page.getByRole('dialog', { name: 'New code' });
    await dialog.getByLabel('Code').fill(CODE);
    await dialog.getByLabel('Percentage off').fill('12');
    await dialog.getByLabel('Max uses').fill('40');
    await dialog.getByLabel('Max uses').press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => row(manager.page, CODE).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(manager.page, CODE).innerText(), { timeout: 30_000 }).toContain('In Stripe');
    expect(await row(manager.page, CODE).innerText()).toContain('Fran Finance');
    expect(navigations).toEqual([]);
    await screenshot(manager.page, 'team-manager-sees-new-code');
  });

  it('shows the manager’s deactivation on the finance desk, and the audit log names both operators', async () => {
    await row(manager.page, CODE).click();
    const drawer = manager.page.getByRole('complementary', { name: CODE });
    await drawer.getByRole('button', { name: 'Deactivate' }).click();
    const confirm = manager.page.getByRole('dialog', { name: `Deactivate ${CODE}?` });
    await confirm.getByLabel('Why (optional, kept in the audit log)').fill('Team test');
    await confirm.getByRole('button', { name: 'Deactivate code' }).click();
    await expect
      .poll(() => row(finance.page, CODE).innerText(), { timeout: 15_000 })
      .toContain('Deactivated');
    await manager.page.keyboard.press('Escape');

    await manager.page.goto(`${lplate.host.url}/#/audit?entity=discount_code`);
    const log = manager.page.getByRole('grid', { name: 'Audit log' });
    await expect.poll(() => log.innerText(), { timeout: 15_000 }).toContain('Morgan Manager');
    expect(await log.innerText()).toContain('Fran Finance');
    await screenshot(manager.page, 'team-audit-both-operators');
  });

  it('shows finance a refund support raised at another desk, without a reload; finance approves it, Stripe refunds it, the audit names both', async () => {
    await finance.steps.nav('Refunds');
    const queue = finance.page.getByRole('grid', { name: 'Refunds awaiting approval' });
    await expect.poll(() => queue.count(), { timeout: 15_000 }).toBe(1);
    const navigations: string[] = [];
    finance.page.on('framenavigated', (frame) => navigations.push(frame.url()));

    const paymentId = unusedPack();
    await support.steps.signIn('support');
    await support.page.goto(`${lplate.host.url}/#/payments?id=${paymentId}`);
    await support.page.getByRole('button', { name: 'Request a refund' }).click();
    const dialog = support.page.getByRole('dialog', { name: 'Request a refund' });
    await expect.poll(() => dialog.getByText('refundable now').count(), { timeout: 15_000 }).toBe(1);
    const hours = dialog.getByLabel('Hours to refund');
    await hours.selectOption('3');
    const amount = /£[\d,]+\.\d\d/.exec((await hours.locator('option:checked').textContent()) ?? '')![0];
    await dialog.getByLabel(/^Note/).fill('Asked at the support desk');
    await dialog.getByRole('button', { name: `Request ${amount} refund` }).click();
    await expect
      .poll(() => support.page.getByText(/^Refund of £[\d,.]+ requested/).count(), { timeout: 15_000 })
      .toBe(1);

    const row = queue.getByRole('row').filter({ hasText: amount }).first();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(finance.page, 'team-finance-sees-refund-request');
    await row.getByRole('button', { name: 'Approve' }).click();
    const confirm = finance.page.getByRole('dialog', { name: 'Approve this refund?' });
    await confirm.getByRole('button', { name: `Refund ${amount}` }).click();
    const done = finance.page
      .getByRole('grid', { name: 'All refunds' })
      .getByRole('row')
      .filter({ hasText: 'Sam Support' })
      .filter({ hasText: amount })
      .filter({ hasText: 'Refunded' });
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    expect(await done.innerText()).toMatch(/Sam Support[\s\S]*Fran Finance/);
    expect(navigations).toEqual([]);

    const requestId = lplate.core.services.sqlite
      .prepare('SELECT id FROM refund_requests WHERE payment_id = ?')
      .pluck()
      .get(paymentId) as string;
    await manager.page.goto(`${lplate.host.url}/#/audit?q=${requestId}`);
    const audit = manager.page.getByRole('grid', { name: /audit/i });
    const names = async () => (await audit.innerText()).match(/Sam Support|Fran Finance/g)?.sort() ?? [];
    await expect.poll(async () => new Set(await names()).size, { timeout: 30_000 }).toBe(2);
    await screenshot(manager.page, 'team-refund-audit');
  });

  it('prepares next Friday’s run on the server’s schedule; finance sees it appear at another desk, without a reload, and pays it; the audit names the schedule and finance', async () => {
    // Setup the journey is not about: a platform balance that covers the run, and the lessons instructors taught.
    await fundDemoPlatform(lplate);
    expect(importDemoCompletions(lplate.core)?.recorded).toBeGreaterThan(0);

    await finance.steps.nav('Payouts');
    const runs = finance.page.getByRole('table', { name: 'Payout runs' });
    await expect.poll(() => runs.innerText(), { timeout: 15_000 }).toContain('No payout runs yet');
    const navigations: string[] = [];
    finance.page.on('framenavigated', (frame) => navigations.push(frame.url()));

    const at = nextFiring();
    const slot = londonWallClock(at);
    await manager.steps.signOut();
    await manager.steps.signIn('admin');
    await manager.steps.nav('Settings');
    const form = manager.page.getByRole('form', { name: 'Change the payout schedule' });
    await form.getByLabel('Day', { exact: true }).selectOption(String(weekday(slot.date)));
    await form.getByLabel('Time (UK, 24-hour)').fill(slot.time);
    await form.getByRole('button', { name: 'Save payout schedule' }).click();
    await expect
      .poll(() => manager.page.getByText(/^Payout schedule saved/).count(), { timeout: 15_000 })
      .toBe(1);

    // The tick the server's timer makes each minute, made once the firing is due rather than waiting up to a minute
    // for the timer (which may fire it first: either way it is one firing, recorded once).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now() + 100)));
    lplate.core.schedule.tick();
    const firing = readState(lplate.core.services.sqlite, 'payout_schedule')!.last!;
    expect(firing).toMatchObject({ outcome: 'prepared', friday: fridayOnOrAfter(slot.date) });

    const panel = finance.page.getByText(/^Prepared by the schedule/);
    await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(1);
    expect(await runs.innerText()).toMatch(/Prepared by[\s\S]*the schedule/);
    await screenshot(finance.page, 'team-finance-sees-scheduled-run');

    await finance.page.getByRole('button', { name: 'Approve and execute…' }).click();
    const confirm = finance.page.getByRole('dialog', { name: /^Pay instructors for Fri / });
    await confirm.getByLabel('I understand this cannot be undone').check();
    await confirm.getByRole('button', { name: /^Transfer £/ }).click();
    const results = finance.page.getByRole('table', { name: 'Run results' });
    await expect.poll(() => results.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => /Sending/.test(await results.innerText()), { timeout: 60_000 }).toBe(false);
    expect(await results.innerText()).toMatch(/Paid/);
    expect(await results.innerText()).not.toMatch(/Failed/);
    const paid = lplate.core.services.sqlite
      .prepare(
        `SELECT r.ready_count AS ready, COUNT(p.id) AS paid, r.source
           FROM payout_runs r JOIN payout_run_items i ON i.run_id = r.id LEFT JOIN payouts p ON p.id = i.id AND p.status = 'paid'
         WHERE r.id = ? GROUP BY r.id`,
      )
      .get(firing.runId) as { ready: number; paid: number; source: string };
    expect(paid.source).toBe('schedule');
    expect(paid.paid).toBe(paid.ready);
    expect(paid.ready).toBeGreaterThan(0);
    await expect.poll(() => runs.innerText(), { timeout: 15_000 }).toMatch(/the schedule\s+Fran Finance/);
    expect(navigations).toEqual([]);
    await screenshot(finance.page, 'team-scheduled-run-paid');

    await manager.page.goto(`${lplate.host.url}/#/audit?q=${firing.runId}`);
    const audit = manager.page.getByRole('grid', { name: /audit/i });
    await expect.poll(() => audit.innerText(), { timeout: 15_000 }).toMatch(/Fran Finance[\s\S]*Executed/);
    expect(await audit.innerText()).toMatch(/\sSystem\s+Schedule fired[\s\S]*Prepared/);
    await screenshot(manager.page, 'team-scheduled-run-audit');
  });

  it('lets an admin see who is signed in from where, and end a session: that desk is signed out at once', async () => {
    await manager.steps.nav('Settings');
    const sessions = manager.page.getByRole('table', { name: 'Signed-in sessions' });
    await expect.poll(() => sessions.innerText(), { timeout: 15_000 }).toContain('Fran Finance');
    expect(await sessions.innerText()).toMatch(/127\.0\.0\.1 · Chrome \d+/);
    const health = manager.page.getByRole('definition').filter({ hasText: lplate.host.fingerprint! });
    expect(await health.count()).toBe(1);
    await screenshot(manager.page, 'team-sessions');

    await sessions.getByRole('button', { name: /End Fran Finance's session/ }).click();
    const confirm = manager.page.getByRole('dialog', { name: 'End this session' });
    await confirm.getByRole('button', { name: 'End session' }).click();
    await expect.poll(() => sessions.innerText(), { timeout: 15_000 }).not.toContain('Fran Finance');

    await expect.poll(() => finance.page.getByLabel('Username').count(), { timeout: 15_000 }).toBe(1);
    expect(await finance.page.locator('body').innerText()).toContain(
      'Alex Admin (admin) ended your session.',
    );
    await screenshot(finance.page, 'team-session-ended');
  });

  it('ran without page errors or CSP violations at either desk', () => {
    expect(desks.flatMap((d) => d.errors)).toEqual([]);
  });
});
