// What the charts and the lock flag read instead of every row: the payments' daily totals, the instructors' transfer
// totals, the day marks and what a lock saw. Each equals what the rows themselves say, through refunds, reversals and
// a rebuild; a lock keeps nothing until its period changes, and a change to a locked day is still flagged. A lock
// kept per day (before migration 0031) reads only the days marked since it was taken.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, londonDate } from '../../../src/shared/dates';
import { divRoundHalfUp } from '../../../src/shared/money';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { splitStatements } from '../../../src/main/db/migrate';
import { reconCharts } from '../../../src/main/recon/charts';
import { transferBuckets } from '../../../src/main/recon/transfer-totals';
import { dayPrints } from '../../../src/main/recon/locks';
import { spanOf } from '../../../src/main/recon/period';
import { payLesson } from '../../fixtures/lesson-payment';
import { FIRST_WEEK, JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(11);
const db = () => ws.c.core.services.sqlite;
const RANGE = { from: addDays(JULY.from, -7), to: JULY.to };

/** The payments' daily figures as the charts summed them from the rows before: captured payments by London day. */
function paymentsByDay(): Map<string, { gross: number; fee: number; instructor: number }> {
  const out = new Map<string, { gross: number; fee: number; instructor: number }>();
  const rows = db()
    .prepare(
      `SELECT created_at AS at, total_amount_pence AS gross, platform_fee_pence AS fee,
              instructor_amount_pence AS instructor
       FROM payments WHERE status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')`,
    )
    .all() as { at: number; gross: number; fee: number; instructor: number }[];
  for (const r of rows) {
    const day = out.get(londonDate(r.at)) ?? { gross: 0, fee: 0, instructor: 0 };
    day.gross += r.gross;
    day.fee += r.fee;
    day.instructor += r.instructor;
    out.set(londonDate(r.at), day);
  }
  return out;
}

/** The top instructors as the charts found them before: every transfer and reversal of the range, from the journal. */
function topByJournal(range: { from: string; to: string }) {
  const span = spanOf(range);
  return db()
    .prepare(
      `SELECT t.instructor_id AS instructorId, COALESCE(u.name, t.instructor_id) AS name,
              -SUM(l.amount_pence) AS transfersPence
       FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
       LEFT JOIN instructors i ON i.id = t.instructor_id LEFT JOIN users u ON u.id = i.user_id
       WHERE t.occurred_at >= ? AND t.occurred_at < ? AND t.kind IN ('transfer', 'reversal')
         AND l.account = 'stripe_balance' AND t.instructor_id IS NOT NULL
       GROUP BY t.instructor_id ORDER BY transfersPence DESC, t.instructor_id LIMIT 10`,
    )
    .all(span.start, span.end);
}

interface TransferTotal {
  bucket: string;
  instructor_id: string;
  amount_pence: number;
  transactions: number;
}

/** instructor_transfer_totals added up here from the journal, transaction by transaction. */
function transferSums(): TransferTotal[] {
  const txs = db()
    .prepare(
      `SELECT t.occurred_at AS at, t.instructor_id AS instructor, -SUM(l.amount_pence) AS amount
       FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'stripe_balance'
       WHERE t.kind IN ('transfer', 'reversal') AND t.instructor_id IS NOT NULL GROUP BY t.id`,
    )
    .all() as { at: number; instructor: string; amount: number }[];
  const out = new Map<string, TransferTotal>();
  for (const t of txs)
    for (const bucket of [londonDate(t.at), londonDate(t.at).slice(0, 7)]) {
      const key = `${bucket}|${t.instructor}`;
      const row = out.get(key) ?? { bucket, instructor_id: t.instructor, amount_pence: 0, transactions: 0 };
      row.amount_pence += t.amount;
      row.transactions += 1;
      out.set(key, row);
    }
  return [...out.values()].sort((a, b) =>
    a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : a.instructor_id < b.instructor_id ? -1 : 1,
  );
}

const transferTotals = () =>
  db()
    .prepare('SELECT * FROM instructor_transfer_totals ORDER BY bucket, instructor_id')
    .all() as TransferTotal[];

/** The charts against the rows: the payments' daily figures, the fee rate's base and the top instructors. */
function expectChartsEqualRows() {
  const charts = reconCharts(db(), RANGE);
  const byDay = paymentsByDay();
  for (const point of charts.daily) {
    const p = byDay.get(point.bucket) ?? { gross: 0, fee: 0, instructor: 0 };
    expect(point, point.bucket).toMatchObject({ grossPence: p.gross, platformFeePence: p.fee });
    expect(point.effectiveFeeBps, point.bucket).toBe(
      p.instructor > 0 ? divRoundHalfUp(p.fee * 10_000, p.instructor) : null,
    );
  }
  expect(charts.daily.some((p) => p.grossPence > 0)).toBe(true);
  expect(charts.topInstructors).toEqual(topByJournal(RANGE));
  expect(charts.topInstructors.length).toBeGreaterThan(0);
  expect(transferTotals()).toEqual(transferSums());
}

/** Runs `work`, then undoes all it did. */
async function undone(work: () => Promise<void>): Promise<void> {
  const { sqlite } = ws.c.core.services;
  sqlite.exec('SAVEPOINT undone');
  try {
    await work();
  } finally {
    sqlite.exec('ROLLBACK TO undone; RELEASE undone');
  }
}

/**
 * Runs `work` with the locks' guards against edits lifted (standing in for a lock kept otherwise), then undoes all
 * it did.
 */
const unguarded = (work: () => Promise<void>) =>
  undone(async () => {
    db().exec('DROP TRIGGER reconciliation_lock_days_no_update; DROP TRIGGER reconciliation_locks_no_update');
    await work();
  });

/** The London days of the hours marked after `seq`. */
const daysMarkedAfter = (seq: number) => [
  ...new Set(
    (
      db()
        .prepare('SELECT hour FROM recon_change_marks WHERE seq > ? ORDER BY hour')
        .pluck()
        .all(seq) as number[]
    ).map((h) => londonDate(h * 3_600_000)),
  ),
];

/** The locked days marked since the lock was taken (what a read of the lock looks at again). */
function markedLockedDays(): string[] {
  const lock = db().prepare('SELECT period_from, period_to, mark_seq FROM reconciliation_locks').get() as {
    period_from: string;
    period_to: string;
    mark_seq: number;
  };
  return daysMarkedAfter(lock.mark_seq).filter((d) => d >= lock.period_from && d <= lock.period_to);
}

/** How many entities the locks kept (what they saw of each, when it first changed). */
const keptEntities = () => db().prepare('SELECT count(*) FROM recon_lock_seen').pluck().get() as number;

/**
 * Makes the lock one kept per London day, as locks taken before migration 0031 were (no span, a print of each day):
 * call inside `unguarded`.
 */
function asLockedPerDay(lockId: string, period: { from: string; to: string }) {
  const sqlite = db();
  sqlite
    .prepare('UPDATE reconciliation_locks SET span_start = NULL, span_end = NULL, mark_seq = ? WHERE id = ?')
    .run(sqlite.prepare('SELECT MAX(seq) FROM recon_change_marks').pluck().get(), lockId);
  sqlite.prepare('DELETE FROM recon_lock_seen WHERE lock_id = ?').run(lockId);
  const keep = sqlite.prepare(
    'INSERT INTO reconciliation_lock_days (lock_id, day, digest, entities) VALUES (?, ?, ?, ?)',
  );
  for (const [day, print] of Object.entries(dayPrints(sqlite, period)))
    keep.run(lockId, day, print.digest, JSON.stringify(print.entities));
}

describe('the lock flag, from what a lock saw', () => {
  it('keeps nothing of an untouched locked period, and a sync or a rebuild that changes none of it keeps none', async () => {
    const week = await ws.reconcile('fin', FIRST_WEEK);
    expect(week.status).toBe('reconciled');
    const lock = await ws.call('fin', 'recon.lock', { reportId: week.id });
    expect(lock.lateChangeCount).toBe(0);
    expect(
      db().prepare('SELECT span_start, span_end FROM reconciliation_locks WHERE id = ?').get(lock.id),
    ).toEqual({ span_start: spanOf(FIRST_WEEK).start, span_end: spanOf(FIRST_WEEK).end });
    expect(db().prepare('SELECT count(*) FROM reconciliation_lock_days').pluck().get()).toBe(0);
    expect(keptEntities()).toBe(0);
    expect(markedLockedDays()).toEqual([]);
    // A payment taken now, after the week: its day is marked, the week's are not.
    const s = ws.sim.scenario!;
    const seq = db().prepare('SELECT MAX(seq) FROM recon_change_marks').pluck().get() as number;
    await payLesson(ws.stripe(), s.learners[1]!, s.instructors[1]!);
    await ws.sync();
    const marked = daysMarkedAfter(seq);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((d) => d > FIRST_WEEK.to)).toBe(true);
    expect(keptEntities()).toBe(0);
    const rebuilt = await ws.call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
    expect(markedLockedDays()).toEqual([]);
    expect(keptEntities()).toBe(0);
    const [after] = await ws.call('sup', 'recon.locks', {});
    expect(after!.lateChangeCount).toBe(0);
  });

  it('a lock kept per day compares only the marked days: a kept day that differs is not read until its day is marked', async () => {
    const { sqlite } = ws.c.core.services;
    const [lock] = await ws.call('sup', 'recon.locks', {});
    const day = '2026-07-01';
    const span = spanOf({ from: day, to: day });
    const id = sqlite
      .prepare('SELECT id FROM payments WHERE created_at >= ? AND created_at < ? LIMIT 1')
      .pluck()
      .get(span.start, span.end) as string;
    const touch = () => {
      sqlite.prepare('UPDATE payments SET discount_pence = discount_pence + 1 WHERE id = ?').run(id);
      sqlite.prepare('UPDATE payments SET discount_pence = discount_pence - 1 WHERE id = ?').run(id);
    };
    await unguarded(async () => {
      asLockedPerDay(lock!.id, FIRST_WEEK);
      expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
      const kept = sqlite
        .prepare('SELECT entities FROM reconciliation_lock_days WHERE lock_id = ? AND day = ?')
        .pluck()
        .get(lock!.id, day) as string;
      const entities = Object.keys(JSON.parse(kept) as object);
      expect(entities.length).toBeGreaterThan(0);
      // As if the lock had kept nothing of that day: unmarked, the day is not looked at.
      sqlite
        .prepare(
          "UPDATE reconciliation_lock_days SET digest = 'nothing', entities = '{}' WHERE lock_id = ? AND day = ?",
        )
        .run(lock!.id, day);
      expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
      // A payment of that day edited and put back marks the day: read again, all it holds is new to the lock.
      touch();
      expect(markedLockedDays()).toEqual([day]);
      const [read] = await ws.call('sup', 'recon.locks', {});
      expect(read!.lateChangeCount).toBe(entities.length);
      expect(read!.lateChanges.every((c) => c.change === 'added')).toBe(true);
    });
    // The lock as it was taken keeps what it saw of the payment when it changed: put back, it reads as unchanged.
    touch();
    expect(keptEntities()).toBe(1);
    expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
  });

  it('flags an edited amount on a locked day as that payment changed, and a transaction re-dated into the week', async () => {
    const { sqlite } = ws.c.core.services;
    const span = spanOf(FIRST_WEEK);
    const payment = sqlite
      .prepare(
        "SELECT id FROM payments WHERE created_at >= ? AND created_at < ? AND status = 'succeeded' LIMIT 1",
      )
      .pluck()
      .get(span.start, span.end) as string;
    const fee = sqlite.prepare(
      `UPDATE payments SET platform_fee_pence = platform_fee_pence + ?,
         instructor_amount_pence = instructor_amount_pence - ? WHERE id = ?`,
    );
    fee.run(7, 7, payment);
    try {
      const [lock] = await ws.call('sup', 'recon.locks', {});
      expect(lock!.lateChanges).toEqual([{ key: `payment:${payment}`, change: 'changed' }]);
    } finally {
      fee.run(-7, -7, payment);
    }
    expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
    // A journal transaction of a later day re-dated into the week: new to the lock.
    const tx = sqlite
      .prepare('SELECT id, occurred_at AS at FROM journal_transactions WHERE occurred_at >= ? LIMIT 1')
      .get(span.end) as { id: string; at: number };
    const move = sqlite.prepare('UPDATE journal_transactions SET occurred_at = ? WHERE id = ?');
    move.run(span.start + 3_600_000, tx.id);
    try {
      const [lock] = await ws.call('sup', 'recon.locks', {});
      expect(lock!.lateChanges).toEqual([{ key: `tx:${tx.id}`, change: 'added' }]);
    } finally {
      move.run(tx.at, tx.id);
    }
    expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
  });
});

describe('what a lock saw, entity by entity', () => {
  const lateChanges = async () => (await ws.call('sup', 'recon.locks', {}))[0]!.lateChanges;
  /** A journal transaction of the locked week (the first of its first day, or of its last day). */
  const weekTx = (last = false) => {
    const span = spanOf(last ? { from: FIRST_WEEK.to, to: FIRST_WEEK.to } : FIRST_WEEK);
    return db()
      .prepare(
        'SELECT id, occurred_at AS at FROM journal_transactions WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id LIMIT 1',
      )
      .get(span.start, span.end) as { id: string; at: number };
  };

  it('names a deleted transaction removed, and one re-dated out of the week removed until it comes back', async () => {
    const tx = weekTx();
    await undone(async () => {
      db().prepare('DELETE FROM journal_lines WHERE transaction_id = ?').run(tx.id);
      db().prepare('DELETE FROM journal_transactions WHERE id = ?').run(tx.id);
      expect(await lateChanges()).toEqual([{ key: `tx:${tx.id}`, change: 'removed' }]);
    });
    const move = db().prepare('UPDATE journal_transactions SET occurred_at = ? WHERE id = ?');
    move.run(spanOf(FIRST_WEEK).end + 3_600_000, tx.id);
    try {
      expect(await lateChanges()).toEqual([{ key: `tx:${tx.id}`, change: 'removed' }]);
    } finally {
      move.run(tx.at, tx.id);
    }
    expect(await lateChanges()).toEqual([]);
  });

  it('names a transaction inserted into the week added, and one whose lines changed changed', async () => {
    const tx = weekTx(true);
    const copy = `${tx.id}-late`;
    const columns = (table: string) =>
      (db().prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
    await undone(async () => {
      db()
        .prepare(
          `INSERT INTO journal_transactions (${columns('journal_transactions')})
           SELECT ${columns('journal_transactions')
             .replace(/\bid\b/, '@copy')
             .replace('source_id', "source_id || '-late'")}
           FROM journal_transactions WHERE id = @id`,
        )
        .run({ copy, id: tx.id });
      db()
        .prepare(
          `INSERT INTO journal_lines (${columns('journal_lines')})
           SELECT ${columns('journal_lines').replace('transaction_id', '@copy')} FROM journal_lines WHERE transaction_id = @id`,
        )
        .run({ copy, id: tx.id });
      expect(await lateChanges()).toEqual([{ key: `tx:${copy}`, change: 'added' }]);
    });
    const account = db()
      .prepare('SELECT account FROM journal_lines WHERE transaction_id = ? ORDER BY line_no LIMIT 1')
      .pluck()
      .get(tx.id) as string;
    const rename = db().prepare(
      'UPDATE journal_lines SET account = ? WHERE transaction_id = ? AND line_no = 1',
    );
    await undone(async () => {
      rename.run('suspense', tx.id);
      expect(await lateChanges()).toEqual([{ key: `tx:${tx.id}`, change: 'changed' }]);
      rename.run(account, tx.id);
      expect(await lateChanges()).toEqual([]);
    });
  });

  it('reads a payment changed and changed back as unchanged, and a rebuild that puts a tampered row back forgets it', async () => {
    const span = spanOf(FIRST_WEEK);
    const [first, second] = db()
      .prepare(
        'SELECT id FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT 2',
      )
      .pluck()
      .all(span.start, span.end) as string[];
    const discount = db().prepare('UPDATE payments SET discount_pence = discount_pence + ? WHERE id = ?');
    discount.run(5, first);
    discount.run(-5, first);
    expect(await lateChanges()).toEqual([]);
    discount.run(1, second);
    expect(await lateChanges()).toEqual([{ key: `payment:${second}`, change: 'changed' }]);
    expect(keptEntities()).toBeGreaterThan(0);
    // The rebuild writes the tampered payment again from Stripe's inputs: the books changed, the locked week did not.
    const rebuilt = await ws.call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(false);
    expect(await lateChanges()).toEqual([]);
    expect(keptEntities()).toBe(0);
  });
});

describe('two locks', () => {
  const NEXT_DAYS = { kind: 'custom', from: '2026-07-06', to: '2026-07-08' } as const;
  const locks = async () =>
    Object.fromEntries((await ws.call('sup', 'recon.locks', {})).map((l) => [l.from, l]));
  const paymentOn = (period: { from: string; to: string }) =>
    db()
      .prepare(
        'SELECT id, created_at AS at FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY created_at LIMIT 1',
      )
      .get(spanOf(period).start, spanOf(period).end) as { id: string; at: number };

  it('refuses a lock over a locked day, and flags each change on the lock of its own period only', async () => {
    await undone(async () => {
      const across = await ws.reconcile('fin', { kind: 'custom', from: '2026-07-05', to: '2026-07-06' });
      expect(across.status).toBe('reconciled');
      expect(await ws.refused('fin', 'recon.lock', { reportId: across.id })).toBe('conflict');
      const run = await ws.reconcile('fin', NEXT_DAYS);
      expect(run.status).toBe('reconciled');
      expect((await ws.call('fin', 'recon.lock', { reportId: run.id })).lateChangeCount).toBe(0);
      const next = paymentOn(NEXT_DAYS).id;
      const discount = db().prepare('UPDATE payments SET discount_pence = discount_pence + ? WHERE id = ?');
      discount.run(1, next);
      const changed = await locks();
      expect(changed[NEXT_DAYS.from]!.lateChanges).toEqual([{ key: `payment:${next}`, change: 'changed' }]);
      expect(changed[FIRST_WEEK.from]!.lateChangeCount).toBe(0);
      discount.run(-1, next);
      // A payment of the week moved to the next days: gone from the first lock, new to the second; then back.
      const week = paymentOn({ from: '2026-07-03', to: '2026-07-03' });
      const move = db().prepare('UPDATE payments SET created_at = ? WHERE id = ?');
      move.run(spanOf(NEXT_DAYS).start + 3_600_000, week.id);
      const moved = await locks();
      expect(moved[NEXT_DAYS.from]!.lateChanges).toEqual([{ key: `payment:${week.id}`, change: 'added' }]);
      expect(moved[FIRST_WEEK.from]!.lateChanges).toEqual([{ key: `payment:${week.id}`, change: 'removed' }]);
      move.run(week.at, week.id);
      const back = await locks();
      expect(back[NEXT_DAYS.from]!.lateChangeCount).toBe(0);
      expect(back[FIRST_WEEK.from]!.lateChangeCount).toBe(0);
    });
  });
});

describe('the charts’ totals', () => {
  it('cover a range exactly with whole months and the days at its ends', () => {
    expect(transferBuckets('2026-06-24', '2026-08-02')).toEqual([
      ...Array.from({ length: 7 }, (_, i) => addDays('2026-06-24', i)),
      '2026-07',
      '2026-08-01',
      '2026-08-02',
    ]);
    expect(transferBuckets('2026-02-01', '2026-02-28')).toEqual(['2026-02']);
    expect(transferBuckets('2026-12-01', '2027-01-31')).toEqual(['2026-12', '2027-01']);
  });

  it('equal the payments’ and the journal’s own rows after the sync, and the backfill makes the same transfer totals', () => {
    expectChartsEqualRows();
    const statements = splitStatements(
      readFileSync(join(MIGRATIONS_DIR, '0026_recon_totals_and_lock_marks.sql'), 'utf8'),
    );
    const backfill = statements.find((s) => s.includes('INSERT INTO instructor_transfer_totals'))!;
    const sqlite = db();
    sqlite.exec('CREATE TEMP TABLE backfilled AS SELECT * FROM instructor_transfer_totals WHERE 0');
    try {
      sqlite.exec(backfill.replace('INSERT INTO instructor_transfer_totals', 'INSERT INTO temp.backfilled'));
      expect(sqlite.prepare('SELECT * FROM temp.backfilled ORDER BY bucket, instructor_id').all()).toEqual(
        transferTotals(),
      );
    } finally {
      sqlite.exec('DROP TABLE temp.backfilled');
    }
  });

  it('follow a refund and a transfer reversal, and a rebuild makes them byte for byte again', async () => {
    const sqlite = db();
    const pi = sqlite
      .prepare(
        "SELECT stripe_payment_intent_id FROM payments WHERE status = 'succeeded' ORDER BY created_at LIMIT 1",
      )
      .pluck()
      .get() as string;
    const stripe = ws.stripe();
    await stripe.refunds.create({ payment_intent: pi, amount: 300 });
    const transfer = (await stripe.transfers.list({ limit: 1 })).data[0]!;
    await stripe.transfers.createReversal(transfer.id, { amount: 150 });
    await ws.sync();
    const reversals = sqlite
      .prepare("SELECT count(*) FROM journal_transactions WHERE kind = 'reversal'")
      .pluck()
      .get() as number;
    expect(reversals).toBeGreaterThan(0);
    expectChartsEqualRows();
    const before = transferTotals();
    const rebuilt = await ws.call('admin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
    expect(transferTotals()).toEqual(before);
    expectChartsEqualRows();
  });
});

describe('a lock taken before the change marks', () => {
  it('is still compared day by day against the print it keeps whole', async () => {
    const { sqlite } = ws.c.core.services;
    // The refund of the charts' tests, in the locked week, is flagged already.
    const [lock] = await ws.call('sup', 'recon.locks', {});
    expect(lock!.lateChangeCount).toBe(1);
    const span = spanOf(FIRST_WEEK);
    const payment = sqlite
      .prepare('SELECT id FROM payments WHERE created_at >= ? AND created_at < ? LIMIT 1')
      .pluck()
      .get(span.start, span.end) as string;
    await unguarded(async () => {
      // As if it had been locked now, before the marks.
      sqlite
        .prepare('UPDATE reconciliation_locks SET mark_seq = NULL, fingerprint = ? WHERE id = ?')
        .run(JSON.stringify({ days: dayPrints(sqlite, FIRST_WEEK) }), lock!.id);
      expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChangeCount).toBe(0);
      sqlite.prepare('UPDATE payments SET discount_pence = discount_pence + 1 WHERE id = ?').run(payment);
      expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChanges).toEqual([
        { key: `payment:${payment}`, change: 'changed' },
      ]);
    });
    expect((await ws.call('sup', 'recon.locks', {}))[0]!.lateChanges).toEqual(lock!.lateChanges);
  });
});
