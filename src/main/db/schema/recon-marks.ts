// What lets a locked period be checked without reading all of it: triggers keep, the first time a locked entity
// changes, what the lock saw of it (recon_lock_seen); older locks kept fingerprints per London day and read the hours
// marked since (recon_change_marks).
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

/**
 * What a lock saw of each entity that changed after it (src/main/recon/locks.ts): triggers on journal transactions
 * and lines, payments and payouts copy, the first time a row of a locked period is updated or deleted, its state then
 * (`state`, from the recon_*_states views), or note with a null `state` that an entity came into the period (an
 * insert, a re-dated row). A read compares each row here with the entity now; nothing else of the period is read.
 */
export const reconLockSeen = sqliteTable(
  'recon_lock_seen',
  {
    lock_id: text('lock_id')
      .notNull()
      .references(() => reconciliationLocks.id),
    /** `tx:<id>`, `payment:<id>` or `payout:<id>`, as a late change names it. */
    entity: text('entity').notNull(),
    state: text('state'),
  },
  (t) => [primaryKey({ columns: [t.lock_id, t.entity] })],
);

/**
 * A locked day as locks taken between migrations 0026 and 0031 kept it: a digest of its rows and a short hash of each
 * entity (see recon/locks.ts). Later locks write none.
 */
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
