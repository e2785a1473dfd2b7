// Readable at every width (issue 13, "Everyday polish"): an admin of the demo opens every area at 1024, 1280 and 1920
// px wide, saving a screenshot of each (test-results/screenshots/width-*.png, to look at); no page has a browser date
// picker (dates are typed DD/MM/YYYY), no column header is cut, a cell cut short shows its whole text on hover, and the
// Overview's cards line up in full rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, screenshot, startJourney, type Journey } from './harness';

const WIDTHS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

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

async function settled() {
  await expect.poll(() => page.locator('.skeleton').count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
}

/** Table cells whose text is cut short, and what a hover shows of them (the title, on the cell or inside it). */
async function cutCells(): Promise<{ text: string; title: string }[]> {
  const cells = page.locator('main td');
  const cut: { text: string; title: string }[] = [];
  const count = Math.min(await cells.count(), 400);
  for (let i = 0; i < count; i++) {
    const cell = cells.nth(i);
    const isCut = await cell.evaluate((td) => {
      const inner = [td, ...td.querySelectorAll('.truncate, span, a')];
      const style = (el: typeof td) => td.ownerDocument.defaultView!.getComputedStyle(el);
      return inner.some((el) => el.scrollWidth > el.clientWidth + 1 && style(el).overflow === 'hidden');
    });
    if (!isCut) continue;
    await cell.hover();
    cut.push(
      await cell.evaluate((td) => ({
        text: (td.textContent ?? '').trim(),
        title: td.getAttribute('title') || td.querySelector('[title]')?.getAttribute('title') || '',
      })),
    );
  }
  return cut;
}

/** Column headers whose words are cut short (their text is wider than the room the header gives it). */
const cutHeaders = () =>
  page.locator('main th').evaluateAll((ths) =>
    ths
      .filter((th) => {
        // A header only screen readers hear (a column of buttons), or one not laid out, has nothing to cut.
        if (th.querySelector('.visually-hidden') || th.getClientRects().length === 0) return false;
        const label = th.querySelector('.th__sort') ?? th;
        const text = th.ownerDocument.createRange();
        text.selectNodeContents(label);
        const style = th.ownerDocument.defaultView!.getComputedStyle(th);
        const room =
          th.getBoundingClientRect().width -
          ['padding-left', 'padding-right', 'border-left-width', 'border-right-width']
            .map((side) => parseFloat(style.getPropertyValue(side)))
            .reduce((a, b) => a + b, 0);
        return text.getBoundingClientRect().width > room + 0.5;
      })
      .map((th) => (th.textContent ?? '').trim()),
  );

describe('every page at 1024, 1280 and 1920 px', () => {
  it('has no date picker, whole headers, titles on cut cells, and full rows of Overview cards', async () => {
    const steps = demoOperatorSteps(journey);
    await steps.signIn('admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const areas = await nav.getByRole('link').allInnerTexts();
    expect(areas.length).toBeGreaterThan(8);
    const problems: string[] = [];
    const ranges: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const area of areas) {
        await steps.nav(area);
        await settled();
        const where = `${area} at ${size.width} px`;
        const slug = area.toLowerCase().replace(/[^a-z]+/g, '-');
        await screenshot(page, `width-${size.width}-${slug}`);
        if ((await page.locator('input[type=date]').count()) > 0)
          problems.push(`${where}: a browser date picker`);
        for (const c of await cutCells())
          if (!c.title && c.text.length > 1) problems.push(`${where}: "${c.text}" is cut and shows no title`);
        for (const header of await cutHeaders()) problems.push(`${where}: the header "${header}" is cut`);
        // A page's date-range filter (Payments' "Created", the Audit log's "Date"): its custom dates are UK fields.
        const range = page.locator('main .popover-root > button[aria-haspopup="dialog"]');
        if ((await range.count()) > 0) {
          await range.first().click();
          const panel = page.locator('main .popover.daterange');
          await expect.poll(() => panel.count()).toBe(1);
          if ((await page.locator('input[type=date]').count()) > 0)
            problems.push(`${where}: a browser date picker in the date range`);
          await panel.getByLabel('From').fill('31/02/2026');
          await panel.getByLabel('To').focus();
          if (size.width === 1280) await screenshot(page, `width-${size.width}-${slug}-date-range`);
          expect(await panel.getByRole('alert').first().innerText()).toBe(
            '31/02/2026 is not a real date: check the day and month.',
          );
          ranges.push(where);
          await page.keyboard.press('Escape');
        }
        if (area === 'Overview') {
          // Every row of cards holds as many as the first and reaches the grid's right edge: no ragged rows.
          for (const grid of await page.locator('main .kpi-grid, main .cards').all()) {
            const rows = await grid.evaluate((g) => {
              const right = Math.round(g.getBoundingClientRect().right);
              const byTop = new Map<number, number[]>();
              for (const c of g.children) {
                const box = c.getBoundingClientRect();
                byTop.set(Math.round(box.top), [
                  ...(byTop.get(Math.round(box.top)) ?? []),
                  Math.round(box.right),
                ]);
              }
              return [...byTop.values()].map((rights) => ({
                count: rights.length,
                gap: right - Math.max(...rights),
              }));
            });
            if (rows.some((r) => r.count !== rows[0]!.count || r.gap > 2))
              problems.push(`${where}: ragged rows of cards ${JSON.stringify(rows)}`);
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    expect(ranges).toContain('Payments at 1024 px');
    expect(ranges).toContain('Audit log at 1920 px');
  }, 600_000);
});
