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
});

/** One object of the kept read: the fields the checks compare (stripe-side.ts), as JSON. */
export const reconStripeObjects = sqliteTable(
  'recon_stripe_objects',
  {
    kind: text('kind', { enum: ['charge', 'transfer', 'payout'] }).notNull(),
    id: text('id').notNull(),
    fields: text('fields').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);
