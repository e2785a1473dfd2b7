// Code definitions: the discount and referral codes the console made or took over — console records (what finance
// decided), never touched by a rebuild; the code tables are projected from them and from Stripe.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, timestamps } from './columns';
import { isoDate } from './money';
import { users } from './people';

export const codeDefinitions = sqliteTable(
  'code_definitions',
  {
    /** The same id as the code's row in discount_codes or referral_codes (derived from the code's text). */
    id: id(),
    kind: text('kind').notNull(),
    /** Upper case, unique: the text learners type. */
    code: text('code').notNull(),
    discount_percentage: integer('discount_percentage').notNull(),
    /** null: no limit. */
    max_uses: integer('max_uses'),
    /** Last UK date the code works on, inclusive. */
    expires_on: text('expires_on'),
    /** What the console wants: deactivating takes effect here at once, and in Stripe through the outbox. */
    is_active: flag('is_active'),
    referrer_id: text('referrer_id').references(() => users.id),
    /** Codes generated together share a batch (one job, one CSV). */
    batch_id: text('batch_id'),
    /** `console` when made here, `stripe` when taken over from a code made in Stripe. */
    origin: text('origin').notNull(),
    created_by: text('created_by').references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('code_definitions_code_idx').on(t.code),
    index('code_definitions_batch_idx').on(t.batch_id),
    check('code_definitions_kind_check', sql`${t.kind} IN ('discount', 'referral')`),
    check('code_definitions_origin_check', sql`${t.origin} IN ('console', 'stripe')`),
    check('code_definitions_referrer_check', sql`(${t.kind} = 'referral') = (${t.referrer_id} IS NOT NULL)`),
    check('code_definitions_pct_check', sql`${t.discount_percentage} BETWEEN 1 AND 100`),
    check('code_definitions_max_check', sql`${t.max_uses} IS NULL OR ${t.max_uses} >= 1`),
    check(
      'code_definitions_code_check',
      sql`${t.code} = upper(${t.code}) AND length(${t.code}) BETWEEN 4 AND 32 AND ${t.code} NOT GLOB '*[^A-Z0-9-]*'`,
    ),
    check('code_definitions_expiry_check', sql`${t.expires_on} IS NULL OR ${isoDate(t.expires_on)}`),
  ],
);

/**
 * How many payments used each code and were charged (a code's `uses_count`, DOMAIN.md §3), kept by triggers on
 * `payments` (0049_code_use_counts): a codeuses root reads one row instead of counting every payment that used its
 * code, which grew with the code's popularity (a popular code counted tens of thousands of payments per batch).
 * `kind` is the payments column the code is in. Derived from payments, so a rebuild clears it with them.
 */
export const codeUseCounts = sqliteTable(
  'code_use_counts',
  {
    kind: text('kind').notNull(),
    code_id: text('code_id').notNull(),
    uses: integer('uses').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.code_id] }),
    check('code_use_counts_kind_check', sql`${t.kind} IN ('discount', 'referral')`),
  ],
);
