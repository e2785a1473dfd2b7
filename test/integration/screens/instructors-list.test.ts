// The Instructors page chooses its page from instructor_list, kept by triggers: each stored row equals the instructor,
// user, Connect account, earnings and journal added up here (after a payout run, refunds whose reversal went through
// or was refused, a waiver, a rebuild, and edits the console never makes), and every sort, filter, search and page of
// the list and its totals equals a plain recomputation from the rows, ties included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { splitStatements } from '../../../src/main/db/migrate';
import type { InstructorRow } from '../../../src/shared/contract/instructors';
import { FRIDAY, payoutsWorkspace } from '../payouts/workspace';

const w = payoutsWorkspace(31, { instructors: 12 });
const { call } = w;
const db = () => w.c.core.services.sqlite;

interface ListRow {
  instructor_id: string;
  name: string;
  email: string;
  stripe_account_id: string | null;
  flag: string | null;
  earned_pence: number;
  paid_pence: number;
  clawed_pence: number;
}

const stored = () => db().prepare('SELECT * FROM instructor_list ORDER BY instructor_id').all() as ListRow[];

/**
 * Every instructor with their user's name and email, their Connect account and why they cannot be paid, and earnings
 * not cancelled, the payable lines of transfers and reversals naming them and counted clawbacks, added up row by row.
 */
function recomputed(): ListRow[] {
  const people = db()
    .prepare(
      `SELECT i.id, u.name, u.email, a.id AS accountRow, a.stripe_account_id AS account, a.status,
              a.payouts_enabled AS payouts
       FROM instructors i JOIN users u ON u.id = i.user_id LEFT JOIN stripe_connect_accounts a ON a.instructor_id = i.id`,
    )
    .all() as {
    id: string;
    name: string;
    email: string;
    accountRow: string | null;
    account: string | null;
    status: string | null;
    payouts: number | null;
  }[];
  const out = new Map<string, ListRow>();
  for (const p of people)
    out.set(p.id, {
      instructor_id: p.id,
      name: p.name,
      email: p.email,
      stripe_account_id: p.account,
      flag:
        p.accountRow === null
          ? 'no_account'
          : p.status === 'restricted' || p.status === 'rejected'
            ? 'restricted'
            : p.payouts === 0
              ? 'payouts_disabled'
              : null,
      earned_pence: 0,
      paid_pence: 0,
      clawed_pence: 0,
    });
  const earnings = db()
    .prepare("SELECT instructor_id AS id, amount_pence AS pence FROM earnings WHERE status <> 'cancelled'")
    .all() as { id: string; pence: number }[];
  for (const e of earnings) out.get(e.id)!.earned_pence += e.pence;
  const lines = db()
    .prepare(
      `SELECT t.instructor_id AS id, l.account, l.amount_pence AS pence
       FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
       WHERE t.kind IN ('transfer', 'reversal') AND t.instructor_id IS NOT NULL`,
    )
    .all() as { id: string; account: string; pence: number }[];
  for (const l of lines) if (l.account === `instructor_payable:${l.id}`) out.get(l.id)!.paid_pence += l.pence;
  const clawbacks = db()
    .prepare('SELECT instructor_id AS id, amount_pence AS pence, status, method FROM clawbacks')
    .all() as { id: string; pence: number; status: string; method: string }[];
  for (const c of clawbacks)
    if (c.status !== 'waived' && !(c.status === 'outstanding' && c.method === 'reversal'))
      out.get(c.id)!.clawed_pence += c.pence;
  return [...out.values()].sort((a, b) => (a.instructor_id < b.instructor_id ? -1 : 1));
}

interface Expected {
  id: string;
  name: string;
  email: string;
  account: string | null;
  earnedPence: number;
  paidPence: number;
  clawbacksPence: number;
  owedPence: number;
  flag: string | null;
}

/** SQLite's NOCASE: ASCII letters folded, then compared as they are. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Every instructor as the list shows them, from the rows added up here. */
function everyInstructor(): Expected[] {
  return recomputed().map((r) => ({
    id: r.instructor_id,
    name: r.name,
    email: r.email,
    account: r.stripe_account_id,
    earnedPence: r.earned_pence,
    paidPence: r.paid_pence,
    clawbacksPence: r.clawed_pence,
    owedPence: r.earned_pence - r.paid_pence - r.clawed_pence,
    flag: r.flag,
  }));
}

type Sort = { column: 'name' | 'owed' | 'earned'; direction: 'asc' | 'desc' };
type Filters = { flagged?: boolean; q?: string };

/** The list as the page defines it: filtered, sorted by the column, then name (NOCASE), then id. */
function expectedList(all: Expected[], filters: Filters, sort: Sort): Expected[] {
  const q = filters.q && nocase(filters.q);
  const key = (e: Expected) =>
    sort.column === 'name' ? nocase(e.name) : sort.column === 'owed' ? e.owedPence : e.earnedPence;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return all
    .filter((e) => filters.flagged === undefined || (e.flag !== null) === filters.flagged)
    .filter(
      (e) =>
        !q ||
        nocase(e.name).includes(q) ||
        nocase(e.email).includes(q) ||
        e.account === filters.q ||
        e.id === filters.q,
    )
    .sort((a, b) => sign * cmp(key(a), key(b)) || cmp(nocase(a.name), nocase(b.name)) || cmp(a.id, b.id));
}

const shown = (r: InstructorRow) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  account: r.connect?.accountId ?? null,
  earnedPence: r.earnedPence,
  paidPence: r.paidPence,
  clawbacksPence: r.clawbacksPence,
  owedPence: r.owedPence,
  flag: r.flag?.code ?? null,
});

/** A refund of one used hour of a paid earning: its clawback is recovered by a reversal, or (refused) deducted. */
async function refundUsedHour(refuseReversal: boolean): Promise<string> {
  const paymentId = db()
    .prepare(
      `SELECT p.id FROM payments p WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0
         AND EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id AND e.status = 'paid')
         AND EXISTS (SELECT 1 FROM learner_credits c WHERE c.learner_id = p.learner_id AND c.instructor_id = p.instructor_id
           AND c.hours_purchased - c.hours_used - c.hours_refunded >= 2)
       ORDER BY p.created_at, p.id LIMIT 1`,
    )
    .pluck()
    .get() as string;
  expect(paymentId).toBeTruthy();
  if (refuseReversal) w.sim.control.failNextReversal();
  const { requestId, option } = await w.refundUsed(paymentId, 1);
  expect(option.instructorPaid).toBe(true);
  await w.sync();
  return requestId;
}

describe('instructor_list', () => {
  it('equal the earnings and the journal through a payout run, a reversal, a refused reversal and a waiver', async () => {
    expect(stored()).toEqual(recomputed());
    expect(stored().some((b) => b.earned_pence > 0)).toBe(true);

    await w.runFriday(FRIDAY);
    expect(stored()).toEqual(recomputed());
    expect(stored().some((b) => b.paid_pence > 0)).toBe(true);

    await refundUsedHour(false);
    const refused = await refundUsedHour(true);
    expect(
      db()
        .prepare(
          "SELECT count(*) FROM journal_transactions WHERE kind = 'reversal' AND instructor_id IS NOT NULL",
        )
        .pluck()
        .get(),
    ).toBeGreaterThan(0);
    const clawback = db()
      .prepare('SELECT id, method, status FROM clawbacks WHERE source_ref = ?')
      .get(refused) as {
      id: string;
      method: string;
      status: string;
    };
    expect(clawback).toMatchObject({ method: 'deduction', status: 'outstanding' });
    await call('fin', 'clawbacks.waive', { clawbackId: clawback.id, note: 'Goodwill' });
    expect(stored()).toEqual(recomputed());
  });

  it('are what the migration’s backfill makes, and a rebuild makes them byte for byte again', async () => {
    const statements = splitStatements(
      readFileSync(join(MIGRATIONS_DIR, '0029_instructor_list.sql'), 'utf8'),
    );
    const backfill = statements.find((s) => s.startsWith('-- The list as the tables stand'))!;
    const sqlite = db();
    sqlite.exec('CREATE TEMP TABLE backfilled AS SELECT * FROM instructor_list WHERE 0');
    try {
      sqlite.exec(backfill.replace('INSERT INTO instructor_list', 'INSERT INTO temp.backfilled'));
      expect(sqlite.prepare('SELECT * FROM temp.backfilled ORDER BY instructor_id').all()).toEqual(stored());
    } finally {
      sqlite.exec('DROP TABLE temp.backfilled');
    }
    const before = stored();
    const rebuilt = await call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
    expect(stored()).toEqual(before);
  });

  it('follow edits the console never makes: earnings, transfers, lines, clawbacks, names, accounts, instructors', () => {
    const sqlite = db();
    const check = () => expect(stored()).toEqual(recomputed());
    sqlite.exec('SAVEPOINT edits');
    try {
      const [a, b] = sqlite
        .prepare('SELECT id FROM instructors ORDER BY id LIMIT 2')
        .pluck()
        .all() as string[];
      const earning = sqlite
        .prepare("SELECT id FROM earnings WHERE status <> 'cancelled' LIMIT 1")
        .pluck()
        .get();
      sqlite.prepare("UPDATE earnings SET status = 'cancelled' WHERE id = ?").run(earning);
      check();
      sqlite
        .prepare("UPDATE earnings SET status = 'owed', amount_pence = amount_pence + 7 WHERE id = ?")
        .run(earning);
      check();
      sqlite.prepare('UPDATE earnings SET instructor_id = ? WHERE id = ?').run(b, earning);
      check();
      const transfer = sqlite
        .prepare(
          "SELECT id, instructor_id AS instructor FROM journal_transactions WHERE kind = 'transfer' LIMIT 1",
        )
        .get() as { id: string; instructor: string };
      const other = transfer.instructor === a ? b : a;
      // Re-pointed without its lines: they no longer name the transfer's instructor, so they stop counting.
      sqlite
        .prepare('UPDATE journal_transactions SET instructor_id = ? WHERE id = ?')
        .run(other, transfer.id);
      check();
      sqlite
        .prepare('UPDATE journal_lines SET account = ? WHERE transaction_id = ? AND account = ?')
        .run(`instructor_payable:${other}`, transfer.id, `instructor_payable:${transfer.instructor}`);
      check();
      sqlite
        .prepare(
          "UPDATE journal_lines SET amount_pence = amount_pence + 11 WHERE transaction_id = ? AND account GLOB 'instructor_payable:*'",
        )
        .run(transfer.id);
      check();
      sqlite.prepare("UPDATE journal_transactions SET kind = 'payment' WHERE id = ?").run(transfer.id);
      check();
      sqlite.prepare("UPDATE journal_transactions SET kind = 'transfer' WHERE id = ?").run(transfer.id);
      check();
      sqlite.prepare('DELETE FROM journal_transactions WHERE id = ?').run(transfer.id);
      check();
      sqlite.prepare('DELETE FROM earnings WHERE instructor_id = ?').run(b);
      check();
      sqlite
        .prepare(
          `INSERT INTO clawbacks (id, instructor_id, amount_pence, reason, status, method, created_at, updated_at)
           VALUES ('cb-edit', ?, 123, 'test', 'outstanding', 'reversal', 0, 0)`,
        )
        .run(a);
      check();
      const edit = (set: string) => sqlite.prepare(`UPDATE clawbacks SET ${set} WHERE id = 'cb-edit'`).run();
      edit("method = 'deduction', amount_pence = amount_pence + 5");
      check();
      sqlite.prepare("UPDATE clawbacks SET instructor_id = ? WHERE id = 'cb-edit'").run(b);
      check();
      edit("status = 'waived'");
      check();
      const connected = sqlite
        .prepare(
          'SELECT i.id, i.user_id AS user FROM instructors i JOIN stripe_connect_accounts a ON a.instructor_id = i.id',
        )
        .get() as { id: string; user: string };
      sqlite
        .prepare("UPDATE users SET name = 'zed Renamed', email = 'zed@renamed.test' WHERE id = ?")
        .run(connected.user);
      check();
      const account = sqlite.prepare(
        'UPDATE stripe_connect_accounts SET status = ?, payouts_enabled = ? WHERE instructor_id = ?',
      );
      account.run('restricted', 1, connected.id);
      check();
      account.run('enabled', 0, connected.id);
      check();
      sqlite.prepare('DELETE FROM stripe_connect_accounts WHERE instructor_id = ?').run(connected.id);
      check();
      sqlite
        .prepare(
          "INSERT INTO users (id, email, name, created_at, updated_at) VALUES ('u-new', 'new@x.test', 'New One', 0, 0)",
        )
        .run();
      sqlite.prepare("INSERT INTO instructors VALUES ('i-new', 'u-new', 3000, 1, 0, 0)").run();
      check();
      sqlite.prepare("DELETE FROM instructors WHERE id = 'i-new'").run();
      check();
    } finally {
      sqlite.exec('ROLLBACK TO edits; RELEASE edits');
    }
    check();
  });
});

describe('the Instructors list at any sort, filter and page', () => {
  it('shows the rows and figures a plain recomputation gives, in its order, ties included, with its totals', async () => {
    const all = everyInstructor();
    expect(all.length).toBeGreaterThan(5);
    // Ties: instructors on the same owed (settled ones at 0), so the name and id decide.
    const owed = all.map((e) => e.owedPence);
    expect(new Set(owed).size).toBeLessThan(owed.length);
    const someone = all.find((e) => e.account !== null)!;
    const filters: Filters[] = [
      {},
      { flagged: true },
      { flagged: false },
      { q: 'a' },
      { q: someone.name.slice(1, 5).toUpperCase() },
      { q: someone.email.split('@')[1]!, flagged: false },
      { q: someone.id },
      { q: someone.account! },
      { q: 'nobody matches this' },
    ];
    const sorts: Sort[] = (['name', 'owed', 'earned'] as const).flatMap((column) =>
      (['asc', 'desc'] as const).map((direction) => ({ column, direction })),
    );
    const pageSize = 4;
    for (const f of filters) {
      const totals = await call('sup', 'instructors.totals', f);
      const matching = expectedList(all, f, { column: 'name', direction: 'asc' });
      expect(totals, JSON.stringify(f)).toEqual({
        count: matching.length,
        earnedPence: matching.reduce((s, e) => s + e.earnedPence, 0),
        paidPence: matching.reduce((s, e) => s + e.paidPence, 0),
        clawbacksPence: matching.reduce((s, e) => s + e.clawbacksPence, 0),
        owedPence: matching.reduce((s, e) => s + e.owedPence, 0),
      });
      for (const sort of sorts) {
        const expected = expectedList(all, f, sort);
        const pages = Math.max(1, Math.ceil(expected.length / pageSize)) + 1; // and one past the end
        for (let page = 1; page <= pages; page++) {
          const got = await call('sup', 'instructors.list', { ...f, sort, page, pageSize });
          const what = `${JSON.stringify(f)} ${sort.column} ${sort.direction} page ${page}`;
          expect(got.total, what).toBe(expected.length);
          expect(got.rows.map(shown), what).toEqual(expected.slice((page - 1) * pageSize, page * pageSize));
        }
      }
    }
    expect(all.some((e) => e.clawbacksPence > 0)).toBe(true);
    expect(all.some((e) => e.paidPence > 0 && e.owedPence !== e.earnedPence)).toBe(true);
  });
});
