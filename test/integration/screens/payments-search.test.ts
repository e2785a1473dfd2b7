import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDatabase } from '../../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { COUNT_STEP } from '../../../src/main/payments/list';
import { insertPayments, type PaymentRow } from '../../../src/main/payments/store';
import { usersMatching } from '../../../src/main/people/search';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';
import { at, buildMarketplace } from './scenario';

let t: TestCore;
let m: ReturnType<typeof buildMarketplace>;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
  m = buildMarketplace(t);
});
afterEach(() => t.close());

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);
const list = (input: Parameters<typeof t.ok<'payments.list'>>[2]) => t.ok('support', 'payments.list', input);

/** `count` succeeded lesson payments of Amira with Jane, a second apart from 1 Sep 2026, newest last. */
function manyPayments(count: number): PaymentRow[] {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    learner_id: m.amira,
    instructor_id: m.jane,
    stripe_payment_intent_id: `pi_many_${i}`,
    total_amount_pence: 3540,
    platform_fee_pence: 540,
    instructor_amount_pence: 3000,
    status: 'succeeded',
    payment_type: 'lesson',
    hours: 1,
    created_at: at('2026-09-01T00:00:00Z') + i * 1000,
    updated_at: at('2026-09-01T00:00:00Z') + i * 1000,
  }));
  insertPayments(t.core.services.db, rows);
  return rows;
}

describe('payments.list total', () => {
  it('counts a filter up to the step that covers the page and says when more match', async () => {
    const many = manyPayments(COUNT_STEP + 1);
    const first = await list({ status: 'succeeded' });
    expect(first).toMatchObject({ total: COUNT_STEP, totalCapped: true });
    expect(ids(first)).toEqual([
      m.p1,
      m.p2,
      ...many
        .slice(-48)
        .reverse()
        .map((r) => r.id),
    ]);
    // Past the first step the count goes on to the next one, which covers all 10,003.
    const last = await list({ status: 'succeeded', page: COUNT_STEP / 50 + 1 });
    expect(last.total).toBe(COUNT_STEP + 3);
    expect(last.totalCapped).toBeUndefined();
    expect(ids(last)).toEqual(
      many
        .slice(0, 3)
        .reverse()
        .map((r) => r.id),
    );
    // Without filters the count is exact.
    expect(await list({})).toMatchObject({ total: COUNT_STEP + 6 });
  });

  it('finds the same page for a search matching more payments than it counts', async () => {
    const many = manyPayments(COUNT_STEP + 1);
    const newestFirst = many.map((r) => r.id).reverse();
    const broad = await list({ q: 'amira' });
    expect(broad).toMatchObject({ total: COUNT_STEP, totalCapped: true });
    expect(ids(broad)).toEqual([m.p5, m.p1, m.p3, ...newestFirst.slice(0, 47)]);
    // By total: p3 (£50.00) first, then the £35.40 payments, ties newest row first.
    const byTotal = await list({ q: 'Amira Khan', sort: { column: 'total', direction: 'desc' }, page: 2 });
    expect(ids(byTotal)).toEqual(newestFirst.slice(49, 99));
  });
});

describe('payments.list search', () => {
  const sqlite = () => t.core.services.sqlite;
  const indexIsSound = () =>
    expect(() =>
      sqlite().exec(`INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)`),
    ).not.toThrow();

  it('matches a learner by any part of the name or email, ignoring ASCII case, at any length', async () => {
    expect(ids(await list({ q: 'mira kh' }))).toEqual([m.p5, m.p1, m.p3]);
    expect(ids(await list({ q: 'KHAN@EXAMPLE' }))).toEqual([m.p5, m.p1, m.p3]);
    expect(ids(await list({ q: 'Be' }))).toEqual([m.p2, m.p4]);
    expect(ids(await list({ q: 'n' }))).toEqual([m.p5, m.p1, m.p2, m.p3, m.p4]);
    expect(ids(await list({ q: 'Ben "Jones"' }))).toEqual([]);
    expect(ids(await list({ q: 'Jane Smith' }))).toEqual([]); // an instructor, not a learner
  });

  it('keeps LIKE semantics: case folds for ASCII only, and % and _ are plain characters', async () => {
    sqlite().prepare(`UPDATE users SET name = 'Émile 100%_done' WHERE id = ?`).run(m.ben);
    expect(ids(await list({ q: 'Émile' }))).toEqual([m.p2, m.p4]);
    expect(ids(await list({ q: 'émile' }))).toEqual([]);
    expect(ids(await list({ q: '100%_d' }))).toEqual([m.p2, m.p4]);
    expect(ids(await list({ q: '100%d' }))).toEqual([]);
  });

  it('keeps the search index in step with users added, renamed and removed', async () => {
    const db = sqlite();
    const now = t.clock.now();
    const zoe = randomUUID();
    db.prepare('INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      zoe,
      'zoe@example.test',
      'Zoe Quill',
      now,
      now,
    );
    const [payment] = manyPayments(1).map((r) => r.id);
    db.prepare('UPDATE payments SET learner_id = ? WHERE id = ?').run(zoe, payment);
    expect(ids(await list({ q: 'zoe quill' }))).toEqual([payment]);

    db.prepare(`UPDATE users SET name = 'Zoe Marsh', email = 'zm@example.test' WHERE id = ?`).run(zoe);
    expect(ids(await list({ q: 'Quill' }))).toEqual([]);
    expect(ids(await list({ q: 'zoe marsh' }))).toEqual([payment]);
    expect(ids(await list({ q: 'zm@ex' }))).toEqual([payment]);

    db.prepare('UPDATE payments SET learner_id = ? WHERE id = ?').run(m.ben, payment);
    db.prepare('DELETE FROM users WHERE id = ?').run(zoe);
    const hits = db.prepare(`SELECT count(*) FROM users_search WHERE users_search MATCH '"Marsh"'`).pluck();
    expect(hits.get()).toBe(0);
    indexIsSound();
  });

  it('indexes the users of a workspace created before the search index existed', () => {
    const migrations = mkdtempSync(join(tmpdir(), 'lplate-mig-'));
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const journal = join(migrations, 'meta', '_journal.json');
    const entries = (JSON.parse(readFileSync(journal, 'utf8')) as { entries: { tag: string }[] }).entries;
    writeFileSync(
      journal,
      JSON.stringify({ entries: entries.filter((e) => e.tag < '0004_payments_search') }, null, 2),
    );
    const dir = mkdtempSync(join(tmpdir(), 'lplate-db-'));
    const before = openWorkspaceDatabase(dir, migrations).sqlite;
    const olive = randomUUID();
    before
      .prepare('INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, 1, 1)')
      .run(olive, 'old@example.test', 'Olive Older');
    before.close();
    copyFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), journal);
    const after = openWorkspaceDatabase(dir, migrations).sqlite;
    try {
      const found = after
        .prepare(
          `SELECT name FROM users WHERE rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ?)`,
        )
        .pluck()
        .all('"olive old"');
      expect(found).toEqual(['Olive Older']);
      // Indexed with the end mark too: two letters found only at the end of her name.
      expect(usersMatching(after, 'ER', 10)).toEqual({ ids: [olive], broad: false });
    } finally {
      after.close();
    }
  });
});
