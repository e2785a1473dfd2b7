// What lets a reconciliation's payment checks be proven again without reading the whole period: the last check's
// period, and the payments and charges changed since, noted by triggers (src/main/recon/payment-proof.ts).
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The last payment check (one row, id 1; none until the first check, and none after a rebuild). */
export const reconPaymentProof = sqliteTable('recon_payment_proof', {
  id: integer('id').primaryKey(),
  /** The period checked, epoch ms [start, end): only a run of the same period builds on it. */
  span_start: integer('span_start').notNull(),
  span_end: integer('span_end').notNull(),
  /**
   * What the checks read that no trigger follows, and their version (JSON): the platform fee's history then (its
   * settings_history rows) and its default, and `PAYMENT_CHECKS_VERSION`.
   */
  inputs: text('inputs').notNull(),
  /** How many migrations had been applied: a later one may rewrite payments without the triggers. */
  migrations: integer('migrations').notNull(),
  proven_at: integer('proven_at').notNull(),
});

/**
 * A PaymentIntent (or a charge or object id) whose payment checks must be made again: a payment row, an unattributed
 * object or a kept Stripe charge changed since the last check, or the check found a discrepancy for it. Kept by
 * triggers (only while a proof exists); replaced by each check with the keys of what it found.
 */
export const reconPaymentUnproven = sqliteTable('recon_payment_unproven', {
  key: text('key').primaryKey(),
});
