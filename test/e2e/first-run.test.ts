import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startJourney, type Console, type Journey } from './harness';

const ADMIN_PASSWORD = 'correct-horse-battery';
const SUPPORT_PASSWORD = 'support-staple-42';

let journey: Journey;
let lplate: Console;
let page: Page;
let errors: string[];

beforeAll(async () => {
  journey = await startJourney();
  ({ lplate, page, errors } = journey);
});
afterAll(() => journey?.close());

/** Calls a contract method from inside the page, with the tab's host token (the session cookie goes by itself). */
function callFromPage(method: string, input: unknown) {
  return page.evaluate(
    async ([m, i]) => {
      // Runs in the page: the tab keeps its host token in sessionStorage; the browser sends the HttpOnly session cookie.
      const store = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } })
        .sessionStorage;
      const res = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${store.getItem('lplate.token')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ input: i }),
      });
      return res.json() as Promise<{
        ok: boolean;
        data?: unknown;
        error?: { code: string; message: string };
      }>;
    },
    [method, input] as const,
  );
}

const nav = () => page.getByRole('navigation', { name: 'Main' });

describe('first run, operators and the audit trail, in Chromium', () => {
  it('creates the first admin on first run', async () => {
    await page.goto(lplate.host.openUrl);
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@lplate.example');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Confirm password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect.poll(() => page.getByTestId('operator-name').textContent()).toBe('Ada Lovelace');
    expect(await page.getByTestId('operator-role').textContent()).toMatch(/admin/i);
    expect(page.url()).not.toContain('token=');
    // The session id main issued is an HttpOnly cookie: no page script (ours included) can read it.
    const cookies = await journey.context.cookies(`${lplate.host.url}/api/`);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([
      [`lplate_session_${lplate.host.port}`, true, 'Strict', '/api'],
    ]);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).toBe('');
    expect(
      await page.evaluate(() =>
        Object.keys((globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage),
      ),
    ).toEqual(['lplate.token']);
    for (const area of [
      'Overview',
      'Payments',
      'Payouts',
      'Refunds',
      'Codes',
      'Credits',
      'Instructors',
      'Audit log',
      'Reconciliation',
      'Settings',
      'Operators',
    ]) {
      await expect
        .poll(() => nav().getByRole('link', { name: area, exact: true }).count(), { message: area })
        .toBe(1);
    }
    await screenshot(page, 'shell');
  });

  it('lets the admin add a support operator', async () => {
    await nav().getByRole('link', { name: 'Operators', exact: true }).click();
    await page.getByRole('button', { name: 'Add operator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add operator' });
    await dialog.getByLabel('Username').fill('sam');
    await dialog.getByLabel('Full name').fill('Sam Patel');
    await dialog.getByLabel('Email').fill('sam@lplate.example');
    await dialog.getByLabel('Role').selectOption('support');
    await dialog.getByLabel('Starting password').fill(SUPPORT_PASSWORD);
    await dialog.getByLabel('Confirm password').fill(SUPPORT_PASSWORD);
    await dialog.getByRole('button', { name: 'Add operator' }).click();
    const grid = page.getByRole('grid', { name: 'Operators' });
    await expect.poll(() => grid.getByText('Sam Patel').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'operators');
  });

  it('shows the session lifetime in Settings and lets the admin shorten it from today', async () => {
    await nav().getByRole('link', { name: 'Settings', exact: true }).click();
    const card = page.locator('section.card', {
      has: page.getByRole('heading', { name: 'Session lifetime' }),
    });
    await expect.poll(() => card.innerText()).toContain('12 hours');
    await page.getByLabel('Setting', { exact: true }).selectOption('session_lifetime_hours');
    await page.getByLabel('New lifetime (hours)').fill('8');
    // A cleared start date is refused under its field: the confirmation (which cannot be undone) does not open.
    const date = page.getByLabel('Effective from');
    const today = await date.inputValue();
    await date.fill('');
    await page.getByRole('button', { name: 'Review change' }).click();
    await expect.poll(() => page.getByText('Choose the day the new value takes effect.').count()).toBe(1);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByText('Choose the day the new value takes effect.').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-field-error');
    await date.fill(today);
    await page.getByRole('button', { name: 'Review change' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the session lifetime' });
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Schedule change' }).click();
    await expect.poll(() => card.innerText()).toContain('8 hours');
  });

  it('signs support in without the Operators area, and the method refuses them anyway', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('sam');
    await page.getByLabel('Password', { exact: true }).fill(SUPPORT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('operator-name').textContent()).toBe('Sam Patel');
    expect(await nav().getByRole('link', { name: 'Operators', exact: true }).count()).toBe(0);
    expect(await nav().getByRole('link', { name: 'Audit log', exact: true }).count()).toBe(1);
    const refused = await callFromPage('operators.list', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('operators.list') },
    });
    await page.goto(`${lplate.host.url}/#/operators`);
    await expect.poll(() => page.getByText('Not available to your role').count()).toBe(1);
  });

  it('shows support none of the operator administration or sign-ins in the audit log, in the page or by call', async () => {
    await page.goto(`${lplate.host.url}/#/audit`);
    await expect.poll(() => page.getByText('No audit entries yet').count()).toBe(1);
    const byCall = await callFromPage('audit.list', { entityType: 'operator' });
    expect(byCall).toMatchObject({ ok: true, data: { total: 0 } });
  });

  it('shows the admin those actions in the audit log with who did them, and verifies the chain', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('operator-name').textContent()).toBe('Ada Lovelace');
    await page.goto(`${lplate.host.url}/#/audit`);
    const grid = page.getByRole('grid', { name: 'Audit log' });
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(4);
    const text = await grid.innerText();
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Sam Patel');
    expect(text).toContain('Signed in');
    // The readable name, with the stored code on hover.
    expect(await grid.getByText('Signed in').first().getAttribute('title')).toBe('sign_in');
    await grid
      .getByRole('row')
      .filter({ hasText: 'Created' })
      .filter({ hasText: 'Ada Lovelace' })
      .first()
      .click();
    const drawer = page.getByRole('complementary');
    await expect.poll(() => drawer.innerText()).toContain('sam@lplate.example');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const count = lplate.core.services.sqlite
      .prepare('SELECT count(*) FROM audit_logs')
      .pluck()
      .get() as number;
    await expect
      .poll(() => page.getByText(/Intact — \d+ entries verified/).textContent())
      .toContain(`Intact — ${count} entries verified`);
    await screenshot(page, 'audit-log');
  });

  it('names the row someone tampered with after dropping the trigger', async () => {
    const { sqlite } = lplate.core.services;
    const target = sqlite
      .prepare("SELECT id, seq FROM audit_logs WHERE action = 'create' ORDER BY seq DESC LIMIT 1")
      .get() as {
      id: string;
      seq: number;
    };
    sqlite.exec('DROP TRIGGER audit_logs_no_update');
    sqlite.prepare(`UPDATE audit_logs SET new_values = '{"role":"admin"}' WHERE id = ?`).run(target.id);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect
      .poll(() => page.getByText(/Broken at entry/).textContent())
      .toContain(`Broken at entry #${target.seq} (${target.id})`);
    await screenshot(page, 'audit-broken');
  });

  it('ran without page errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
