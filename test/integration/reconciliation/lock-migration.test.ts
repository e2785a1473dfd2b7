// Locks taken before migration 0032_lock_seen (kept per London day) are not converted: after the migration they keep
// their day prints, the new triggers pass them by, and a later change to their period is still flagged through the
// change marks, entity by entity.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { migrate } from '../../../src/main/db/migrate';
import { changesSinceLock, currentMarkSeq, dayPrints } from '../../../src/main/recon/locks';
import { spanOf } from '../../../src/main/recon/period';

const dir = mkdtempSync(join(tmpdir(), 'lplate-lock-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations as they stood before `tag`: the same files, the journal cut short. */
function migrationsBefore(tag: string): string {
  const before = join(dir, 'migrations');
  cpSync(MIGRATIONS_DIR, before, { recursive: true });
  const journal = JSON.parse(readFileSync(join(before, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
  return before;
}

const WEEK = { from: '2026-06-29', to: '2026-07-05' };

describe('a lock kept per day, through migration 0031', () => {
  it('keeps its day prints and reads a later change to its period from the marks, while the triggers pass it by', () => {
    const sqlite = new Database(join(dir, 'lplate.sqlite'));
    try {
      migrate(sqlite, migrationsBefore('0032_lock_seen'));
      const span = spanOf(WEEK);
      const now = span.end + 86_400_000;
      sqlite
        .prepare('INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run('fin', 'fin@x.test', 'Fin', now, now);
      sqlite
        .prepare(
          `INSERT INTO reconciliation_reports (id, report_date, total_revenue_pence, total_payouts_pence,
             total_fees_pence, created_at, period_from, period_to, status)
           VALUES ('run', ?, 0, 0, 0, ?, ?, ?, 'reconciled')`,
        )
        .run(WEEK.to, now, WEEK.from, WEEK.to);
      const addTx = (id: string, at: number) => {
        sqlite
          .prepare(
            `INSERT INTO journal_transactions (id, kind, source_type, source_id, occurred_at, description, origin)
             VALUES (?, 'adjustment', 'test', ?, ?, 'test', 'test')`,
          )
          .run(id, id, at);
        const line = sqlite.prepare(
          'INSERT INTO journal_lines (transaction_id, line_no, account, amount_pence) VALUES (?, ?, ?, ?)',
        );
        line.run(id, 1, 'stripe_balance', 250);
        line.run(id, 2, 'platform_revenue', -250);
      };
      addTx('tx-before', span.start + 3_600_000);
      // The lock as 0026–0030 took it: the marks' seq and a print of each day.
      sqlite
        .prepare(
          `INSERT INTO reconciliation_locks (id, period_from, period_to, report_id, locked_by, locked_at, fingerprint,
             mark_seq) VALUES ('lock', ?, ?, 'run', 'fin', ?, '{}', ?)`,
        )
        .run(WEEK.from, WEEK.to, now, currentMarkSeq(sqlite));
      const keep = sqlite.prepare(
        'INSERT INTO reconciliation_lock_days (lock_id, day, digest, entities) VALUES (?, ?, ?, ?)',
      );
      for (const [day, print] of Object.entries(dayPrints(sqlite, WEEK)))
        keep.run('lock', day, print.digest, JSON.stringify(print.entities));

      migrate(sqlite, MIGRATIONS_DIR);
      const lock = sqlite
        .prepare(
          `SELECT id, period_from AS "from", period_to AS "to", mark_seq AS markSeq, span_start AS spanStart,
             fingerprint FROM reconciliation_locks`,
        )
        .get() as Parameters<typeof changesSinceLock>[1];
      expect(lock).toMatchObject({ markSeq: expect.any(Number), spanStart: null });
      expect(sqlite.prepare('SELECT count(*) FROM reconciliation_lock_days').pluck().get()).toBe(7);
      expect(changesSinceLock(sqlite, lock)).toEqual([]);
      // A late transaction in the week and an edited one: flagged from the marks and the day prints.
      addTx('tx-late', span.start + 2 * 3_600_000);
      sqlite
        .prepare(
          "UPDATE journal_lines SET account = 'suspense' WHERE transaction_id = 'tx-before' AND line_no = 2",
        )
        .run();
      expect(changesSinceLock(sqlite, lock)).toEqual([
        { key: 'tx:tx-before', change: 'changed' },
        { key: 'tx:tx-late', change: 'added' },
      ]);
      expect(sqlite.prepare('SELECT count(*) FROM recon_lock_seen').pluck().get()).toBe(0);
    } finally {
      sqlite.close();
    }
  });
});
