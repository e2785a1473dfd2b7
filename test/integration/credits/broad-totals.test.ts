// A broad Credits search adds up its matches only up to the count step that covers the page (as the Payments page
// does): past it the totals say "at least" and carry no sums; within it, and for narrow searches, they are exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_STEP } from '../../../src/main/db/sql';
import { runCli, type CliIo } from '../../../src/main/host/cli';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../../fixtures/core';
import { ScreenRows } from '../../fixtures/screen-rows';

let t: TestCore;
const LEARNERS = COUNT_STEP + 50;

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const sqlite = t.core.services.sqlite;
  const rows = new ScreenRows(sqlite, t.clock.now());
  sqlite.transaction(() => {
    const instructor = rows.instructor('Ida Teach', 3000);
    for (let i = 0; i < LEARNERS; i++) {
      const used = i % 5;
      rows.credit(rows.user(`Learner ${i}`, `l${i}@x.test`), instructor, 4, used, 0, (4 - used) * 3000);
    }
  })();
}, 120_000);
afterAll(() => t.close());

/** The plain sums over the pairs whose learner's name contains `q`. */
function plainSums(q: string) {
  return t.core.services.sqlite
    .prepare(
      `SELECT count(*) AS pairs, SUM(hours_purchased) AS hoursPurchased, SUM(hours_used) AS hoursUsed,
         SUM(hours_refunded) AS hoursRefunded, SUM(hours_purchased - hours_used - hours_refunded) AS hoursRemaining,
         SUM(liability_pence) AS liabilityPence
       FROM learner_credits WHERE learner_name LIKE ?`,
    )
    .get(`%${q}%`);
}

describe('the totals of a broad Credits search', () => {
  it('say at least how many pairs match, with no sums, when more match than the page’s count step', async () => {
    const page = await t.ok('finance', 'credits.list', { q: 'Learner', pageSize: 50 });
    expect(page.totals).toEqual({ pairs: COUNT_STEP, capped: true });
    expect(page.total).toBe(COUNT_STEP);
    expect(page.totalCapped).toBe(true);
    expect(page.rows).toHaveLength(50);
  });

  it('are exact on a page past the first count step, and for a broad search within it', async () => {
    const deep = await t.ok('finance', 'credits.list', { q: 'Learner', page: 201, pageSize: 50 });
    expect(deep.totals).toEqual(plainSums('Learner'));
    expect(deep.total).toBe(LEARNERS);
    expect(deep.totalCapped).toBeUndefined();
    expect(deep.rows).toHaveLength(LEARNERS - 200 * 50);
    // "Learner 1" names over a thousand learners: broad, yet fewer than the step.
    const some = await t.ok('finance', 'credits.list', { q: 'Learner 1' });
    expect(some.totals).toEqual(plainSums('Learner 1'));
    expect(some.totals.pairs).toBeGreaterThan(1000);
  });

  it('are exact for a narrow search and for every pair', async () => {
    expect((await t.ok('finance', 'credits.list', { q: 'Learner 4242' })).totals).toEqual(
      plainSums('Learner 4242'),
    );
    const all = await t.ok('finance', 'credits.list', {});
    expect(all.totals).toEqual(plainSums(''));
    expect(all.totalCapped).toBeUndefined();
  });
});

describe('the command line', () => {
  it('says at least how many pairs a broad search matches', async () => {
    const out: string[] = [];
    const io: CliIo = {
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      env: { LPLATE_PASSWORD: PASSWORD },
      askPassword: () => Promise.reject(new Error('no prompt in tests')),
    };
    const code = await runCli(
      ['--workspace', t.dir, '--operator', 'finance', 'credits', 'list', '--q', 'Learner'],
      io,
    );
    expect(code).toBe(0);
    expect(out.at(-1)).toBe(
      `At least ${COUNT_STEP} pairs match (first 500 shown): too many to add up here; narrow the search for their totals.`,
    );
  });
});
