// What lets the ledger's invariants be proven again without reading all history: triggers note every liability
// account whose inputs change, and the last clean check keeps where it stood (src/main/ledger/proof.ts).
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A liability account (`learner_prepaid:{learner}:{instructor}`, `instructor_payable:{instructor}`) whose journal
 * lines or source rows (payments, refunds, earnings, payouts, clawbacks, instructors) changed since it was last
 * proven. Kept by triggers (migration 0027); emptied by a clean check.
 */
export const ledgerUnproven = sqliteTable('ledger_unproven', {
  account: text('account').primaryKey(),
});

/** The last clean check of every invariant (one row, id 1; none until the first check). */
export const ledgerProof = sqliteTable('ledger_proof', {
  id: integer('id').primaryKey(),
  /** recon_change_marks' highest seq then: every journal transaction balanced, so only hours marked above it are read. */
  mark_seq: integer('mark_seq').notNull(),
  /** Each instructor's Dashboard transfers then (JSON, instructor id → pence), which no trigger follows. */
  dashboard: text('dashboard').notNull(),
  proven_at: integer('proven_at').notNull(),
});
