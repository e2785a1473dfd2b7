// What lets a locked period be checked without reading all of it: triggers mark each hour whose money rows change,
// and a lock keeps its fingerprints per London day, so a read compares only the days marked since the lock.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { reconciliationLocks } from './records';

/**
 * The last change to an hour's money rows (journal transactions and lines by occurred_at, payments and payouts by
 * created_at; `hour` is epoch ms ÷ 3,600,000, so the triggers need no date functions and each London day is a run
 * of whole hours). `seq` grows with every change anywhere, so "changed since the lock" is `seq > lock's mark_seq`.
 * Kept by triggers (migration 0026); a console record, never cleared.
 */
export const reconChangeMarks = sqliteTable(
  'recon_change_marks',
  {
    hour: integer('hour').primaryKey(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('recon_change_marks_seq_idx').on(t.seq)],
);

/** A locked day as it was at the lock: a digest of its rows and a short hash of each entity (see recon/locks.ts). */
export const reconciliationLockDays = sqliteTable(
  'reconciliation_lock_days',
  {
    lock_id: text('lock_id')
      .notNull()
      .references(() => reconciliationLocks.id),
    day: text('day').notNull(),
    digest: text('digest').notNull(),
    entities: text('entities', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lock_id, t.day] })],
);
