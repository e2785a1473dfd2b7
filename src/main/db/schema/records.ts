// The append-only audit chain, the workspace's own id, and saved reconciliation reports.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
    index('audit_created_idx').on(t.created_at),
    index('audit_entity_id_idx').on(t.entity_id),
    check('audit_actor_check', sql`${t.actor} IN ('operator', 'sync', 'system')`),
    check('audit_seq_check', sql`${t.seq} >= 1`),
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
  },
  (t) => [
    index('recon_date_idx').on(t.report_date),
    check('recon_date_check', sql`${t.report_date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);
