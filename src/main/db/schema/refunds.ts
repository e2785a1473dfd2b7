// Refund requests and dispute decisions: what operators decided about money going back — console records that a
// ledger rebuild never touches; the Stripe refunds and disputes they lead to are projected elsewhere.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, pence } from './columns';
import { users } from './people';

/** A refund someone asked for, and the decision on it (maker–checker). Its Stripe refund carries its id. */
export const refundRequests = sqliteTable(
  'refund_requests',
  {
    id: id(),
    /** The payment (a projected row, so no foreign key: a rebuild clears and rewrites payments). */
    payment_id: text('payment_id').notNull(),
    hours: integer('hours').notNull(),
    /** Of `hours`, those already used in lessons (finance or a manager only): the instructor's share is clawed back. */
    used_hours: integer('used_hours').notNull().default(0),
    /** What the hours are worth (the learner's paid share, taken from the back); fixed again at approval. */
    amount_pence: pence('amount_pence'),
    /** The amount asked for when the request named one (not hours): it stays, and `hours` are those it takes back. */
    requested_amount_pence: integer('requested_amount_pence'),
    reason: text('reason').notNull(),
    note: text('note').notNull(),
    requested_by: text('requested_by')
      .notNull()
      .references(() => users.id),
    created_at: instant('created_at'),
    state: text('state').notNull(),
    decided_by: text('decided_by').references(() => users.id),
    decided_at: integer('decided_at'),
    decision_note: text('decision_note'),
  },
  (t) => [
    index('refund_requests_state_idx').on(t.state, t.created_at),
    index('refund_requests_created_idx').on(t.created_at),
    index('refund_requests_payment_idx').on(t.payment_id, t.created_at),
    check('refund_requests_hours_check', sql`${t.hours} > 0`),
    check('refund_requests_amount_check', sql`${t.amount_pence} > 0`),
    check(
      'refund_requests_reason_check',
      sql`${t.reason} IN ('requested_by_customer', 'duplicate', 'fraudulent')`,
    ),
    check('refund_requests_state_check', sql`${t.state} IN ('requested', 'approved', 'rejected')`),
    check(
      'refund_requests_decision_check',
      sql`(${t.state} = 'requested') = (${t.decided_by} IS NULL AND ${t.decided_at} IS NULL)`,
    ),
  ],
);

/** What finance decided about the instructor's share of a payment lost to a dispute. */
export const disputeDecisions = sqliteTable(
  'dispute_decisions',
  {
    id: id(),
    /** Stripe's dispute id (dp_…). */
    dispute_id: text('dispute_id').notNull(),
    payment_id: text('payment_id').notNull(),
    decision: text('decision').notNull(),
    /** The instructor's share of the disputed payment at the time of the decision. */
    instructor_share_pence: pence('instructor_share_pence'),
    note: text('note').notNull(),
    decided_by: text('decided_by')
      .notNull()
      .references(() => users.id),
    created_at: instant('created_at'),
  },
  (t) => [
    uniqueIndex('dispute_decisions_dispute_idx').on(t.dispute_id),
    check('dispute_decisions_decision_check', sql`${t.decision} IN ('claw_back', 'absorb')`),
    check('dispute_decisions_share_check', sql`${t.instructor_share_pence} >= 0`),
  ],
);
