// Stripe sync bookkeeping (raw events, observed objects, cursors, errors) and the double-entry journal.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  sqliteView,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { id, instant, pence } from './columns';
import { instructors, users } from './people';
import { payments, payouts } from './money';

/** Every event received from /v1/events, stored raw before it is applied. */
export const stripeEvents = sqliteTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    created: integer('created').notNull(),
    object_type: text('object_type').notNull(),
    object_id: text('object_id').notNull(),
    account: text('account'),
    payload: text('payload').notNull(),
    received_at: instant('received_at'),
    state: text('state').notNull(),
    error: text('error'),
  },
  (t) => [
    index('stripe_events_created_idx').on(t.created, t.id),
    check('stripe_events_state_check', sql`${t.state} IN ('applied', 'error')`),
  ],
);

/** Objects seen by listing or fetching (backfill, refetch) rather than through an event; kept for rebuilds. */
export const stripeObservations = sqliteTable(
  'stripe_observations',
  {
    id: id(),
    object_id: text('object_id').notNull(),
    object_type: text('object_type').notNull(),
    source: text('source').notNull(),
    observed_at: integer('observed_at').notNull(),
    payload: text('payload').notNull(),
    received_at: instant('received_at'),
    /** The connected account (Stripe-Account) it was listed on, or null for the platform's own objects. */
    account: text('account'),
    /** Set when this is Stripe's answer to one of the console's writes: that write's outbox sequence. */
    write_seq: integer('write_seq'),
  },
  (t) => [check('stripe_observations_source_check', sql`${t.source} IN ('list', 'fetch')`)],
);

/**
 * The winning (latest by Stripe's own ordering rules) state of every Stripe object the console knows. The state's
 * JSON is not copied here: it is the stored input it came from, an event's `data.object` or an observation's payload
 * (exactly one of `event_id`, `observation_id`). Read it through `stripe_object_states`.
 */
export const stripeObjects = sqliteTable(
  'stripe_objects',
  {
    id: text('id').primaryKey(),
    object_type: text('object_type').notNull(),
    account: text('account'),
    created: integer('created').notNull(),
    version: text('version').notNull(),
    observed_at: integer('observed_at').notNull(),
    /** The event whose `data.object` is this state (events and observations are never deleted, see docs/sync.md). */
    event_id: text('event_id'),
    /** The observation whose payload is this state. */
    observation_id: text('observation_id'),
  },
  (t) => [
    index('stripe_objects_type_created_idx').on(t.object_type, t.created),
    check('stripe_objects_input_check', sql`(${t.event_id} IS NULL) <> (${t.observation_id} IS NULL)`),
  ],
);

/**
 * Each object's state with its JSON (`payload`) read from the input it references. A view of one table with the
 * payload as a subquery, so SQLite flattens it into any query (also on the right of a LEFT JOIN) and reads the input
 * only for rows whose payload the query uses.
 */
export const stripeObjectStates = sqliteView('stripe_object_states', {
  id: text('id').notNull(),
  object_type: text('object_type').notNull(),
  account: text('account'),
  created: integer('created').notNull(),
  version: text('version').notNull(),
  observed_at: integer('observed_at').notNull(),
  event_id: text('event_id'),
  observation_id: text('observation_id'),
  payload: text('payload').notNull(),
}).as(
  sql`SELECT o.id, o.object_type, o.account, o.created, o.version, o.observed_at, o.event_id, o.observation_id,
  CASE WHEN o.observation_id IS NOT NULL
    THEN (SELECT b.payload FROM stripe_observations b WHERE b.id = o.observation_id)
    ELSE (SELECT e.payload -> '$.data.object' FROM stripe_events e WHERE e.id = o.event_id) END AS payload
FROM stripe_objects o`,
);

export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updated_at: instant('updated_at'),
});

/** Anything sync could not do, shown in the sync status until resolved — never skipped silently. */
export const syncErrors = sqliteTable(
  'sync_errors',
  {
    id: id(),
    scope: text('scope').notNull(),
    object_id: text('object_id'),
    event_id: text('event_id'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    hint: text('hint').notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    first_seen_at: instant('first_seen_at'),
    last_seen_at: instant('last_seen_at'),
    resolved_at: integer('resolved_at'),
  },
  (t) => [
    index('sync_errors_open_idx').on(t.resolved_at, t.last_seen_at),
    uniqueIndex('sync_errors_key_idx').on(t.scope, t.code, t.object_id, t.event_id),
    check(
      'sync_errors_scope_check',
      sql`${t.scope} IN ('event', 'object', 'request', 'backfill', 'projection')`,
    ),
  ],
);

/** Inputs that threw while being applied, kept whole and tried again at every sync until they apply. */
export const syncRetries = sqliteTable(
  'sync_retries',
  {
    /** `event:<event id>`, or `observation:<sha256 of the input>`. */
    id: text('id').primaryKey(),
    /** The input as JSON, exactly as it failed. */
    input: text('input').notNull(),
    object_id: text('object_id'),
    event_id: text('event_id'),
    attempts: integer('attempts').notNull(),
    first_failed_at: instant('first_failed_at'),
    last_failed_at: instant('last_failed_at'),
    last_error: text('last_error').notNull(),
  },
  (t) => [index('sync_retries_order_idx').on(t.first_failed_at, t.id)],
);

/** One committed import of the marketplace's completions CSV (a console record: never rebuilt, never changed). */
export const completionImports = sqliteTable(
  'completion_imports',
  {
    id: id(),
    file_name: text('file_name').notNull(),
    /** SHA-256 of the file's bytes as read: the same file imported again is recognised and changes nothing. */
    file_sha256: text('file_sha256').notNull(),
    rows: integer('rows').notNull(),
    recorded: integer('recorded').notNull(),
    already_recorded: integer('already_recorded').notNull(),
    hours: integer('hours').notNull(),
    imported_by: text('imported_by').references(() => users.id),
    created_at: instant('created_at'),
  },
  (t) => [
    index('completion_imports_file_idx').on(t.file_sha256, t.created_at),
    index('completion_imports_created_idx').on(t.created_at),
    check(
      'completion_imports_counts_check',
      sql`${t.recorded} >= 1 AND ${t.recorded} + ${t.already_recorded} = ${t.rows}`,
    ),
  ],
);

export const lessonCompletions = sqliteTable(
  'lesson_completions',
  {
    id: id(),
    learner_id: text('learner_id')
      .notNull()
      .references(() => users.id),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    hours: integer('hours').notNull(),
    completed_at: instant('completed_at'),
    source: text('source').notNull(),
    external_ref: text('external_ref'),
    recorded_by: text('recorded_by').references(() => users.id),
    created_at: instant('created_at'),
    /** The import that brought it (null when entered by hand). */
    import_id: text('import_id').references(() => completionImports.id),
    /** Set on a reversal: the completion it cancels (a correction is a reversal plus a new entry, never an edit). */
    reverses_id: text('reverses_id').references((): AnySQLiteColumn => lessonCompletions.id),
    /** Why it was entered or reversed, in the operator's words. */
    note: text('note'),
  },
  (t) => [
    uniqueIndex('lesson_completions_ref_idx').on(t.external_ref),
    // Partial: with every completion in it (most under NULL), SQLite took `reverses_id IS NULL` for a unique look-up
    // and read every completion in force for each pair (docs/sync.md, "A pair read every completion").
    uniqueIndex('lesson_completions_reverses_idx')
      .on(t.reverses_id)
      .where(sql`${t.reverses_id} IS NOT NULL`),
    index('lesson_completions_import_idx').on(t.import_id),
    index('lesson_completions_pair_idx').on(t.learner_id, t.instructor_id, t.completed_at),
    index('lesson_completions_instructor_idx').on(t.instructor_id, t.completed_at),
    check('lesson_completions_hours_check', sql`${t.hours} > 0`),
    check('lesson_completions_source_check', sql`${t.source} IN ('import', 'console')`),
  ],
);

/** What a completion earned an instructor from one payment's hours (a, b], payable on a Friday. */
export const earnings = sqliteTable(
  'earnings',
  {
    id: id(),
    completion_id: text('completion_id')
      .notNull()
      .references(() => lessonCompletions.id),
    payment_id: text('payment_id')
      .notNull()
      .references(() => payments.id),
    instructor_id: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    hours_from: integer('hours_from').notNull(),
    hours_to: integer('hours_to').notNull(),
    amount_pence: pence('amount_pence'),
    payable_on: text('payable_on').notNull(),
    payout_id: text('payout_id').references(() => payouts.id),
    status: text('status').notNull(),
    created_at: instant('created_at'),
  },
  (t) => [
    // A Friday's preview sums every instructor's payable earnings from this index alone (no table reads).
    index('earnings_payable_idx').on(t.instructor_id, t.payable_on, t.status, t.amount_pence),
    index('earnings_payment_idx').on(t.payment_id, t.hours_from),
    index('earnings_payout_idx').on(t.payout_id),
    // A reconciliation's instructor payable "in" sums a period's earnings from this index alone.
    index('earnings_created_idx').on(t.created_at, t.amount_pence),
    check('earnings_hours_check', sql`${t.hours_from} >= 0 AND ${t.hours_to} > ${t.hours_from}`),
    check('earnings_amount_check', sql`${t.amount_pence} >= 0`),
    check('earnings_status_check', sql`${t.status} IN ('owed', 'paid', 'cancelled')`),
  ],
);

/**
 * The journal's settlement kinds (transfers and reversals): its two partial indexes hold `kind IN` these, and SQLite
 * uses them only for a query that repeats that condition word for word.
 */
export const SETTLEMENT_KINDS = "('transfer', 'reversal')";

/** One balanced money movement; its id is derived from its source so rebuilding gives the same rows. */
export const journalTransactions = sqliteTable(
  'journal_transactions',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    source_type: text('source_type').notNull(),
    source_id: text('source_id').notNull(),
    occurred_at: instant('occurred_at'),
    description: text('description').notNull(),
    payment_id: text('payment_id'),
    instructor_id: text('instructor_id'),
    learner_id: text('learner_id'),
    /** The projection root that owns this transaction (e.g. `payment:pi_…`), rewritten as a whole. */
    origin: text('origin').notNull(),
  },
  (t) => [
    index('journal_tx_occurred_idx').on(t.occurred_at),
    index('journal_tx_origin_idx').on(t.origin),
    // No index on source_id: no screen or check looks a transaction up by its source (docs/sync.md, "A journal index
    // nothing reads"), and each one cost a random insert per transaction.
    index('journal_tx_payment_idx').on(t.payment_id),
    // Only transfers and reversals: every read by instructor asks for transfers, some with reversals (an instructor's
    // settlements), and the journal's other transactions (four in five at `large`) no longer cost a random insert here.
    index('journal_tx_instructor_idx')
      .on(t.instructor_id, t.occurred_at)
      .where(sql`${t.kind} IN ${sql.raw(SETTLEMENT_KINDS)}`),
  ],
);

export const journalLines = sqliteTable(
  'journal_lines',
  {
    transaction_id: text('transaction_id')
      .notNull()
      .references(() => journalTransactions.id, { onDelete: 'cascade' }),
    line_no: integer('line_no').notNull(),
    account: text('account').notNull(),
    amount_pence: pence('amount_pence'),
  },
  (t) => [
    uniqueIndex('journal_lines_pk_idx').on(t.transaction_id, t.line_no),
    index('journal_lines_account_idx').on(t.account),
  ],
);

/**
 * Kinds of keys named after one Stripe object: roots such as `payment:pi_…` and the key `payment-row:pi_…` that fee roots
 * read. A key `kind:id` of these (the id a Stripe id, never holding a `:`) has the number of `id`'s row in
 * projection_keys times KEY_STRIDE plus its kind's code (its place here plus one; a key itself has code 0).
 * Append only: the codes are stored in projection_refs.
 */
export const OBJECT_KEY_KINDS = ['payment', 'payment-row', 'fee', 'transfer', 'account', 'payout'] as const;

/** The code of a key kind named after a Stripe object (0 when `kind` is not one). */
export const objectKeyCode = (kind: string): number =>
  (OBJECT_KEY_KINDS as readonly string[]).indexOf(kind) + 1;

/** How many codes each projection_keys row numbers (its own key and the keys named after it). */
export const KEY_STRIDE = 64;

/** A key's text in SQL from its number and its base key's text (SQL expressions), as db/projection-keys.ts reads it. */
export function keyNameSql(number: string, base: string): string {
  const kinds = OBJECT_KEY_KINDS.map((kind, i) => ` WHEN ${i + 1} THEN '${kind}:' || ${base}`).join('');
  return `CASE ${number} % ${KEY_STRIDE}${kinds} ELSE ${base} END`;
}

/**
 * Every key a projection root reads (a Stripe object id or a logical key such as `instructor:<id>`) or is, numbered
 * the first time it is named: numbers grow, so the refs of new objects and new roots are appended to their B-trees
 * instead of written under random text keys (docs/sync.md, "Keys that append"). A root named after an object
 * (`payment:pi_…`) has no row: it is numbered off its object's (db/projection-keys.ts).
 */
export const projectionKeys = sqliteTable(
  'projection_keys',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
  },
  (t) => [uniqueIndex('projection_keys_key_idx').on(t.key)],
);

/**
 * Which projection roots read which keys, by the keys' numbers (db/projection-keys.ts), so a change re-projects its
 * dependants.
 */
export const projectionRefs = sqliteTable(
  'projection_refs',
  {
    ref_key: integer('ref_key').notNull(),
    root_key: integer('root_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ref_key, t.root_key] }),
    index('projection_refs_root_idx').on(t.root_key, t.ref_key),
  ],
);

/**
 * projection_refs with its keys' text, to read whole (a test, a look by hand). It cannot be searched by a key's text
 * through an index: the readers go by number (db/projection-keys.ts).
 */
export const projectionRefKeys = sqliteView('projection_ref_keys', {
  ref: text('ref').notNull(),
  root: text('root').notNull(),
}).as(
  sql`SELECT ${sql.raw(keyNameSql('r.ref_key', 'k.key'))} AS ref, ${sql.raw(keyNameSql('r.root_key', 'rk.key'))} AS root
  FROM projection_refs r JOIN projection_keys k ON k.id = r.ref_key / ${sql.raw(String(KEY_STRIDE))}
  JOIN projection_keys rk ON rk.id = r.root_key / ${sql.raw(String(KEY_STRIDE))}`,
);

/** Stripe objects kept but not projected into the marketplace tables, with why — for finance to resolve. */
export const unattributedObjects = sqliteTable(
  'unattributed_objects',
  {
    object_id: text('object_id').primaryKey(),
    object_type: text('object_type').notNull(),
    reason: text('reason').notNull(),
    message: text('message').notNull(),
    amount_pence: integer('amount_pence'),
    created: integer('created').notNull(),
  },
  (t) => [index('unattributed_created_idx').on(t.created, t.object_id)],
);
