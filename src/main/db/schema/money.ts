// The marketplace's money tables from the seed schema: accounts, payments, credits, payouts, codes, refunds.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, pence, timestamps } from './columns';
import { instructors, users } from './people';

/** A name column in an index, ordered as the screens order names (case-insensitive for ASCII). */
const byName = (column: unknown) => sql`${column} COLLATE NOCASE`;

export const isoDate = (column: unknown) => sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;

export const stripeConnectAccounts = sqliteTable(
  'stripe_connect_accounts',
  {
    id: id(),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    stripe_account_id: text('stripe_account_id').notNull(),
    account_type: text('account_type').notNull(),
    status: text('status').notNull(),
    charges_enabled: flag('charges_enabled'),
    payouts_enabled: flag('payouts_enabled'),
    country: text('country').notNull(),
    disabled_reason: text('disabled_reason'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('sca_stripe_account_idx').on(t.stripe_account_id),
    uniqueIndex('sca_instructor_idx').on(t.instructor_id),
    check('sca_type_check', sql`${t.account_type} IN ('express', 'standard', 'custom')`),
    check('sca_status_check', sql`${t.status} IN ('pending', 'enabled', 'restricted', 'rejected')`),
  ],
);

export const discountCodes = sqliteTable(
  'discount_codes',
  {
    id: id(),
    code: text('code').notNull(),
    discount_percentage: integer('discount_percentage').notNull(),
    max_uses: integer('max_uses').notNull(),
    uses_count: integer('uses_count').notNull().default(0),
    expires_at: text('expires_at'),
    is_active: flag('is_active'),
    /** The Stripe promotion code this row mirrors (the active one when several share the text). */
    stripe_promotion_code_id: text('stripe_promotion_code_id'),
    /** Redemptions Stripe counted over every promotion code of this text (uses_count counts payments). */
    stripe_times_redeemed: integer('stripe_times_redeemed'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('discount_codes_code_idx').on(t.code),
    index('discount_codes_promotion_idx').on(t.stripe_promotion_code_id),
    index('discount_codes_active_idx').on(t.is_active, t.code),
    index('discount_codes_created_idx').on(t.created_at),
    check('discount_codes_pct_check', sql`${t.discount_percentage} BETWEEN 1 AND 100`),
    check('discount_codes_uses_check', sql`${t.uses_count} >= 0 AND ${t.max_uses} >= 0`),
    check(
      'discount_codes_code_check',
      sql`${t.code} = upper(${t.code}) AND length(${t.code}) BETWEEN 4 AND 32`,
    ),
    check('discount_codes_expiry_check', sql`${t.expires_at} IS NULL OR ${isoDate(t.expires_at)}`),
  ],
);

export const referralCodes = sqliteTable(
  'referral_codes',
  {
    id: id(),
    code: text('code').notNull(),
    referrer_id: text('referrer_id')
      .notNull()
      .references(() => users.id),
    discount_percentage: integer('discount_percentage').notNull(),
    max_uses: integer('max_uses').notNull(),
    uses_count: integer('uses_count').notNull().default(0),
    expires_at: text('expires_at'),
    is_active: flag('is_active'),
    /** The Stripe promotion code this row mirrors (the active one when several share the text). */
    stripe_promotion_code_id: text('stripe_promotion_code_id'),
    /** Redemptions Stripe counted over every promotion code of this text (uses_count counts payments). */
    stripe_times_redeemed: integer('stripe_times_redeemed'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('referral_codes_code_idx').on(t.code),
    index('referral_codes_promotion_idx').on(t.stripe_promotion_code_id),
    index('referral_codes_active_idx').on(t.is_active, t.code),
    index('referral_codes_referrer_idx').on(t.referrer_id),
    check('referral_codes_pct_check', sql`${t.discount_percentage} BETWEEN 1 AND 100`),
    check('referral_codes_uses_check', sql`${t.uses_count} >= 0 AND ${t.max_uses} >= 0`),
    check(
      'referral_codes_code_check',
      sql`${t.code} = upper(${t.code}) AND length(${t.code}) BETWEEN 4 AND 32`,
    ),
    check('referral_codes_expiry_check', sql`${t.expires_at} IS NULL OR ${isoDate(t.expires_at)}`),
  ],
);

export const payments = sqliteTable(
  'payments',
  {
    id: id(),
    learner_id: text('learner_id')
      .notNull()
      .references(() => users.id),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    stripe_payment_intent_id: text('stripe_payment_intent_id').notNull(),
    total_amount_pence: pence('total_amount_pence'),
    platform_fee_pence: pence('platform_fee_pence'),
    instructor_amount_pence: pence('instructor_amount_pence'),
    status: text('status').notNull(),
    payment_type: text('payment_type').notNull(),
    hours: integer('hours').notNull(),
    discount_pence: pence('discount_pence').default(0),
    discount_code_id: text('discount_code_id').references(() => discountCodes.id),
    referral_code_id: text('referral_code_id').references(() => referralCodes.id),
    amount_refunded_pence: pence('amount_refunded_pence').default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('payments_pi_idx').on(t.stripe_payment_intent_id),
    index('payments_created_idx').on(t.created_at),
    index('payments_status_created_idx').on(t.status, t.created_at),
    index('payments_type_created_idx').on(t.payment_type, t.created_at),
    index('payments_learner_idx').on(t.learner_id, t.created_at),
    index('payments_instructor_idx').on(t.instructor_id, t.created_at),
    index('payments_discount_code_idx').on(t.discount_code_id, t.created_at),
    index('payments_referral_code_idx').on(t.referral_code_id, t.created_at),
    index('payments_total_idx').on(t.total_amount_pence),
    index('payments_type_total_idx').on(t.payment_type, t.total_amount_pence),
    index('payments_status_total_idx').on(t.status, t.total_amount_pence),
    check('payments_amounts_check', sql`${t.total_amount_pence} >= 0 AND ${t.instructor_amount_pence} >= 0`),
    check(
      'payments_split_check',
      sql`${t.total_amount_pence} = ${t.instructor_amount_pence} + ${t.platform_fee_pence}`,
    ),
    check('payments_discount_check', sql`${t.discount_pence} >= 0`),
    check(
      'payments_refunded_check',
      sql`${t.amount_refunded_pence} >= 0 AND ${t.amount_refunded_pence} <= ${t.total_amount_pence}`,
    ),
    check('payments_hours_check', sql`${t.hours} > 0`),
    check('payments_one_code_check', sql`${t.discount_code_id} IS NULL OR ${t.referral_code_id} IS NULL`),
    check(
      'payments_status_check',
      sql`${t.status} IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded', 'disputed')`,
    ),
    check('payments_type_check', sql`${t.payment_type} IN ('lesson', 'credit_pack')`),
  ],
);

/**
 * The payments summed by London calendar day, status and type, kept by triggers on `payments` (migration
 * 0023): the Payments totals line, unfiltered or by status, type and dates, sums a few hundred of these rows
 * instead of reading every payment.
 */
export const paymentDayTotals = sqliteTable(
  'payment_day_totals',
  {
    day: text('day').notNull(),
    status: text('status').notNull(),
    payment_type: text('payment_type').notNull(),
    count: integer('count').notNull(),
    total_pence: integer('total_pence').notNull(),
    instructor_pence: integer('instructor_pence').notNull(),
    fee_pence: integer('fee_pence').notNull(),
    refunded_pence: integer('refunded_pence').notNull(),
    /** Since migration 0039: a reconciliation's platform fee at list price and prepaid "in" add the discounts. */
    discount_pence: integer('discount_pence').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.status, t.payment_type] })],
);

export const learnerCredits = sqliteTable(
  'learner_credits',
  {
    id: id(),
    learner_id: text('learner_id')
      .notNull()
      .references(() => users.id),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    hours_purchased: integer('hours_purchased').notNull(),
    hours_used: integer('hours_used').notNull(),
    /** Unused hours refunds took back (pending or succeeded refunds), the one count every screen uses. */
    hours_refunded: integer('hours_refunded').notNull().default(0),
    /** The unused hours at their payments' list prices: the pair's learner_prepaid liability. */
    liability_pence: integer('liability_pence').notNull().default(0),
    is_active: flag('is_active'),
    ...timestamps(),
    /**
     * Copies of the learner's name and email and the instructor's name, kept by triggers (migration
     * 0030_credits_audit_sort_keys): the Credits page orders ties by the learner's name and searches names without
     * joining users for every pair. Not ledger data: the ledger hash leaves them out.
     */
    learner_name: text('learner_name').notNull().default(''),
    learner_email: text('learner_email').notNull().default(''),
    instructor_name: text('instructor_name').notNull().default(''),
  },
  (t) => [
    uniqueIndex('learner_credits_pair_idx').on(t.learner_id, t.instructor_id),
    index('learner_credits_instructor_idx').on(t.instructor_id),
    // The Credits page's orders, each with its tie order (learner's name, then id), so a page is an index walk. The
    // default order's index also holds the hours: the totals line over every pair reads it instead of the table.
    index('learner_credits_liability_idx').on(
      t.liability_pence,
      byName(t.learner_name),
      t.id,
      t.hours_purchased,
      t.hours_used,
      t.hours_refunded,
    ),
    index('learner_credits_remaining_idx').on(
      sql`(${t.hours_purchased} - ${t.hours_used} - ${t.hours_refunded})`,
      byName(t.learner_name),
      t.id,
    ),
    // It also holds what a broad search tests and sums, so its totals read this index rather than the table.
    index('learner_credits_learner_name_idx').on(
      byName(t.learner_name),
      t.id,
      t.learner_email,
      t.instructor_name,
      t.hours_purchased,
      t.hours_used,
      t.hours_refunded,
      t.liability_pence,
    ),
    index('learner_credits_instructor_name_idx').on(byName(t.instructor_name), byName(t.learner_name), t.id),
    index('learner_credits_updated_idx').on(t.updated_at, byName(t.learner_name), t.id),
    check(
      'learner_credits_hours_check',
      sql`${t.hours_used} >= 0 AND ${t.hours_used} <= ${t.hours_purchased}`,
    ),
  ],
);

/**
 * The Credits page's totals line over every pair, one row for pairs with hours left (`remaining`) and one for the rest
 * (`used_up`): kept by triggers on learner_credits (0044_credit_totals), so a page without a search or a person's
 * filter reads two rows instead of adding up every pair. Not ledger data: the ledger hash leaves it out.
 */
export const creditTotals = sqliteTable(
  'credit_totals',
  {
    state: text('state').primaryKey(),
    pairs: integer('pairs').notNull(),
    hours_purchased: integer('hours_purchased').notNull(),
    hours_used: integer('hours_used').notNull(),
    hours_refunded: integer('hours_refunded').notNull(),
    liability_pence: pence('liability_pence'),
  },
  (t) => [check('credit_totals_state_check', sql`${t.state} IN ('remaining', 'used_up')`)],
);

export const payouts = sqliteTable(
  'payouts',
  {
    id: id(),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    stripe_transfer_id: text('stripe_transfer_id'),
    amount_pence: pence('amount_pence'),
    status: text('status').notNull(),
    payout_date: text('payout_date').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('payouts_transfer_idx').on(t.stripe_transfer_id),
    index('payouts_date_idx').on(t.payout_date, t.instructor_id),
    index('payouts_instructor_idx').on(t.instructor_id, t.payout_date),
    // An instructor's paid payouts, read on every payable projection: without it SQLite reads every paid payout.
    index('payouts_instructor_status_idx').on(t.instructor_id, t.status, t.payout_date),
    index('payouts_status_idx').on(t.status, t.payout_date),
    check('payouts_amount_check', sql`${t.amount_pence} > 0`),
    check(
      'payouts_status_check',
      sql`${t.status} IN ('pending', 'submitted', 'paid', 'failed', 'held', 'reversed')`,
    ),
    check('payouts_date_check', isoDate(t.payout_date)),
  ],
);

export const refunds = sqliteTable(
  'refunds',
  {
    id: id(),
    payment_id: text('payment_id')
      .notNull()
      .references(() => payments.id),
    stripe_refund_id: text('stripe_refund_id'),
    amount_pence: pence('amount_pence'),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    hours: integer('hours'),
    /** Of `hours`, those already used in lessons: their instructor's share is clawed back (DOMAIN.md §6). */
    used_hours: integer('used_hours').notNull().default(0),
    note: text('note'),
    requested_by: text('requested_by').references(() => users.id),
    decided_by: text('decided_by').references(() => users.id),
    decided_at: integer('decided_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('refunds_stripe_idx').on(t.stripe_refund_id),
    index('refunds_payment_idx').on(t.payment_id),
    index('refunds_status_created_idx').on(t.status, t.created_at),
    index('refunds_created_idx').on(t.created_at),
    check('refunds_amount_check', sql`${t.amount_pence} > 0`),
    check('refunds_hours_check', sql`${t.hours} IS NULL OR ${t.hours} > 0`),
    check(
      'refunds_status_check',
      sql`${t.status} IN ('requested', 'approved', 'rejected', 'submitted', 'pending', 'succeeded', 'failed', 'canceled')`,
    ),
    check(
      'refunds_maker_checker_check',
      sql`${t.decided_by} IS NULL OR ${t.requested_by} IS NULL OR ${t.decided_by} <> ${t.requested_by}`,
    ),
  ],
);
