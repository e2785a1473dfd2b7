// Finance's decisions about Stripe objects kept without the marketplace's metadata: a console record the
// projection reads (never cleared by a rebuild), so an attributed payment or transfer stays attributed.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { users } from './people';

export const attributions = sqliteTable(
  'attributions',
  {
    /** The Stripe object decided about: a PaymentIntent (or lone charge) or a transfer. */
    object_id: text('object_id').primaryKey(),
    object_type: text('object_type').notNull(),
    /** `attributed`: the object is marketplace money of the people named; `not_marketplace`: it is not. */
    decision: text('decision').notNull(),
    learner_id: text('learner_id'),
    /** The learner's name and email when decided: the projection names them if no payment of theirs is replayed yet. */
    learner_name: text('learner_name'),
    learner_email: text('learner_email'),
    instructor_id: text('instructor_id'),
    payment_type: text('payment_type'),
    hours: integer('hours'),
    /** The instructor's hourly rate when decided: the payment's split never depends on when it is projected. */
    rate_pence: integer('rate_pence'),
    /** For a transfer: the Friday payout it counts as. */
    payout_date: text('payout_date'),
    note: text('note').notNull(),
    decided_by: text('decided_by')
      .notNull()
      .references(() => users.id),
    decided_at: instant('decided_at'),
  },
  (t) => [
    index('attributions_decided_idx').on(t.decided_at, t.object_id),
    check('attributions_decision_check', sql`${t.decision} IN ('attributed', 'not_marketplace')`),
    check(
      'attributions_attributed_check',
      sql`${t.decision} = 'not_marketplace' OR (${t.instructor_id} IS NOT NULL AND (
        (${t.object_type} = 'transfer' AND ${t.payout_date} IS NOT NULL) OR
        (${t.object_type} <> 'transfer' AND ${t.learner_id} IS NOT NULL AND ${t.hours} > 0 AND ${t.rate_pence} > 0
          AND ${t.payment_type} IN ('lesson', 'credit_pack'))))`,
    ),
    check('attributions_note_check', sql`length(trim(${t.note})) > 0`),
  ],
);
