// The Credits page reads its orders from indexes over the pairs' copies of their people's names, and pages a
// descending order a block of equal keys at a time: on pairs full of ties (few liabilities, names equal but for case,
// learners sharing a name), every order, direction, page and filter must list what the plain joined query lists; the
// totals line kept per state (credit_totals) must add up to the same as the pairs, however they change.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src/shared/contract';
import { CREDIT_SORTS } from '../../../src/shared/contract/credits';
import { escapeLike } from '../../../src/main/db/sql';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';

let t: TestCore;
const instructors: string[] = [];
const learners: string[] = [];
/** More learners than a narrow search lists (500), so "test" and "an" take the broad path. */
const LEARNERS = 620;
const NAMES = [
  'anna',
  'Anna',
  'ANNA',
  'Bob',
  'bob',
  'Émile',
  'émile',
  'Zoë',
  'Dan 100%_x',
  'dan 100%_X',
  'Ann',
];

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const sqlite = t.core.services.sqlite;
  const now = t.clock.now();
  const user = sqlite.prepare(
    'INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const pair = sqlite.prepare(
    `INSERT INTO learner_credits (id, learner_id, instructor_id, hours_purchased, hours_used, hours_refunded,
       liability_pence, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const name of ['Ian', 'ian', 'Zoe', 'Ann', 'IAN']) {
      const userId = randomUUID();
      const id = randomUUID();
      user.run(userId, `${name.toLowerCase()}.${instructors.length}@teach.example`, name, now, now);
      sqlite
        .prepare(
          'INSERT INTO instructors (id, user_id, hourly_rate_pence, is_active, created_at, updated_at) VALUES (?, ?, 3000, 1, ?, ?)',
        )
        .run(id, userId, now, now);
      instructors.push(id);
    }
    for (let i = 0; i < LEARNERS; i++) {
      const id = randomUUID();
      user.run(id, `l${i}@x.test`, NAMES[i % NAMES.length]!, now, now);
      learners.push(id);
      for (const k of new Set(i % 3 === 0 ? [i % 5, (i * 3 + 1) % 5] : [i % 5])) {
        const purchased = [2, 4, 10][i % 3]!;
        const used = [0, 1, purchased][(i + k) % 3]!;
        const refunded = used === 0 && i % 7 === 0 ? 1 : 0;
        pair.run(
          randomUUID(),
          id,
          instructors[k]!,
          purchased,
          used,
          refunded,
          (purchased - used - refunded) * 3000,
          now,
          now + ((i * 7 + k) % 4) * 60_000,
        );
      }
    }
  })();
  // A pair written before its learner exists (a rebuild defers foreign keys), and people renamed afterwards: the
  // copies follow.
  sqlite.pragma('foreign_keys = OFF');
  const late = randomUUID();
  pair.run(randomUUID(), late, instructors[2]!, 4, 1, 0, 9000, now, now);
  user.run(late, 'late@x.test', 'anna', now, now);
  sqlite.pragma('foreign_keys = ON');
  learners.push(late);
  sqlite.prepare('UPDATE users SET name = ? WHERE id = ?').run('aNNa', learners[1]);
  sqlite
    .prepare('UPDATE users SET name = ? WHERE id = (SELECT user_id FROM instructors WHERE id = ?)')
    .run('Ann', instructors[0]);
}, 120_000);
afterAll(() => t.close());

type Filters = Omit<InputOf<'credits.list'>, 'page' | 'pageSize' | 'sort'>;

const OLD_KEY = {
  liability: 'c.liability_pence',
  remaining: 'c.hours_purchased - c.hours_used - c.hours_refunded',
  learner: 'lu.name COLLATE NOCASE',
  instructor: 'iu.name COLLATE NOCASE',
  updated: 'c.updated_at',
} as const;

/** The plain definition: every pair joined to its people, filtered with LIKE, sorted whole (the query before). */
function reference(filters: Filters, column: (typeof CREDIT_SORTS)[number], direction: 'asc' | 'desc') {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    parts.push(`(lu.name LIKE ? ESCAPE '\\' OR lu.email LIKE ? ESCAPE '\\' OR iu.name LIKE ? ESCAPE '\\'
      OR c.learner_id = ? OR c.instructor_id = ?)`);
    params.push(like, like, like, filters.q.toLowerCase(), filters.q.toLowerCase());
  }
  if (filters.instructorId) {
    parts.push('c.instructor_id = ?');
    params.push(filters.instructorId);
  }
  if (filters.state === 'remaining') parts.push('c.hours_purchased - c.hours_used - c.hours_refunded > 0');
  if (filters.state === 'used_up') parts.push('c.hours_purchased - c.hours_used - c.hours_refunded = 0');
  const from = `FROM learner_credits c JOIN users lu ON lu.id = c.learner_id JOIN instructors i ON i.id = c.instructor_id
    JOIN users iu ON iu.id = i.user_id ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}`;
  const sqlite = t.core.services.sqlite;
  return {
    ids: sqlite
      .prepare(
        `SELECT c.learner_id || ':' || c.instructor_id ${from}
         ORDER BY ${OLD_KEY[column]} ${direction}, lu.name COLLATE NOCASE, c.id`,
      )
      .pluck()
      .all(...params) as string[],
    totals: sqlite
      .prepare(
        `SELECT count(*) AS pairs, ifnull(SUM(c.hours_purchased), 0) AS hoursPurchased,
           ifnull(SUM(c.hours_used), 0) AS hoursUsed, ifnull(SUM(c.hours_refunded), 0) AS hoursRefunded,
           ifnull(SUM(c.hours_purchased - c.hours_used - c.hours_refunded), 0) AS hoursRemaining,
           ifnull(SUM(c.liability_pence), 0) AS liabilityPence ${from}`,
      )
      .get(...params) as { pairs: number },
  };
}

describe('the Credits page orders at scale, against the plain joined query', () => {
  it('lists every page of every order and direction, ties included, with the same totals', async () => {
    const filters: Filters[] = [
      {},
      { state: 'remaining' },
      { state: 'used_up' },
      { q: 'test' },
      { q: 'an' },
      { q: 'an', state: 'remaining' },
      { q: 'Émile' },
      { q: 'ian' },
      { instructorId: instructors[3]! },
    ];
    const pageSize = 40;
    for (const f of filters)
      for (const column of CREDIT_SORTS)
        for (const direction of ['asc', 'desc'] as const) {
          const expected = reference(f, column, direction);
          const label = JSON.stringify({ f, column, direction });
          const pages = Math.ceil(expected.ids.length / pageSize) + 1;
          // Every page for the plain list, the first, second and last two (and one past the end) otherwise.
          const wanted =
            Object.keys(f).length === 0
              ? [...Array(pages).keys()].map((p) => p + 1)
              : [1, 2, pages - 1, pages];
          for (const page of wanted.filter((p) => p >= 1)) {
            const got = await t.ok('support', 'credits.list', {
              ...f,
              sort: { column, direction },
              page,
              pageSize,
            });
            expect(
              got.rows.map((r) => r.id),
              `${label} page ${page}`,
            ).toEqual(expected.ids.slice((page - 1) * pageSize, page * pageSize));
            expect(got.total, label).toBe(expected.totals.pairs);
            expect(got.totals, label).toMatchObject(expected.totals);
          }
        }
  }, 600_000);

  it('keeps each pair’s copies of the names equal to its people’s', () => {
    const stale = t.core.services.sqlite
      .prepare(
        `SELECT count(*) FROM learner_credits c JOIN users lu ON lu.id = c.learner_id
           JOIN instructors i ON i.id = c.instructor_id JOIN users iu ON iu.id = i.user_id
         WHERE c.learner_name IS NOT lu.name OR c.learner_email IS NOT lu.email OR c.instructor_name IS NOT iu.name`,
      )
      .pluck()
      .get();
    expect(stale).toBe(0);
    const renamed = t.core.services.sqlite
      .prepare('SELECT DISTINCT learner_name FROM learner_credits WHERE learner_id = ?')
      .pluck()
      .all(learners[1]);
    expect(renamed).toEqual(['aNNa']);
  });

  it('keeps the totals line per state as pairs change state, change and go, and fills it when migrating', async () => {
    const sqlite = t.core.services.sqlite;
    const totalsMatch = async () => {
      for (const f of [{}, { state: 'remaining' }, { state: 'used_up' }] as Filters[]) {
        const got = await t.ok('support', 'credits.list', { ...f, page: 1, pageSize: 10 });
        expect(got.totals, JSON.stringify(f)).toEqual(reference(f, 'liability', 'asc').totals);
      }
      const kept = sqlite
        .prepare(
          `SELECT state, pairs, hours_purchased AS hoursPurchased, hours_used AS hoursUsed,
             hours_refunded AS hoursRefunded, liability_pence AS liabilityPence FROM credit_totals ORDER BY state`,
        )
        .all() as {
        state: 'remaining' | 'used_up';
        hoursPurchased: number;
        hoursUsed: number;
        hoursRefunded: number;
      }[];
      expect(kept.map((k) => k.state)).toEqual(['remaining', 'used_up']);
      for (const { state, ...sums } of kept)
        expect(
          { ...sums, hoursRemaining: sums.hoursPurchased - sums.hoursUsed - sums.hoursRefunded },
          state,
        ).toEqual(reference({ state }, 'liability', 'asc').totals);
    };
    const ids = sqlite
      .prepare('SELECT id FROM learner_credits ORDER BY id LIMIT 40')
      .pluck()
      .all() as string[];
    const set = sqlite.prepare(
      `UPDATE learner_credits SET hours_purchased = ?, hours_used = ?, hours_refunded = 0, liability_pence = ?
       WHERE id = ?`,
    );
    sqlite.transaction(() => {
      // Used up to hours left, hours left to used up, hours left to fewer, and a change of name only.
      for (const [k, id] of ids.slice(0, 30).entries())
        if (k % 3 === 0) set.run(12, 2, 30_000, id);
        else if (k % 3 === 1) set.run(3, 3, 0, id);
        else set.run(8, 5, 9_000, id);
      sqlite.prepare("UPDATE learner_credits SET learner_name = 'Renamed' WHERE id = ?").run(ids[30]);
      sqlite.prepare('DELETE FROM learner_credits WHERE id IN (?, ?)').run(ids[31], ids[32]);
    })();
    await totalsMatch();

    // A workspace from before the kept totals: the migration adds them up from the pairs it holds.
    sqlite.exec(`DROP TRIGGER credit_totals_insert; DROP TRIGGER credit_totals_delete; DROP TRIGGER credit_totals_update;
      DROP TABLE credit_totals`);
    sqlite.prepare("DELETE FROM schema_migrations WHERE tag LIKE '%_credit_totals'").run();
    expect(migrate(sqlite, MIGRATIONS_DIR).applied).toEqual([expect.stringMatching(/_credit_totals$/)]);
    await totalsMatch();
  });
});
