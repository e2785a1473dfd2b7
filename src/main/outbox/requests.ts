// The outbox table: committing a Stripe write (inside the transaction of the operator's intent and its audit row)
// and reading requests back for the sender, the jobs that wait on them and the screens that show them.
import { randomUUID } from 'node:crypto';
import type { JobItem } from '../../shared/contract';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { appendAudit } from '../audit/chain';
import { STRIPE_WRITES, type StripeWriteKind, type StripeWriteParams } from './stripe-writes';

export type RequestState = JobItem['state'];

/** The Stripe account a workspace is connected to: writes go only to the one they were asked of. */
export interface StripeConnection {
  mode: 'demo' | 'test' | 'live';
  /** Unknown when a restricted key may not read the platform account. */
  account: string | null;
}

export interface StripeRequest {
  id: string;
  seq: number;
  kind: StripeWriteKind;
  target: string | null;
  params: Record<string, unknown>;
  idempotencyKey: string;
  intentType: string;
  intentId: string;
  description: string;
  dependsOn: string | null;
  requestedBy: string | null;
  jobId: string | null;
  stripeMode: StripeConnection['mode'];
  stripeAccount: string | null;
  state: RequestState;
  attempts: number;
  maybeApplied: boolean;
  heldReason: string | null;
  nextAttemptAt: number | null;
  stripeObjectId: string | null;
  stripeRequestId: string | null;
  errorType: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorParam: string | null;
  errorStatus: number | null;
  createdAt: number;
  firstSentAt: number | null;
  completedAt: number | null;
}

export interface NewStripeWrite<K extends StripeWriteKind> {
  kind: K;
  /** The object an update is for. */
  target?: string | null;
  params: StripeWriteParams[K];
  /** Derived from our own row ids (e.g. `payout:{instructor}:{date}`); never regenerated for the same intent. */
  idempotencyKey: string;
  /** The console record the write carries out. */
  intent: { type: string; id: string };
  /** What the write does, in words, for the jobs panel and the audit log. */
  description: string;
  /** A write that must have succeeded before this one is sent (a coupon before its promotion code). */
  after?: string | null;
  requestedBy: string | null;
  jobId?: string | null;
}

export const FINAL_STATES: readonly RequestState[] = ['succeeded', 'failed', 'canceled'];
export const isFinal = (state: RequestState) => FINAL_STATES.includes(state);

/** The metadata key a created Stripe object carries, so sync can link it back to its request. */
export const REQUEST_ID_METADATA = 'lplate_request_id';

/** Whether a write may go to the account the workspace is connected to now. */
export function meantFor(
  r: Pick<StripeRequest, 'stripeMode' | 'stripeAccount'>,
  c: StripeConnection,
): boolean {
  return (
    r.stripeMode === c.mode &&
    (r.stripeAccount === null || c.account === null || r.stripeAccount === c.account)
  );
}

const COLUMNS = `id, seq, kind, target, params, idempotency_key AS idempotencyKey, intent_type AS intentType,
  intent_id AS intentId, description, depends_on AS dependsOn, requested_by AS requestedBy, job_id AS jobId, stripe_mode AS stripeMode,
  stripe_account AS stripeAccount, state, attempts, maybe_applied AS maybeApplied, held_reason AS heldReason,
  next_attempt_at AS nextAttemptAt, stripe_object_id AS stripeObjectId, stripe_request_id AS stripeRequestId,
  error_type AS errorType, error_code AS errorCode, error_message AS errorMessage, error_param AS errorParam,
  error_status AS errorStatus, created_at AS createdAt, first_sent_at AS firstSentAt, completed_at AS completedAt`;

const parse = (row: Record<string, unknown>): StripeRequest => ({
  ...(row as unknown as StripeRequest),
  maybeApplied: row.maybeApplied === 1,
  params: JSON.parse(row.params as string) as Record<string, unknown>,
});

/**
 * Records a Stripe write for the connected account. Call it inside the transaction that records the operator's
 * intent and its audit row: then intent, write and audit are committed together before anything is sent. A create
 * carries its request's id in its metadata, so the object it makes can always be found and linked, even if the
 * answer was lost.
 */
export function enqueueStripeWrite<K extends StripeWriteKind>(
  sqlite: Sqlite,
  write: NewStripeWrite<K>,
  connection: StripeConnection,
  now: number,
  id: string = randomUUID(),
): StripeRequest {
  if (!sqlite.inTransaction)
    throw new Error('enqueueStripeWrite must run inside the transaction of the intent it carries out');
  const spec = STRIPE_WRITES[write.kind];
  if (spec.targeted !== Boolean(write.target))
    throw new Error(`${write.kind} ${spec.targeted ? 'needs' : 'takes no'} target`);
  const params: Record<string, unknown> = { ...(write.params as Record<string, unknown>) };
  if (spec.creates)
    params.metadata = { ...((params.metadata as Record<string, string>) ?? {}), [REQUEST_ID_METADATA]: id };
  const seq = statement(
    sqlite,
    'SELECT ifnull(max(seq), 0) + 1 FROM stripe_requests',
    'pluck',
  ).get() as number;
  statement(
    sqlite,
    `INSERT INTO stripe_requests (id, seq, kind, target, params, idempotency_key, intent_type, intent_id, description,
         depends_on, requested_by, job_id, stripe_mode, stripe_account, state, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  ).run(
    id,
    seq,
    write.kind,
    write.target ?? null,
    JSON.stringify(params),
    write.idempotencyKey,
    write.intent.type,
    write.intent.id,
    write.description,
    write.after ?? null,
    write.requestedBy,
    write.jobId ?? null,
    connection.mode,
    connection.account,
    now,
    now,
  );
  return requestById(sqlite, id)!;
}

export function requestById(sqlite: Sqlite, id: string): StripeRequest | null {
  const row = statement(sqlite, `SELECT ${COLUMNS} FROM stripe_requests WHERE id = ?`).get(id) as
    Record<string, unknown> | undefined;
  return row ? parse(row) : null;
}

/** A job's writes: all of them, or (`limit`) the ones that are not done, first those that need a person. */
export function requestsOfJob(sqlite: Sqlite, jobId: string, limit: number | null): StripeRequest[] {
  const rows = statement(
    sqlite,
    limit === null
      ? `SELECT ${COLUMNS} FROM stripe_requests WHERE job_id = ? ORDER BY seq`
      : `SELECT ${COLUMNS} FROM stripe_requests WHERE job_id = ? AND state <> 'succeeded'
           ORDER BY (state IN ('failed', 'unknown') OR held_reason IS NOT NULL) DESC, seq LIMIT ${limit}`,
  ).all(jobId) as Record<string, unknown>[];
  return rows.map(parse);
}

export interface JobWrites {
  counts: Record<RequestState, number>;
  total: number;
  /** Final, or unknown with nothing left to try: the job cannot change them. */
  settled: number;
  /** Waiting for a person (a permission to add, a key to replace). */
  held: number;
}

/** How a job's writes stand. */
export function writesOfJob(sqlite: Sqlite, jobId: string): JobWrites {
  const counts: Record<RequestState, number> = {
    pending: 0,
    sent: 0,
    succeeded: 0,
    failed: 0,
    unknown: 0,
    canceled: 0,
  };
  let waiting = 0;
  let held = 0;
  const rows = statement(
    sqlite,
    `SELECT state, count(*) AS n, sum(state = 'unknown' AND next_attempt_at IS NULL) AS waiting,
              sum(held_reason IS NOT NULL) AS held
       FROM stripe_requests WHERE job_id = ? GROUP BY state`,
  ).all(jobId) as { state: RequestState; n: number; waiting: number; held: number }[];
  for (const r of rows) {
    counts[r.state] = r.n;
    waiting += r.waiting;
    held += r.held;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, total, settled: counts.succeeded + counts.failed + counts.canceled + waiting, held };
}

/**
 * The writes the sender may send now, oldest first: for the connected account, not held, not waiting for sync to
 * confirm them, due, not among `skip` (in flight here), the oldest open write of their Stripe object (writes to one
 * object go out in the order they were committed), and after the write they wait for, if any, succeeded.
 */
export function dueRequests(
  sqlite: Sqlite,
  nowMs: number,
  limit: number,
  connection: StripeConnection,
  skip: readonly string[] = [],
): StripeRequest[] {
  const rows = statement(
    sqlite,
    `SELECT ${COLUMNS} FROM stripe_requests r
       WHERE state IN ('pending', 'sent', 'unknown') AND held_reason IS NULL
         AND NOT (state = 'unknown' AND next_attempt_at IS NULL)
         AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
         AND stripe_mode = @mode AND (stripe_account IS NULL OR @account IS NULL OR stripe_account = @account)
         AND id NOT IN (SELECT value FROM json_each(@skip))
         AND (target IS NULL OR NOT EXISTS (SELECT 1 FROM stripe_requests e WHERE e.target = r.target
              AND e.seq < r.seq AND e.state IN ('pending', 'sent', 'unknown')))
         AND (depends_on IS NULL OR EXISTS (SELECT 1 FROM stripe_requests d WHERE d.id = r.depends_on
              AND d.state = 'succeeded'))
       ORDER BY seq LIMIT @limit`,
  ).all({
    now: nowMs,
    mode: connection.mode,
    account: connection.account,
    skip: JSON.stringify(skip),
    limit,
  }) as Record<string, unknown>[];
  return rows.map(parse);
}

/** When the next retry falls due (wall-clock ms), if any. */
export function nextRetryAt(sqlite: Sqlite, nowMs: number): number | null {
  return statement(
    sqlite,
    `SELECT min(next_attempt_at) FROM stripe_requests
       WHERE state IN ('pending', 'sent', 'unknown') AND held_reason IS NULL AND next_attempt_at > ?`,
    'pluck',
  ).get(nowMs) as number | null;
}

/**
 * Cancels a write Stripe cannot have run (never sent, or refused before it ran), audited, and with it every write
 * waiting for it: they can no longer happen as asked. Call inside a transaction.
 */
export function cancelUnsentWrite(sqlite: Sqlite, id: string, reason: string | null, now: number): void {
  const r = requestById(sqlite, id);
  if (!r || r.state !== 'pending' || r.maybeApplied) return;
  statement(
    sqlite,
    `UPDATE stripe_requests SET state = 'canceled', error_message = ifnull(?, error_message), completed_at = ?,
         updated_at = ? WHERE id = ?`,
  ).run(reason, now, now, id);
  appendAudit(sqlite, {
    entityType: 'stripe_request',
    entityId: id,
    action: 'canceled',
    newValues: { kind: r.kind, description: r.description, ...(reason ? { reason } : {}) },
    userId: null,
    actor: 'system',
    createdAt: now,
  });
  cancelDependents(sqlite, r, now);
}

/** A write failed or was cancelled: the writes waiting for it are cancelled, saying why. */
export function cancelDependents(
  sqlite: Sqlite,
  r: Pick<StripeRequest, 'id' | 'description'>,
  now: number,
): void {
  const waiting = statement(
    sqlite,
    "SELECT id FROM stripe_requests WHERE depends_on = ? AND state = 'pending' ORDER BY seq",
    'pluck',
  ).all(r.id) as string[];
  for (const id of waiting)
    cancelUnsentWrite(
      sqlite,
      id,
      `Not sent: “${r.description}”, which it needed first, did not happen.`,
      now,
    );
}

/** A new key was connected: writes held for the old one's permissions or rejection may go again. */
export function releaseHeldWrites(sqlite: Sqlite, now: number): void {
  statement(
    sqlite,
    `UPDATE stripe_requests SET held_reason = NULL, updated_at = ?
       WHERE held_reason IS NOT NULL AND state IN ('pending', 'sent', 'unknown')`,
  ).run(now);
}

/** Open writes asked of another account or mode than `connection` (connecting it would strand them). */
export function openWritesElsewhere(sqlite: Sqlite, connection: StripeConnection): number {
  const open = statement(
    sqlite,
    `SELECT stripe_mode AS stripeMode, stripe_account AS stripeAccount FROM stripe_requests
       WHERE state IN ('pending', 'sent', 'unknown') GROUP BY stripe_mode, stripe_account`,
  ).all() as Pick<StripeRequest, 'stripeMode' | 'stripeAccount'>[];
  return open.filter((r) => !meantFor(r, connection)).length;
}

/** The latest request of an intent (e.g. the last pause or resume of a code), if any. */
export function latestRequestFor(sqlite: Sqlite, intentType: string, intentId: string): StripeRequest | null {
  const row = statement(
    sqlite,
    `SELECT ${COLUMNS} FROM stripe_requests WHERE intent_type = ? AND intent_id = ? ORDER BY seq DESC LIMIT 1`,
  ).get(intentType, intentId) as Record<string, unknown> | undefined;
  return row ? parse(row) : null;
}

/** A request as a job shows it. */
export function jobItem(r: StripeRequest): JobItem {
  const detail =
    r.state === 'succeeded'
      ? `Done in Stripe${r.stripeObjectId ? ` (${r.stripeObjectId})` : ''}.`
      : (r.heldReason ?? r.errorMessage);
  return { label: r.description, state: r.state, detail, stripeId: r.stripeObjectId };
}
