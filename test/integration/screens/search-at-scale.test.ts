// The Payments search and the people picker take shortcuts at scale (a capped list of learners, a walk for broad
// searches, lower-bound counts): on a workspace with more learners than the narrow path lists and many near-miss
// names, every page and total must be what a plain LIKE over every payment gives.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src/shared/contract';
import { COUNT_STEP, NARROW_LEARNERS } from '../../../src/main/payments/list';
import { insertPayments, type PaymentRow } from '../../../src/main/payments/store';
import { escapeLike, londonBounds, Where } from '../../../src/main/db/sql';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';

let t: TestCore;
let instructors: string[];
const piOf: string[] = [];
const idOf: string[] = [];

/** Names that differ by case, accents, spacing, `%` and `_`, and an email domain most share. */
function nameOf(i: number): [string, string] {
  switch (i % 8) {
    case 0:
      return [`Learner ${i}`, `learner${i}@bench.test`];
    case 1:
      return [`LEARNER_${i}`, `l.${i}@benchxtest.example`];
    case 2:
      return [`Léa Lerner ${i}`, `lea${i}@bench.test`];
    case 3:
      return [`Émile 100%_done ${i}`, `emile${i}@bench.test`];
    case 4:
      return [`learner  ${i}`, `LEARNER${i}@BENCH.TEST`];
    case 5:
      return [`Lear ner ${i}`, `x${i}@le.example`];
    case 6:
      return [`Zoë O'Neil "${i}"`, `zoe${i}@bench.test`];
    default:
      return [`Ann ${i}`, `ann${i}@example.test`];
  }
}

const LEARNERS = NARROW_LEARNERS + 1_000;
const PAYMENTS = COUNT_STEP + 2_000;

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const sqlite = t.core.services.sqlite;
  const now = t.clock.now();
  const user = sqlite.prepare(
    'INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const learners: string[] = [];
  instructors = [];
  sqlite.transaction(() => {
    for (let i = 0; i < LEARNERS; i++) {
      const id = randomUUID();
      const [name, email] = nameOf(i);
      user.run(id, email, name, now, now);
      learners.push(id);
    }
    // Learners without payments (and instructors) that match broad text too.
    for (let i = 0; i < 50; i++)
      user.run(randomUUID(), `nopay${i}@bench.test`, `Learner Unpaid ${i}`, now, now);
    for (let i = 0; i < 5; i++) {
      const userId = randomUUID();
      const id = randomUUID();
      user.run(userId, `instructor${i}@bench.test`, `Instructor Lerner ${i}`, now, now);
      sqlite
        .prepare(
          'INSERT INTO instructors (id, user_id, hourly_rate_pence, is_active, created_at, updated_at) VALUES (?, ?, 3000, 1, ?, ?)',
        )
        .run(id, userId, now, now);
      instructors.push(id);
    }
  })();
  const start = Date.parse('2026-07-01T08:00:00Z');
  const rows: PaymentRow[] = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const hours = i % 7 === 0 ? 10 : 1;
    const id = randomUUID();
    idOf.push(id);
    piOf.push(`pi_near_${i}`);
    rows.push({
      id,
      // Learner 3 (an Émile) pays often; the rest spread evenly.
      learner_id: learners[i % 5 === 0 ? 3 : i % LEARNERS]!,
      instructor_id: instructors[i % instructors.length]!,
      stripe_payment_intent_id: `pi_near_${i}`,
      total_amount_pence: hours * 3540 + (i % 3),
      platform_fee_pence: hours * 540,
      instructor_amount_pence: hours * 3000 + (i % 3),
      status: i % 11 === 0 ? 'failed' : 'succeeded',
      payment_type: hours === 10 ? 'credit_pack' : 'lesson',
      hours,
      // Every 20 minutes: about 170 days from 1 July.
      created_at: start + i * 1_200_000,
      updated_at: start + i * 1_200_000,
    });
  }
  insertPayments(t.core.services.db, rows);
  // A credit row per pair, liabilities with many ties (the names order them).
  sqlite.exec(`INSERT INTO learner_credits (id, learner_id, instructor_id, hours_purchased, hours_used,
      hours_refunded, liability_pence, is_active, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), learner_id, instructor_id, SUM(hours), SUM(hours) / 2, 0,
      (SUM(hours) - SUM(hours) / 2) * 3000, 1, MIN(created_at), MAX(updated_at)
    FROM payments GROUP BY learner_id, instructor_id`);
}, 120_000);
afterAll(() => t.close());

type Filters = Omit<InputOf<'payments.list'>, 'page' | 'pageSize' | 'sort'>;

/** The plain definition: a learner's name or email contains the text (LIKE), or an id equals it; no index tricks. */
function reference(filters: Filters) {
  const where = new Where();
  if (filters.status) where.add('p.status = ?', filters.status);
  if (filters.type) where.add('p.payment_type = ?', filters.type);
  if (filters.instructorId) where.add('p.instructor_id = ?', filters.instructorId);
  const { start, end } = londonBounds(filters.from, filters.to);
  if (start !== undefined) where.add('p.created_at >= ?', start);
  if (end !== undefined) where.add('p.created_at < ?', end);
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    where.add(
      `(l.name LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\' OR p.stripe_payment_intent_id = ? OR p.id = ?)`,
      like,
      like,
      filters.q,
      filters.q,
    );
  }
  const from = `FROM payments p JOIN users l ON l.id = p.learner_id ${where.sql}`;
  const sqlite = t.core.services.sqlite;
  return {
    page: (order: string, limit: number, offset: number) =>
      sqlite
        .prepare(`SELECT p.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...where.params, limit, offset) as string[],
    totals: sqlite
      .prepare(
        `SELECT count(*) AS count, COALESCE(SUM(p.total_amount_pence), 0) AS totalPence,
           COALESCE(SUM(p.instructor_amount_pence), 0) AS instructorPence,
           COALESCE(SUM(p.platform_fee_pence), 0) AS feePence,
           COALESCE(SUM(p.amount_refunded_pence), 0) AS refundedPence ${from}`,
      )
      .get(...where.params) as { count: number },
  };
}

const TEXTS = [
  'Le',
  'le',
  'LE',
  // Two characters go through the index's terms: at a value's end, across a space, quote or `_`, or nowhere.
  '2"',
  'ST',
  'Zo',
  'ë ',
  '_d',
  "'N",
  'qz',
  'e',
  'n',
  '%',
  '_',
  '"',
  "'",
  'Learner',
  'learner',
  'Learner 1',
  'Learner 12',
  'Learner 123',
  'learner  1',
  'LEARNER_1',
  'Lear',
  'ner 1',
  'Léa',
  'léa',
  'Émile',
  'émile',
  '100%_d',
  '100%d',
  '0%_',
  'bench.test',
  'benchxtest',
  'BENCH.TEST',
  '@le.',
  'Zoë',
  "O'Neil",
  '"12"',
  'Ann 7',
  'Unpaid',
  'Instructor',
  'nobody at all',
  'pi_near_42',
  'pi_near_4',
  'ñ',
];

const SORTS = [
  { column: 'created_at', direction: 'desc' },
  { column: 'total', direction: 'desc' },
  { column: 'status', direction: 'asc' },
] as const;
const ORDER = { created_at: 'p.created_at', total: 'p.total_amount_pence', status: 'p.status, p.created_at' };

describe('payments search at scale, against a plain LIKE', () => {
  const filterSets = (): Filters[] => [
    {},
    { status: 'succeeded' },
    { status: 'failed' },
    { type: 'credit_pack', from: '2026-01-01', to: '2026-12-31' },
    { instructorId: instructors[2]! },
    { status: 'succeeded', from: '2026-08-01', to: '2026-08-03' },
  ];

  it('lists the same pages, with totals that are exact or an honest lower bound', async () => {
    const texts = [...TEXTS, idOf[7]!];
    let capped = 0;
    for (const q of texts) {
      for (const filters of filterSets()) {
        const ref = reference({ ...filters, q });
        for (const [i, sort] of SORTS.entries()) {
          for (const page of i === 0 ? [1, 3] : [2]) {
            const got = await t.ok('support', 'payments.list', { ...filters, q, sort, page, pageSize: 50 });
            const order = `${ORDER[sort.column]} ${sort.direction}, p.rowid ${sort.direction}`.replace(
              'p.status, p.created_at asc',
              'p.status asc, p.created_at asc',
            );
            const label = JSON.stringify({ q, filters, sort, page });
            expect(
              got.rows.map((r) => r.id),
              label,
            ).toEqual(ref.page(order, 50, (page - 1) * 50));
            if (got.totalCapped) {
              capped++;
              expect(got.total, label).toBeLessThanOrEqual(ref.totals.count);
              expect(got.total, label).toBeGreaterThanOrEqual((page - 1) * 50 + got.rows.length);
            } else expect(got.total, label).toBe(ref.totals.count);
          }
        }
        const totals = await t.ok('support', 'payments.totals', { ...filters, q });
        const label = JSON.stringify({ q, filters });
        if ('capped' in totals) {
          capped++;
          expect(totals.count, label).toBeLessThanOrEqual(ref.totals.count);
          expect(totals.count, label).toBeGreaterThan(0);
        } else expect(totals, label).toEqual(ref.totals);
      }
    }
    // The broad, wide cases were reached (not every search took the narrow path).
    expect(capped).toBeGreaterThan(10);
  }, 600_000);

  it('exports every payment a broad search matches', async () => {
    const filters = { q: 'Le' };
    const expected = reference(filters).totals.count;
    expect(expected).toBeGreaterThan(COUNT_STEP / 2);
    const totals = await t.ok('support', 'payments.totals', filters);
    expect(totals).toMatchObject({ capped: true });
    expect(totals.count).toBeLessThanOrEqual(expected);
    const { jobId } = await t.ok('finance', 'payments.export', { ...filters, format: 'csv' });
    let job = await t.ok('finance', 'jobs.wait', { jobId, timeoutSeconds: 30 });
    while (job.state === 'queued' || job.state === 'running')
      job = await t.ok('finance', 'jobs.wait', { jobId, timeoutSeconds: 30 });
    expect(job.state, job.message).toBe('done');
    const file = t.core.files.take(job.file!.url!.split('/').pop()!, 'finance')!;
    const lines = readFileSync(file.path, 'utf8').trimEnd().split('\n');
    expect(lines.length - 1).toBe(expected);
  }, 300_000);
});

describe('payments paged by cursor, against the page numbers', () => {
  // Pages of 200 cross the tie blocks (a few totals, two statuses) within a few steps.
  const PAGE = 200;
  const ALL_SORTS = [
    ...SORTS,
    { column: 'created_at', direction: 'asc' },
    { column: 'total', direction: 'asc' },
    { column: 'status', direction: 'desc' },
  ] as const;

  it('gives the same rows, in the same order, stepping on and back from either end', async () => {
    for (const q of [undefined, 'Le', 'Learner 12', 'bench.test', 'nobody at all']) {
      for (const filters of [{}, { status: 'succeeded' as const }, { type: 'credit_pack' as const }]) {
        const ref = reference({ ...filters, ...(q ? { q } : {}) });
        for (const sort of ALL_SORTS) {
          const dir = sort.direction;
          const order = `${ORDER[sort.column]
            .split(', ')
            .map((c) => `${c} ${dir}`)
            .join(', ')}, p.rowid ${dir}`;
          const all = ref.page(order, -1, 0);
          const pageOf = (page: number) => all.slice((page - 1) * PAGE, page * PAGE);
          const last = Math.max(1, Math.ceil(all.length / PAGE));
          const list = (page: number, cursor?: { after: string } | { before: string }) =>
            t.ok('support', 'payments.list', {
              ...filters,
              ...(q ? { q } : {}),
              sort,
              page,
              pageSize: PAGE,
              ...(cursor ? { cursor } : {}),
            });
          const label = (page: number, how: string) => JSON.stringify({ q, filters, sort, page, how });
          // On from page 1 by the last row of each page, then back by the first row.
          let rows = (await list(1)).rows;
          const steps = Math.min(last, 7);
          for (let page = 2; page <= steps; page++) {
            rows = (await list(page, { after: rows.at(-1)!.id })).rows;
            expect(
              rows.map((r) => r.id),
              label(page, 'after'),
            ).toEqual(pageOf(page));
          }
          for (let page = steps - 1; page >= 1; page--) {
            rows = (await list(page, { before: rows[0]!.id })).rows;
            expect(
              rows.map((r) => r.id),
              label(page, 'before'),
            ).toEqual(pageOf(page));
          }
          // The last page, a step back from it, and a step on past it (nothing).
          if (all.length === 0) continue;
          const lastRows = (await list(last)).rows;
          expect(
            lastRows.map((r) => r.id),
            label(last, 'offset'),
          ).toEqual(pageOf(last));
          if (last > 1)
            expect(
              (await list(last - 1, { before: lastRows[0]!.id })).rows.map((r) => r.id),
              label(last - 1, 'before'),
            ).toEqual(pageOf(last - 1));
          expect(
            (await list(last + 1, { after: lastRows.at(-1)!.id })).rows,
            label(last + 1, 'after'),
          ).toEqual([]);
        }
      }
    }
  }, 600_000);

  it('falls back to the page number for a cursor naming no payment, and refuses a malformed one', async () => {
    const input = { q: 'Le', sort: { column: 'total', direction: 'desc' }, page: 3, pageSize: 50 } as const;
    const plain = await t.ok('support', 'payments.list', input);
    const stray = await t.ok('support', 'payments.list', { ...input, cursor: { after: randomUUID() } });
    expect(stray).toEqual(plain);
    for (const cursor of [{ after: 'pi_near_1' }, { after: idOf[1], before: idOf[2] }, { at: idOf[1] }, {}]) {
      const result = await t.call('support', 'payments.list', {
        ...input,
        cursor: cursor as { after: string },
      });
      expect(result.ok, JSON.stringify(cursor)).toBe(false);
    }
  });
});

describe('people search at scale, against a plain LIKE', () => {
  it('finds the same people in the same order', async () => {
    const sqlite = t.core.services.sqlite;
    for (const q of TEXTS.filter((x) => x.trim().length >= 2)) {
      const like = `%${escapeLike(q)}%`;
      const expected = sqlite
        .prepare(
          `SELECT id, name, email FROM users WHERE name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'
           ORDER BY name, email, id LIMIT 20`,
        )
        .all(like, like);
      expect(await t.ok('support', 'people.search', { q, limit: 20 }), q).toEqual(expected);
    }
  }, 120_000);
});

describe('credits search at scale, against a plain LIKE', () => {
  it('lists the same pairs with the same totals', async () => {
    const sqlite = t.core.services.sqlite;
    const sorts = [
      { column: 'liability', direction: 'desc' },
      { column: 'learner', direction: 'asc' },
    ] as const;
    for (const q of [...TEXTS, 'Instructor Lerner 2', 'Lerner', instructors[1]!]) {
      for (const extra of [{}, { state: 'remaining' as const }, { instructorId: instructors[3]! }]) {
        const like = `%${escapeLike(q)}%`;
        const where = `(lu.name LIKE ? ESCAPE '\\' OR lu.email LIKE ? ESCAPE '\\' OR iu.name LIKE ? ESCAPE '\\'
          OR c.learner_id = ? OR c.instructor_id = ?)
          ${'state' in extra ? 'AND c.hours_purchased - c.hours_used - c.hours_refunded > 0' : ''}
          ${'instructorId' in extra ? 'AND c.instructor_id = ?' : ''}`;
        const params = [
          like,
          like,
          like,
          q.toLowerCase(),
          q.toLowerCase(),
          ...Object.values(extra).filter((v) => v !== 'remaining'),
        ];
        const from = `FROM learner_credits c JOIN users lu ON lu.id = c.learner_id JOIN instructors i ON i.id = c.instructor_id
          JOIN users iu ON iu.id = i.user_id WHERE ${where}`;
        const expected = sqlite
          .prepare(`SELECT count(*) AS pairs, ifnull(SUM(c.liability_pence), 0) AS liabilityPence ${from}`)
          .get(...params);
        for (const sort of sorts) {
          const order = sort.column === 'liability' ? 'c.liability_pence DESC' : 'lu.name COLLATE NOCASE ASC';
          const ids = sqlite
            .prepare(
              `SELECT c.learner_id || ':' || c.instructor_id ${from}
               ORDER BY ${order}, lu.name COLLATE NOCASE, c.id LIMIT 50 OFFSET 50`,
            )
            .pluck()
            .all(...params);
          const got = await t.ok('support', 'credits.list', { q, sort, page: 2, pageSize: 50, ...extra });
          const label = JSON.stringify({ q, extra, sort });
          expect(
            got.rows.map((r) => r.id),
            label,
          ).toEqual(ids);
          expect(got.totals, label).toMatchObject(expected as object);
          expect(got.total, label).toBe((expected as { pairs: number }).pairs);
        }
      }
    }
  }, 600_000);
});
