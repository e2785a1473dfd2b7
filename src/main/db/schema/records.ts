// The append-only audit chain, its id index and sync batches' changes, the workspace's own id, and saved reconciliation
// reports.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, pence } from './columns';
import { users } from './people';

/** One row, made at the first opening: names the workspace's keys kept outside the file (the audit key and head). */
export const workspaceIdentity = sqliteTable('workspace_identity', {
  id: id(),
  created_at: instant('created_at'),
});

export const auditLogs = sqliteTable(
  'audit_logs',
  {
    id: id(),
    seq: integer('seq').notNull(),
    entity_type: text('entity_type').notNull(),
    entity_id: text('entity_id').notNull(),
    action: text('action').notNull(),
    old_values: text('old_values', { mode: 'json' }),
    new_values: text('new_values', { mode: 'json' }),
    user_id: text('user_id').references(() => users.id),
    actor: text('actor').notNull(),
    created_at: instant('created_at'),
    prev_hash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_seq_idx').on(t.seq),
    index('audit_entity_idx').on(t.entity_type, t.seq),
    index('audit_action_idx').on(t.action, t.seq),
    index('audit_user_idx').on(t.user_id, t.seq),
    // A day (or a day and an action) seeks its entries and reads their seq from the index: no walk from the newest.
    index('audit_created_idx').on(t.created_at, t.seq),
    index('audit_action_created_idx').on(t.action, t.created_at, t.seq),
    index('audit_entity_id_idx').on(t.entity_id),
    check('audit_actor_check', sql`${t.actor} IN ('operator', 'sync', 'system')`),
    check('audit_seq_check', sql`${t.seq} >= 1`),
  ],
);

/**
 * The id-shaped words in each audit entry's old and new values (src/main/audit/ids.ts), so a pasted id is found by a
 * range of this key instead of a scan of every entry; a sync batch entry's are in `audit_batch_ids` instead
 * (src/main/audit/sync-batch.ts). Derived: written with each entry, filled by migration for older ones, never part
 * of the hash chain.
 */
export const auditIds = sqliteTable(
  'audit_ids',
  {
    value_id: text('value_id').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.value_id, t.seq] }),
    // An entry's ids by its seq: a short id prefix that many entries hold walks the log in seq order (id-page.ts).
    index('audit_ids_seq_idx').on(t.seq, t.value_id),
  ],
);

/**
 * What one sync batch changed, entity by entity (src/main/audit/sync-batch.ts): the rows of the `sync_batch` audit
 * entry `seq`, in the order `n` they were made, each with the changed fields' old and new values and the projection
 * root that wrote them. The entry's hash covers them through the digest in its values; append-only like the chain.
 */
export const auditSyncChanges = sqliteTable(
  'audit_sync_changes',
  {
    seq: integer('seq').notNull(),
    n: integer('n').notNull(),
    entity_type: text('entity_type').notNull(),
    entity_id: text('entity_id').notNull(),
    action: text('action').notNull(),
    old_values: text('old_values'),
    new_values: text('new_values'),
    root: text('root').notNull(),
  },
  (t) => [
    // The batches that changed an entity are found in the batch id index (`audit_batch_ids`, written by
    // src/main/audit/sync-batch.ts), then read on this key.
    primaryKey({ columns: [t.seq, t.n] }),
    // The batches that changed an entity of a type (the Audit log's Entity filter, support's scope).
    index('audit_sync_changes_type_idx').on(t.entity_type, t.seq),
  ],
);

export const reconciliationReports = sqliteTable(
  'reconciliation_reports',
  {
    id: id(),
    report_date: text('report_date').notNull(),
    total_revenue_pence: pence('total_revenue_pence'),
    total_payouts_pence: pence('total_payouts_pence'),
    total_fees_pence: pence('total_fees_pence'),
    payment_breakdown: text('payment_breakdown', { mode: 'json' }),
    payout_breakdown: text('payout_breakdown', { mode: 'json' }),
    created_at: instant('created_at'),
    /** The console's runs (null on rows the marketplace made): the period, London dates, `to` inclusive. */
    period_kind: text('period_kind'),
    period_from: text('period_from'),
    period_to: text('period_to'),
    /** `reconciled` (no discrepancy) or `discrepancies` (checked by a trigger: drizzle would rebuild the table). */
    status: text('status'),
    run_by: text('run_by').references(() => users.id),
    /** Every figure of the run (recon/figures.ts) and every discrepancy found, as JSON. */
    figures: text('figures', { mode: 'json' }),
    discrepancies: text('discrepancies', { mode: 'json' }),
    discrepancy_count: integer('discrepancy_count'),
  },
  (t) => [
    index('recon_date_idx').on(t.report_date),
    index('recon_period_idx').on(t.period_from, t.period_to, t.created_at),
    index('recon_created_idx').on(t.created_at),
    check('recon_date_check', sql`${t.report_date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);

/** A reconciled period finance locked: what its books looked like then, so a later change is flagged, not absorbed. */
export const reconciliationLocks = sqliteTable(
  'reconciliation_locks',
  {
    id: id(),
    period_from: text('period_from').notNull(),
    period_to: text('period_to').notNull(),
    /** The reconciled run the lock was taken on. */
    report_id: text('report_id')
      .notNull()
      .references(() => reconciliationReports.id),
    locked_by: text('locked_by')
      .notNull()
      .references(() => users.id),
    locked_at: instant('locked_at'),
    /**
     * Locks taken before migration 0026: per entity touching the period (journal transactions, payments, payouts) a
     * short hash of its state, per day. Later locks keep `{}` here: those of 0026–0030 keep their days in
     * reconciliation_lock_days, those since 0031 a span (below).
     */
    fingerprint: text('fingerprint', { mode: 'json' }).notNull(),
    /** recon_change_marks' highest seq when the lock was taken: a day marked above it changed since (null: older locks). */
    mark_seq: integer('mark_seq'),
    /**
     * The period as epoch ms [span_start, span_end): the triggers that keep what the lock saw (recon_lock_seen) find
     * the lock of a row's instant by span_end. Null on locks taken before those triggers (they keep day prints).
     */
    span_start: integer('span_start'),
    span_end: integer('span_end'),
  },
  (t) => [
    index('recon_locks_period_idx').on(t.period_from, t.period_to),
    index('recon_locks_span_idx').on(t.span_end, t.span_start),
    uniqueIndex('recon_locks_report_idx').on(t.report_id),
    check('recon_locks_period_check', sql`${t.period_from} <= ${t.period_to}`),
  ],
);
