// Readable at every width (issue 13, "Everyday polish"): an admin of the demo opens every area and each of its tabs
// at 1024, 1280, 1366 and 1920 px wide, saving a screenshot of each (test-results/screenshots/width-*.png, to look
// at); no page has a browser date picker (dates are typed DD/MM/YYYY), no table scrolls sideways, no column header is
// cut, a cell cut short shows its whole text on hover, and cards line up in full rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoOperatorSteps, screenshot, startJourney, type Journey } from './harness';

const WIDTHS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  // The most common laptop screen.
  { width: 1366, height: 768 },
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

/** Tables wider than their box (they scroll sideways), and by how many pixels. */
const sidewaysTables = () =>
  page
    .locator('main .datatable__scroll')
    .evaluateAll((boxes) =>
      boxes
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map(
          (box) =>
            `${box.querySelector('table')?.getAttribute('aria-label')} by ${box.scrollWidth - box.clientWidth} px of ${box.clientWidth}`,
        ),
    );

/** Tables with rows that show fewer than five of them (or all, when fewer) before their own scrollbar. */
const squeezedTables = () =>
  page.locator('main .datatable__scroll').evaluateAll((boxes) =>
    boxes.flatMap((box) => {
      const rows = box.querySelectorAll('tbody tr:not([aria-hidden])');
      const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      const rowHeight = rows[0]?.getBoundingClientRect().height ?? 0;
      if (rows.length === 0 || rowHeight === 0) return [];
      const room = (box.clientHeight - head) / rowHeight;
      const label = box.querySelector('table')?.getAttribute('aria-label');
      return room + 0.1 < Math.min(rows.length, 5) ? [`${label} shows ${room.toFixed(1)} rows`] : [];
    }),
  );

/** Grids of cards with a row that holds fewer than the first or stops short of the grid's right edge. */
const raggedCardGrids = () =>
  page.locator('main .kpi-grid, main .cards').evaluateAll((grids) =>
    grids
      .map((grid) => {
        const right = Math.round(grid.getBoundingClientRect().right);
        const byTop = new Map<number, number[]>();
        for (const card of grid.children) {
          const box = card.getBoundingClientRect();
          byTop.set(Math.round(box.top), [...(byTop.get(Math.round(box.top)) ?? []), Math.round(box.right)]);
        }
        return [...byTop.values()].map((rights) => ({
          count: rights.length,
          gap: right - Math.max(...rights),
        }));
      })
      .filter((rows) => rows.some((r) => r.count !== rows[0]!.count || r.gap > 2))
      .map((rows) => JSON.stringify(rows)),
  );

/** One view's checks, each problem named with where it was seen; a screenshot of it to look at. */
async function checkView(where: string, name: string) {
  await screenshot(page, name);
  // A page's later tables (Refunds' disputes and clawbacks), each in view, to look at.
  const tables = await page.locator('main table[aria-label]').all();
  for (const table of tables.slice(1)) {
    await table.scrollIntoViewIfNeeded();
    const label = (await table.getAttribute('aria-label'))!.toLowerCase().replace(/[^a-z]+/g, '-');
    await screenshot(page, `${name}-${label}`);
  }
  if ((await page.locator('input[type=date]').count()) > 0) problems.push(`${where}: a browser date picker`);
  for (const c of await cutCells())
    if (!c.title && c.text.length > 1) problems.push(`${where}: "${c.text}" is cut and shows no title`);
  for (const header of await cutHeaders()) problems.push(`${where}: the header "${header}" is cut`);
  for (const table of await sidewaysTables()) problems.push(`${where}: ${table} scrolls sideways`);
  for (const table of await squeezedTables()) problems.push(`${where}: ${table}`);
  for (const rows of await raggedCardGrids()) problems.push(`${where}: ragged rows of cards ${rows}`);
}
const problems: string[] = [];

describe('every page at 1024, 1280, 1366 and 1920 px', () => {
  it('has no date picker, no sideways tables, whole headers, titles on cut cells, and full rows of cards', async () => {
    const steps = demoOperatorSteps(journey);
    await steps.signIn('admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const areas = await nav.getByRole('link').allInnerTexts();
    expect(areas.length).toBeGreaterThan(8);
    const ranges: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const area of areas) {
        await steps.nav(area);
        await settled();
        const where = `${area} at ${size.width} px`;
        const slug = area.toLowerCase().replace(/[^a-z]+/g, '-');
        await checkView(where, `width-${size.width}-${slug}`);
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
        // A page's other tabs (Codes' referral codes and referrers, the Unattributed page's) are views of their own.
        const tabs = page.locator('main [role="tab"][aria-selected="false"]');
        for (const name of await tabs.allInnerTexts()) {
          await page.locator('main').getByRole('tab', { name }).click();
          await settled();
          const tabSlug = name.toLowerCase().replace(/[^a-z]+/g, '-');
          await checkView(`${where}, tab ${name}`, `width-${size.width}-${slug}-${tabSlug}`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    expect(ranges).toContain('Payments at 1024 px');
    expect(ranges).toContain('Audit log at 1920 px');
  }, 600_000);
});
