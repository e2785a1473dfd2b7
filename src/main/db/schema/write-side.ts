// The console's write side: long jobs and the outbox of Stripe writes — console records, never touched by a rebuild.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns';
import { users } from './people';

/** A long job in main (sync pass, backfill, Stripe writes…): kept after it ends so its result can be shown. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(),
    /** What a resumable job needs to carry on after a restart (JSON). */
    params: text('params', { mode: 'json' }),
    /** The last progress it reported (JSON: parts, message, items). */
    progress: text('progress', { mode: 'json' }),
    started_by: text('started_by').references(() => users.id),
    created_at: instant('created_at'),
    finished_at: integer('finished_at'),
  },
  (t) => [
    index('jobs_created_idx').on(t.created_at),
    index('jobs_state_idx').on(t.state, t.created_at),
    index('jobs_kind_idx').on(t.kind, t.created_at),
    check(
      'jobs_state_check',
      sql`${t.state} IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')`,
    ),
  ],
);

/**
 * Every write the console means to make to Stripe, committed with the operator's intent and its audit row before
 * any call. The idempotency key is derived from our own row ids and never changes; retries reuse it.
 */
export const stripeRequests = sqliteTable(
  'stripe_requests',
  {
    id: id(),
    /** Creation order: requests for the same Stripe object are sent in this order. */
    seq: integer('seq').notNull(),
    /** What to call (`promotion_code.update`, `transfer.create`, …): see src/main/outbox/stripe-writes.ts. */
    kind: text('kind').notNull(),
    /** The Stripe object an update or a reversal is for; null for a create. */
    target: text('target'),
    params: text('params', { mode: 'json' }).notNull(),
    idempotency_key: text('idempotency_key').notNull(),
    /** The console record this write carries out (`code_status`, later `payout`, `refund`…) and its id. */
    intent_type: text('intent_type').notNull(),
    intent_id: text('intent_id').notNull(),
    /** A write of the same submission that must succeed first (a coupon before its promotion code). */
    depends_on: text('depends_on'),
    /** A line for people: what this write does. */
    description: text('description').notNull(),
    requested_by: text('requested_by').references(() => users.id),
    job_id: text('job_id').references(() => jobs.id),
    /** The Stripe account and mode the write was asked of: it is never sent to another one. */
    stripe_mode: text('stripe_mode'),
    stripe_account: text('stripe_account'),
    state: text('state').notNull(),
    /** Set once an attempt may have reached Stripe (no answer, 5xx, 409, or a crash while sent). */
    maybe_applied: flag('maybe_applied').default(false),
    /** Why the write waits for a person (a key without the permission, a key Stripe rejected). */
    held_reason: text('held_reason'),
    attempts: integer('attempts').notNull().default(0),
    next_attempt_at: integer('next_attempt_at'),
    stripe_object_id: text('stripe_object_id'),
    /** Stripe's Request-Id of the last answer, to quote to Stripe support. */
    stripe_request_id: text('stripe_request_id'),
    error_type: text('error_type'),
    error_code: text('error_code'),
    error_message: text('error_message'),
    error_param: text('error_param'),
    error_status: integer('error_status'),
    created_at: instant('created_at'),
    updated_at: instant('updated_at'),
    first_sent_at: integer('first_sent_at'),
    completed_at: integer('completed_at'),
  },
  (t) => [
    uniqueIndex('stripe_requests_seq_idx').on(t.seq),
    uniqueIndex('stripe_requests_key_idx').on(t.idempotency_key),
    index('stripe_requests_due_idx').on(t.state, t.next_attempt_at),
    index('stripe_requests_intent_idx').on(t.intent_type, t.intent_id, t.seq),
    index('stripe_requests_target_idx').on(t.target, t.seq),
    index('stripe_requests_job_idx').on(t.job_id),
    index('stripe_requests_object_idx').on(t.stripe_object_id),
    index('stripe_requests_depends_idx').on(t.depends_on),
    check(
      'stripe_requests_state_check',
      sql`${t.state} IN ('pending', 'sent', 'succeeded', 'failed', 'unknown', 'canceled')`,
    ),
    check('stripe_requests_key_check', sql`length(${t.idempotency_key}) BETWEEN 1 AND 255`),
    check('stripe_requests_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
