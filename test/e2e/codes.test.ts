// Codes in Chromium on the demo workspace (issue 11, "Done when"): finance creates a code and generates ten (and
// downloads their CSV file), a manager deactivates one, support can look but not change; Stripe (the simulator) has
// the promotion codes; a payment with a code shows in its usage after sync; the audit log shows every change.
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, formatUkDate, londonDate } from '../../src/shared/dates';
import { formatPence } from '../../src/shared/money';
import { payLesson } from '../fixtures/lesson-payment';
import { demoOperatorSteps, screenshot, startJourney, type Console, type Journey } from './harness';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];
let stripe: Stripe;

/** Waits: three times what these steps take on this machine (a write job: ~1 s; a sync pass: ~2 s). */
const STRIPE_WAIT = 30_000;

const CODE = 'E2E-SPRING';
const EXPIRES = addDays(londonDate(Date.now()), 90);
let generated: string[] = [];

let signIn: (username: string) => Promise<void>;
let signOut: () => Promise<void>;
let nav: (name: string) => Promise<void>;
const grid = () => page.getByRole('grid', { name: 'Discount codes' });
const row = (code: string) => grid().getByRole('row').filter({ hasText: code });
const drawer = (code: string) => page.getByRole('complementary', { name: code });

/** Calls a contract method from inside the page, with the tab's own token and connection. */
function callFromPage(method: string, input: unknown) {
  return page.evaluate(
    async ([m, i]) => {
      const store = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } })
        .sessionStorage;
      const res = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${store.getItem('lplate.token')}`,
          'X-LPlate-Connection': store.getItem('lplate.connection') ?? '',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ input: i }),
      });
      return res.json() as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    },
    [method, input] as const,
  );
}

/** The simulator's promotion codes with this text, over HTTP with the Stripe SDK (as the marketplace sees them). */
async function promotionCodes(code: string) {
  const list = await stripe.promotionCodes.list({ code, limit: 10 });
  return list.data;
}

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  ({ lplate, page, errors } = journey);
  ({ signIn, signOut, nav } = demoOperatorSteps(journey));
  const sim = lplate.core.simulator!;
  stripe = new Stripe('sk_test_marketplace', { host: '127.0.0.1', port: sim.port, protocol: 'http' });
  // The first backfill runs in the background; these journeys start once it is in.
  const first = lplate.core.sync.job();
  if (first) await lplate.core.sync.wait(first.jobId);
});
afterAll(() => journey?.close());

describe('codes, in Chromium on the demo workspace', () => {
  it('lists the demo’s codes with their Stripe state, revenue and who made them', async () => {
    await signIn('finance');
    await nav('Codes');
    await expect.poll(() => row('WELCOME10').count(), { timeout: 15_000 }).toBe(1);
    const welcome = await row('WELCOME10').innerText();
    expect(welcome).toContain('Made in Stripe');
    expect(welcome).toMatch(/£[\d,]+\.\d\d/);
    expect(await page.getByRole('button', { name: 'New code' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Generate codes' }).count()).toBe(1);
    await screenshot(page, 'codes-page');
    // A code made in Stripe says so, and finance may take it over.
    await row('WELCOME10').click();
    const welcomeDrawer = drawer('WELCOME10');
    await expect.poll(() => welcomeDrawer.innerText(), { timeout: 15_000 }).toContain('Made in Stripe.');
    expect(await welcomeDrawer.getByRole('button', { name: 'Take over' }).count()).toBe(1);
    await screenshot(page, 'code-drawer-stripe-only');
    await page.keyboard.press('Escape');
    await expect.poll(() => welcomeDrawer.count()).toBe(0);
  });

  it('finance creates a code: checked as typed, sent to Stripe, shown in step', async () => {
    await page.getByRole('button', { name: 'New code' }).click();
    const dialog = page.getByRole('dialog', { name: 'New code' });
    await dialog.getByLabel('Code').fill('e2e spring');
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toContain('only letters A–Z, digits and dashes');
    await dialog.getByLabel('Code').fill(CODE.toLowerCase());
    await dialog.getByLabel('Percentage off').fill('15');
    await dialog.getByLabel('Max uses').fill('50');
    await dialog.getByLabel('Expires after').fill(formatUkDate(EXPIRES));
    await dialog.getByLabel('Note (optional, kept in the audit log)').fill('Spring campaign');
    await screenshot(page, 'code-new-dialog');
    // Enter submits the dialog.
    await dialog.getByLabel('Max uses').press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => row(CODE).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(CODE).innerText(), { timeout: STRIPE_WAIT }).toContain('In Stripe');
    expect(await row(CODE).innerText()).toContain('0 / 50');
    expect(await row(CODE).innerText()).toContain('Fran Finance');

    const promos = await promotionCodes(CODE);
    expect(promos).toHaveLength(1);
    expect(promos[0]).toMatchObject({ code: CODE, active: true, max_redemptions: 50 });
    expect(promos[0]!.expires_at).not.toBeNull();
    await page.keyboard.press('Escape');
  });

  it('refuses the same code in another case, against the field', async () => {
    await page.getByRole('button', { name: 'New code' }).click();
    const dialog = page.getByRole('dialog', { name: 'New code' });
    await dialog.getByLabel('Code').fill('e2e-Spring');
    await dialog.getByRole('button', { name: 'Create code' }).click();
    await expect.poll(() => dialog.innerText(), { timeout: 15_000 }).toContain('already exists');
    expect(await dialog.getByLabel('Code').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('finance generates ten codes, downloads their CSV file, and Stripe gets all ten', async () => {
    await page.getByRole('button', { name: 'Generate codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate codes' });
    await dialog.getByLabel('Prefix').fill('e2e');
    await dialog.getByLabel('How many').fill('10');
    await dialog.getByLabel('Percentage off').fill('20');
    await dialog.getByLabel('Max uses of each').fill('1');
    await dialog.getByRole('button', { name: 'Review' }).click();
    await expect.poll(() => dialog.innerText()).toContain(`Create 10 codes like E2E-XXXXXX at 20% in Stripe`);
    await screenshot(page, 'codes-generate-confirm');
    await dialog.getByRole('button', { name: 'Create 10 codes' }).click();

    const done = page.getByRole('dialog', { name: 'Codes generated' });
    await expect.poll(() => done.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => done.innerText(), { timeout: STRIPE_WAIT }).toMatch(/Done/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      done.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(11);
    generated = lines.slice(1).map((l) => l.split(',')[0]!);
    for (const code of generated) expect(code).toMatch(/^E2E-[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(new Set(generated).size).toBe(10);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await screenshot(page, 'codes-generate-done');
    await done.getByRole('button', { name: 'Close', exact: true }).click();

    for (const code of generated) {
      const promos = await promotionCodes(code);
      expect(promos.map((p) => [p.code, p.active, p.max_redemptions])).toEqual([[code, true, 1]]);
    }
    await expect.poll(() => row(generated[0]!).innerText(), { timeout: STRIPE_WAIT }).toContain('In Stripe');
  });

  it('shows a payment made with the code in its usage after sync', async () => {
    const sim = lplate.core.simulator!;
    const instructor = sim.scenario!.instructors[0]!;
    const learner = sim.scenario!.learners[1]!;
    const { paid: amount, discount } = await payLesson(stripe, learner, instructor, {
      text: CODE,
      pct: 15,
      kind: 'discount',
    });
    const pass = lplate.core.sync.run('sync');
    await lplate.core.sync.wait(pass);

    await expect.poll(() => row(CODE).innerText(), { timeout: STRIPE_WAIT }).toContain('1 / 50');
    expect(await row(CODE).innerText()).toContain(formatPence(amount));
    await row(CODE).click();
    const d = drawer(CODE);
    await expect.poll(() => d.getByRole('region', { name: 'Money' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => d.getByRole('img', { name: /E2E-SPRING: 1 use over 1 week/ }).count()).toBe(1);
    const money = await d.getByRole('table', { name: 'What the code brought in and cost' }).innerText();
    expect(money).toContain(formatPence(amount));
    expect(money).toContain(formatPence(discount));
    expect(await d.innerText()).toContain('Stripe counted 1');
    await screenshot(page, 'code-drawer');
    await page.keyboard.press('Escape');
  });

  it('a manager deactivates one of the codes: at once in the console, then in Stripe', async () => {
    await signOut();
    await signIn('manager');
    await nav('Codes');
    const target = generated[0]!;
    await expect.poll(() => row(target).count(), { timeout: 15_000 }).toBe(1);
    await row(target).click();
    await drawer(target).getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${target}?` });
    expect(await dialog.innerText()).toContain('from now on learners cannot use it at checkout');
    await dialog.getByLabel('Why (optional, kept in the audit log)').fill('Printed on the wrong flyer');
    await screenshot(page, 'code-deactivate-confirm');
    await dialog.getByRole('button', { name: 'Deactivate code' }).click();
    await expect.poll(() => row(target).innerText(), { timeout: 15_000 }).toContain('Deactivated');
    await expect.poll(() => row(target).innerText(), { timeout: STRIPE_WAIT }).toContain('In Stripe');
    expect((await promotionCodes(target)).map((p) => p.active)).toEqual([false]);
    await expect
      .poll(() => drawer(target).getByRole('region', { name: 'Changes sent to Stripe' }).innerText(), {
        timeout: STRIPE_WAIT,
      })
      .toMatch(/Done/);
    expect(await drawer(target).getByRole('button', { name: 'Reactivate' }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('shows the referral codes with their referrers, and the referrers ranked by referred learners', async () => {
    await page.getByRole('tab', { name: 'Referral codes' }).click();
    const referral = page.getByRole('grid', { name: 'Referral codes' });
    await expect.poll(() => referral.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(await referral.innerText()).toContain('REF-');
    await screenshot(page, 'codes-referral');
    await page.getByRole('tab', { name: 'Referrers' }).click();
    const table = page.getByRole('grid', { name: 'Referrers' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(await table.innerText()).toContain('REF-');
    await screenshot(page, 'codes-referrers');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    // Every referrer (one page here), with a header line.
    expect(lines.length).toBe(await table.getByRole('row').count());
  });

  it('lets support look at codes but not change them, and the method refuses them anyway', async () => {
    await signOut();
    await signIn('support');
    await nav('Codes');
    await expect.poll(() => row(CODE).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'New code' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Generate codes' }).count()).toBe(0);
    await row(CODE).click();
    const d = drawer(CODE);
    await expect.poll(() => d.innerText(), { timeout: 15_000 }).toContain('View only — finance or a manager');
    expect(
      await d.getByRole('button', { name: /Deactivate|Edit limit|Send to Stripe|Take over/ }).count(),
    ).toBe(0);
    await screenshot(page, 'code-drawer-support');
    const codeId = new URL(page.url()).hash.match(/id=([0-9a-f-]{36})/)![1]!;
    const refused = await callFromPage('codes.update', { codeId, active: false });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('codes.update') },
    });
    expect(await row(CODE).innerText()).toContain('Active');
    await page.keyboard.press('Escape');
  });

  it('shows each change in the audit log, with who made it', async () => {
    const log = page.getByRole('grid', { name: 'Audit log' });
    const count = () => page.getByText(/^[\d,]+–[\d,]+ of [\d,]+$/).innerText();
    // Support reads only the audit entries about payments, refunds and completions: a manager reads these.
    await signOut();
    await signIn('manager');
    // The code typed in and the ten generated, by finance.
    await page.goto(`${lplate.host.url}/#/audit?entity=discount_code&action=created`);
    await expect.poll(count, { timeout: 15_000 }).toBe('1–11 of 11');
    expect(await log.innerText()).toContain('Fran Finance');
    await log.getByRole('row').filter({ hasText: 'created' }).last().click();
    await expect.poll(() => page.getByRole('complementary').innerText(), { timeout: 15_000 }).toContain(CODE);
    await page.keyboard.press('Escape');
    // The deactivation, by the manager, with the old and new values.
    await page.goto(`${lplate.host.url}/#/audit?entity=discount_code&action=updated`);
    await expect.poll(count, { timeout: 15_000 }).toBe('1–1 of 1');
    expect(await log.innerText()).toContain('Morgan Manager');
    await log.getByRole('row').filter({ hasText: 'Morgan Manager' }).click();
    const entry = page.getByRole('complementary');
    await expect.poll(() => entry.innerText(), { timeout: 15_000 }).toContain('Printed on the wrong flyer');
    await screenshot(page, 'codes-audit');
  });

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
