// axe-core in Chromium on every page for every role (issue 13, "Everyday polish"): each operator of the demo opens
// every area the sidebar offers them, and a payment's drawer, and axe reports no violation (WCAG 2.1 A and AA); each
// signed-in page has one <main> and a skip link, and an opened drawer holds the focus.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, startJourney, type Journey } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ROLES = ['support', 'finance', 'manager', 'admin'] as const;

let journey: Journey;
let page: Page;

beforeAll(async () => {
  journey = await startJourney({ demo: true });
  page = journey.page;
  const first = journey.lplate.core.sync.job();
  if (first) await journey.lplate.core.sync.wait(first.jobId);
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

/** axe's violations on the page as it is, one line each: rule, impact, and the first few elements. */
async function violations(where: string): Promise<string[]> {
  // evaluate, not a script tag: the console's content security policy refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[];
    }
    const r = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}`)
          .join(' | ')}`,
    );
  });
  return found.map((v) => `${where}: ${v}`);
}

async function settled() {
  await expect.poll(() => page.locator('.skeleton').count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
}

describe('axe-core on every page for every role', () => {
  it('finds no violation on any page, nor in a payment drawer, for any role', async () => {
    const steps = demoOperatorSteps(journey);
    const found: string[] = [];
    for (const role of ROLES) {
      await steps.signIn(role);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const areas = await nav.getByRole('link').allInnerTexts();
      for (const area of areas) {
        await steps.nav(area);
        await settled();
        found.push(...(await violations(`${role} · ${area}`)));
        if ((await page.getByRole('main').count()) !== 1) found.push(`${role} · ${area}: no one <main>`);
        if ((await page.getByRole('link', { name: 'Skip to content' }).count()) !== 1)
          found.push(`${role} · ${area}: no skip link`);
        if (area === 'Payments') {
          await page.getByRole('grid', { name: 'Payments' }).getByRole('row').nth(1).click();
          await expect.poll(() => page.getByRole('complementary').count(), { timeout: 15_000 }).toBe(1);
          // Opening a drawer moves focus into it.
          expect(
            await page
              .getByRole('complementary')
              .evaluate((aside) => aside.contains(aside.ownerDocument.activeElement)),
          ).toBe(true);
          await settled();
          found.push(...(await violations(`${role} · payment drawer`)));
          await page.keyboard.press('Escape');
        }
      }
      await steps.signOut();
    }
    found.push(...(await violations('sign-in')));
    expect([...new Set(found)]).toEqual([]);
  }, 300_000);
});
