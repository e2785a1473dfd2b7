// What the last reconciliation read from Stripe, kept so the next run reads only what changed since (Stripe's own
// event log, from a cursor): src/main/recon/stripe-kept.ts. Stripe's answer, not the synced books: a rebuild keeps it.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The kept read (one row, id 1; none until a run has read Stripe whole). */
export const reconStripeRead = sqliteTable('recon_stripe_read', {
  id: integer('id').primaryKey(),
  /** The span read, epoch ms [start, end): charges a day either side of it, as a run reads them. */
  span_start: integer('span_start').notNull(),
  span_end: integer('span_end').notNull(),
  /** The newest event in Stripe's /v1/events before the read began (null: Stripe listed none yet). */
  event_cursor: text('event_cursor'),
  /** Stripe's clock (epoch seconds) when the read, or its last update, began: objects created since are listed. */
  read_at: integer('read_at').notNull(),
  /** Stripe's clock (epoch seconds) when the read, or its last update, ended. */
  ended_at: integer('ended_at').notNull(),
  /**
   * Kept by the background refresh (recon/kept-warm.ts): the rolling span from the start of last month, which a run's
   * whole read of another period never replaces.
   */
  background: integer('background', { mode: 'boolean' }).notNull().default(false),
});

/**
 * One object of the kept read: the fields the checks compare (stripe-side.ts), one column each, so loading the kept
 * read is a plain SELECT. Each kind fills its own columns and leaves the others null.
 */
export const reconStripeObjects = sqliteTable(
  'recon_stripe_objects',
  {
    kind: text('kind', { enum: ['charge', 'transfer', 'payout'] }).notNull(),
    id: text('id').notNull(),
    /** Epoch ms. */
    created: integer('created').notNull(),
    amount: integer('amount').notNull(),
    /** Charges and payouts. */
    status: text('status'),
    /** Charges. */
    payment_intent: text('payment_intent'),
    amount_refunded: integer('amount_refunded'),
    disputed: integer('disputed', { mode: 'boolean' }),
    /** Transfers. */
    amount_reversed: integer('amount_reversed'),
    destination: text('destination'),
    /** Payouts: Σ net of the balance transactions it carried (null for a manual payout), and how many. */
    automatic: integer('automatic', { mode: 'boolean' }),
    carried_pence: integer('carried_pence'),
    carried_count: integer('carried_count'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);
