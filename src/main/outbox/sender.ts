// Sends committed Stripe writes, each with its stored idempotency key, to the account it was asked of, and commits
// each answer together with its local effects. No answer, a 5xx, a 409 or a 429 is tried again with the same key
// (back-off, Retry-After); a missing permission or a rejected key holds the write for a person; any other refusal
// is final. It resumes whatever a crash or a quit left unsent or unanswered.
import type { AuditAction } from '../../shared/names';
import type { JobItem } from '../../shared/contract';
import { detached } from '../api/call-scope';
import { AppError, fieldError, notFound } from '../api/errors';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { responseTime, type StripeGateway } from '../stripe/gateway';
import type { StripeJson } from '../stripe/json';
import { attemptOutcome, DEFAULT_WRITE_RETRY, type RetryTiming } from './outcome';
import {
  cancelDependents,
  dueRequests,
  enqueueWrites,
  jobItem,
  type AnyStripeWrite,
  nextRetryAt,
  REQUEST_ID_METADATA,
  requestById,
  type StripeConnection,
  type StripeRequest,
} from './requests';
import { STRIPE_WRITES, type StripeWriteKind } from './stripe-writes';

/** Test seam for crash tests: after the request is marked sent, after Stripe answered, inside the commit. */
export type SendCheckpoint = (point: 'sent' | 'answered' | 'committing', request: StripeRequest) => void;

export interface SenderOptions {
  sqlite: Sqlite;
  /** Stamps the records (completed_at, audit rows). */
  clock: Clock;
  /** The real clock (ms): retries and Stripe's 24-hour key lifetime are real time. */
  wallClock?: () => number;
  /** The gateway of the connected key, or null while Stripe is not connected. */
  gateway: () => StripeGateway | null;
  /** The account and mode the workspace is connected to (writes go only to the one they were asked of). */
  connection: () => StripeConnection | null;
  /**
   * Applies the object Stripe answered with inside the commit: as the answer to write `writeSeq` (its newest state),
   * or with no sequence for a replayed answer (a snapshot from when the write first ran).
   */
  applyObject: (object: StripeJson, observedAt: number, writeSeq: number | null) => void;
  log: (message: string, error: unknown) => void;
  checkpoint?: SendCheckpoint;
  /** Writes in flight at once (writes to the same object are always sent one after another). */
  concurrency?: number;
  retry?: Partial<RetryTiming>;
  /** How long a create's key is trusted after its first attempt (Stripe keeps keys 24 h). */
  keyWindowMs?: number;
  /** What a domain writes next once one of its writes succeeded, by the write's intent type. */
  followUps?: Record<string, FollowUp>;
  /** Re-projects roots inside a follow-up's commit. */
  reproject?: (roots: readonly string[], now: number) => void;
}

/**
 * Runs inside the commit of a write's success: the writes that must follow it (its intent changed while it was out,
 * or the rest needed Stripe's answer). They join the write's job, for the same account.
 */
export type FollowUp = (
  sqlite: Sqlite,
  done: StripeRequest,
  now: number,
  reproject: Reproject,
) => AnyStripeWrite[];

/** Re-projects named roots inside the caller's commit (a console record they read changed). */
export type Reproject = (roots: readonly string[]) => void;

const POLL_MS = 5_000;
const KEY_WINDOW_MS = 23 * 3_600_000;
/** After the console itself failed to record an answer (a busy or full disk): how long before trying again. */
const LOCAL_FAILURE_BACKOFF_MS = 5_000;

/** A create that makes a new object each time Stripe runs it: not sent again once Stripe may have forgotten its key. */
const onceOnly = (kind: StripeWriteKind) => STRIPE_WRITES[kind].creates && !STRIPE_WRITES[kind].existing;

type Answer = {
  id: string;
  object: string;
  lastResponse?: { requestId?: string; headers?: Record<string, string> };
};

export class OutboxSender {
  private readonly inFlight = new Set<string>();
  /** Requests whose last answer could not be recorded here: not before this (wall ms). */
  private readonly notBefore = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly now: () => number;
  private readonly timing: RetryTiming;

  constructor(private readonly o: SenderOptions) {
    this.now = o.wallClock ?? Date.now;
    this.timing = { ...DEFAULT_WRITE_RETRY, ...o.retry };
  }

  /** Starts sending (the process holding the workspace's writer lease does). */
  start(): void {
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** New writes were committed (or a key was connected): send them now rather than at the next poll. */
  kick(): void {
    // The sender is nobody's contract call: what it commits belongs to no method.
    if (this.running) detached(() => queueMicrotask(() => this.pump()));
  }

  /** Called after any request changed state (jobs following their writes listen). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private pump(): void {
    if (!this.running || !this.o.sqlite.open) return;
    if (this.timer) clearTimeout(this.timer);
    let wake = this.now() + POLL_MS;
    try {
      wake = this.sendDue(wake);
    } catch (error) {
      // A busy database (another process writing) or a full disk: try again at the next poll.
      this.o.log('The outbox could not read or mark its writes', error);
    }
    this.timer = setTimeout(() => this.pump(), Math.max(10, wake - this.now()));
    this.timer.unref?.();
  }

  /** Sends what is due; returns when to look again. */
  private sendDue(wake: number): number {
    const now = this.now();
    const retryAt = nextRetryAt(this.o.sqlite, now);
    if (retryAt !== null) wake = Math.min(wake, retryAt);
    const gateway = this.o.gateway();
    const connection = this.o.connection();
    const room = (this.o.concurrency ?? 4) - this.inFlight.size;
    if (!gateway || !connection || room <= 0) return wake;
    for (const [id, at] of this.notBefore) if (at <= now) this.notBefore.delete(id);
    const due = dueRequests(this.o.sqlite, now, room, connection, [
      ...this.inFlight,
      ...this.notBefore.keys(),
    ]);
    for (const r of this.markSent(due)) {
      this.inFlight.add(r.id);
      void this.send(r, gateway)
        .catch((error: unknown) => {
          this.notBefore.set(r.id, this.now() + LOCAL_FAILURE_BACKOFF_MS);
          this.o.log(`The answer to Stripe write ${r.id} could not be recorded`, error);
        })
        .finally(() => {
          this.inFlight.delete(r.id);
          this.changed();
          this.pump();
        });
    }
    return wake;
  }

  /**
   * Marks the chosen requests sent, in one commit, before any of them goes out: a crash after sending leaves them
   * `sent`, and they are sent again with their keys. A create that may have been applied and whose key Stripe may
   * have forgotten is not sent again.
   */
  private markSent(due: StripeRequest[]): StripeRequest[] {
    if (due.length === 0) return [];
    const { sqlite } = this.o;
    const window = this.o.keyWindowMs ?? KEY_WINDOW_MS;
    const mark = sqlite.prepare(
      `UPDATE stripe_requests SET state = 'sent', attempts = attempts + 1, first_sent_at = ifnull(first_sent_at, ?),
         maybe_applied = maybe_applied OR state = 'sent', next_attempt_at = NULL, updated_at = ?
       WHERE id = ? AND state IN ('pending', 'sent', 'unknown') AND held_reason IS NULL`,
    );
    return sqlite.transaction(() => {
      const ready: StripeRequest[] = [];
      for (const r of due) {
        // A request still `sent` was being sent when the console stopped: Stripe may have applied it.
        const maybeApplied = r.maybeApplied || r.state === 'sent';
        if (onceOnly(r.kind) && maybeApplied && r.firstSentAt !== null && this.now() - r.firstSentAt > window)
          this.awaitConfirmation(r.id);
        else if (mark.run(this.now(), this.o.clock.now(), r.id).changes > 0)
          ready.push(requestById(sqlite, r.id)!);
      }
      return ready;
    })();
  }

  private async send(r: StripeRequest, gateway: StripeGateway): Promise<void> {
    const spec = STRIPE_WRITES[r.kind];
    this.o.checkpoint?.('sent', r);
    let answer: Answer;
    try {
      await gateway.limiter.acquire(spec.endpoint);
      answer = await spec.send(
        gateway.stripe,
        { target: r.target, params: r.params as never },
        { idempotencyKey: r.idempotencyKey },
      );
    } catch (error) {
      const existing = await this.existingObject(r, gateway, error);
      if (existing && 'refusal' in existing) this.failedAttempt(r, existing.refusal);
      else if (existing) this.succeeded(r, existing.object, { body: existing.read, existed: true });
      else this.failedAttempt(r, error);
      return;
    }
    this.o.checkpoint?.('answered', r);
    this.succeeded(r, answer, { body: true, existed: false });
  }

  /**
   * A create naming its object's id that Stripe refused because the object exists: the object (read from Stripe), or
   * just its id when it cannot be read now (sync brings it); a refusal when Stripe's object is not what was asked
   * for. Null for any other error.
   */
  private async existingObject(
    r: StripeRequest,
    gateway: StripeGateway,
    error: unknown,
  ): Promise<{ object: Answer; read: boolean } | { refusal: unknown } | null> {
    const spec = STRIPE_WRITES[r.kind].existing as
      | { id: (p: unknown, e: unknown) => string | null; differs: (p: unknown, o: unknown) => string | null }
      | undefined;
    const id = spec?.id(r.params, error ?? {});
    if (!spec || !id) return null;
    try {
      const object = (await STRIPE_WRITES[r.kind].retrieve(gateway.stripe, id, r.target)) as Answer;
      const differs = spec.differs(r.params, object);
      if (differs === null) return { object, read: true };
      return {
        refusal: Object.assign(
          new Error(
            `${id} exists with other terms (${differs}), so it was not used. Send it again: the console then makes one of its own under another id.`,
          ),
          {
            type: 'StripeInvalidRequestError',
            rawType: 'invalid_request_error',
            statusCode: 400,
            code: 'resource_already_exists',
            param: 'id',
          },
        ),
      };
    } catch (readError) {
      // Stripe keeps a deleted object's id taken but will not show it: the write did not happen as asked.
      if ((readError as { statusCode?: number }).statusCode === 404) return null;
      return { object: { id, object: STRIPE_WRITES[r.kind].object }, read: false };
    }
  }

  /**
   * Commits a write's success with what Stripe answered (`body`: the answer carries the object; `existed`: Stripe
   * had the object already).
   */
  private succeeded(r: StripeRequest, answer: Answer, how: { body: boolean; existed: boolean }): void {
    const { body } = how;
    const { sqlite } = this.o;
    // A fresh answer is the object's newest state. A replayed one is Stripe's answer from when it first ran the
    // write: it is kept as a snapshot from the object's creation, so it never hides anything newer.
    const replayed = answer.lastResponse?.headers?.['idempotent-replayed'] === 'true';
    const created = (answer as { created?: unknown }).created;
    sqlite.transaction(() => {
      const now = this.o.clock.now();
      const settled = sqlite
        .prepare(
          `UPDATE stripe_requests SET state = 'succeeded', stripe_object_id = ?, stripe_request_id = ?,
             held_reason = NULL, error_type = NULL, error_code = NULL, error_message = NULL, error_param = NULL,
             error_status = NULL, next_attempt_at = NULL, completed_at = ?, updated_at = ?
           WHERE id = ? AND state IN ('pending', 'sent', 'unknown')`,
        )
        .run(answer.id, answer.lastResponse?.requestId ?? null, now, now, r.id).changes;
      if (body && replayed && typeof created === 'number')
        this.o.applyObject(answer as unknown as StripeJson, created, null);
      else if (body && !replayed)
        this.o.applyObject(answer as unknown as StripeJson, responseTime(answer), r.seq);
      if (settled)
        appendAudit(sqlite, {
          entityType: 'stripe_request',
          entityId: r.id,
          action: 'succeeded',
          newValues: {
            kind: r.kind,
            stripe_object_id: answer.id,
            attempts: r.attempts,
            replayed,
            ...(how.existed ? { existed: true } : {}),
          },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      if (settled) this.followUp(r, now);
      this.o.checkpoint?.('committing', r);
    })();
  }

  /**
   * A person settles a write Stripe may have made that is waiting for sync: with the id of the object they found in
   * Stripe (read from Stripe and checked to be this write's, by its `lplate_request_id`), or with none when Stripe
   * did not make it — then it fails, and what waited for it is cancelled. Audited with who and why.
   */
  async settle(
    requestId: string,
    found: { stripeId: string | null; note: string },
    by: { id: string; name: string },
  ): Promise<JobItem> {
    const r = requestById(this.o.sqlite, requestId);
    if (!r) throw notFound('A Stripe write with this id');
    if (r.state !== 'unknown' || r.nextAttemptAt !== null)
      throw new AppError(
        'conflict',
        r.state === 'unknown'
          ? 'The console is still sending this write with its key: wait for the answer.'
          : `This write is not waiting for a decision: it is ${r.state}.`,
      );
    const object = found.stripeId === null ? null : await this.madeBy(r, found.stripeId);
    const now = this.o.clock.now();
    this.o.sqlite.transaction(() => {
      const audit = (action: AuditAction, values: Record<string, unknown>) =>
        appendAudit(this.o.sqlite, {
          entityType: 'stripe_request',
          entityId: r.id,
          action,
          newValues: { kind: r.kind, description: r.description, note: found.note, ...values },
          userId: by.id,
          actor: 'operator',
          createdAt: now,
        });
      if (object) {
        this.succeeded(r, object, { body: true, existed: false });
        audit('settled_made', { stripe_object_id: object.id });
        return;
      }
      this.o.sqlite
        .prepare(
          `UPDATE stripe_requests SET state = 'failed', error_message = ?, completed_at = ?, updated_at = ?
           WHERE id = ? AND state = 'unknown'`,
        )
        .run(`Not made in Stripe, as ${by.name} found: ${found.note}`, now, now, r.id);
      cancelDependents(this.o.sqlite, r, now);
      audit('settled_not_made', {});
    })();
    this.changed();
    return jobItem(requestById(this.o.sqlite, r.id)!);
  }

  /** The object a person named, read from Stripe, when it is the one this write made. */
  private async madeBy(r: StripeRequest, stripeId: string): Promise<Answer> {
    const gateway = this.o.gateway();
    if (!gateway)
      throw new AppError('conflict', 'Stripe is not connected: connect it to check the object in Stripe.');
    const spec = STRIPE_WRITES[r.kind];
    let object: Answer & { metadata?: Record<string, string> };
    try {
      object = await spec.retrieve(gateway.stripe, stripeId, r.target);
    } catch (error) {
      const e = error as { statusCode?: number; message?: string };
      if (e.statusCode === 404) throw fieldError('stripeId', `Stripe has no ${spec.object} ${stripeId}.`);
      throw new AppError(
        'stripe',
        `Stripe could not be asked for ${stripeId}: ${e.message ?? String(error)}`,
      );
    }
    const madeFor = object.metadata?.[REQUEST_ID_METADATA];
    if (object.object !== spec.object || madeFor !== r.id)
      throw fieldError(
        'stripeId',
        madeFor
          ? `${stripeId} was made by another write (${REQUEST_ID_METADATA} ${madeFor}).`
          : `${stripeId} was not made by the console (it has no ${REQUEST_ID_METADATA}).`,
      );
    return object;
  }

  private followUp(r: StripeRequest, now: number): void {
    const next = this.o.followUps?.[r.intentType]?.(
      this.o.sqlite,
      requestById(this.o.sqlite, r.id)!,
      now,
      (roots) => this.o.reproject?.(roots, now),
    );
    if (next?.length)
      enqueueWrites(
        this.o.sqlite,
        next,
        { requestedBy: r.requestedBy, jobId: r.jobId },
        { mode: r.stripeMode, account: r.stripeAccount },
        now,
      );
  }

  private failedAttempt(r: StripeRequest, error: unknown): void {
    const { sqlite } = this.o;
    const outcome = attemptOutcome(error, r.kind, r.attempts, this.timing);
    const requestId = (error as { requestId?: string }).requestId ?? null;
    const status = (error as { statusCode?: unknown }).statusCode;
    const now = this.o.clock.now();
    const update = (sql: string, ...values: unknown[]) =>
      sqlite
        .prepare(
          `UPDATE stripe_requests SET ${sql}, error_status = ?, stripe_request_id = ifnull(?, stripe_request_id),
             updated_at = ? WHERE id = ? AND state = 'sent'`,
        )
        .run(...values, typeof status === 'number' ? status : null, requestId, now, r.id).changes;
    if (outcome.kind === 'retry') {
      const maybeApplied = r.maybeApplied || outcome.state === 'unknown';
      const next = this.now() + outcome.delayMs;
      const window = this.o.keyWindowMs ?? KEY_WINDOW_MS;
      if (onceOnly(r.kind) && maybeApplied && next - (r.firstSentAt ?? next) > window) {
        update('maybe_applied = 1, error_message = ?', outcome.reason);
        this.awaitConfirmation(r.id);
        return;
      }
      update(
        'state = ?, maybe_applied = ?, next_attempt_at = ?, error_message = ?',
        outcome.state,
        maybeApplied ? 1 : 0,
        next,
        outcome.reason,
      );
      return;
    }
    if (outcome.kind === 'hold') {
      // Stripe did not run it: it goes again, with its key, once a person has fixed what stopped it.
      update(
        "state = 'pending', held_reason = ?, next_attempt_at = NULL, error_message = ?",
        outcome.reason,
        outcome.reason,
      );
      return;
    }
    if (outcome.kind === 'await') {
      update('maybe_applied = 1, error_message = ?', outcome.reason);
      this.awaitConfirmation(r.id);
      return;
    }
    sqlite.transaction(() => {
      const settled = update(
        "state = 'failed', error_type = ?, error_code = ?, error_message = ?, error_param = ?, completed_at = ?",
        outcome.type,
        outcome.code,
        outcome.message,
        outcome.param,
        now,
      );
      if (settled) cancelDependents(sqlite, r, now);
      if (settled)
        appendAudit(sqlite, {
          entityType: 'stripe_request',
          entityId: r.id,
          action: 'failed',
          newValues: { kind: r.kind, type: outcome.type, code: outcome.code, message: outcome.message },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
    })();
  }

  /**
   * A write Stripe may have applied that is not sent again (its key may be forgotten, or Stripe said retrying
   * would not help): it stays `unknown` until sync finds the object it made (by its `lplate_request_id`
   * metadata) or a person decides.
   */
  private awaitConfirmation(id: string): void {
    this.o.sqlite
      .prepare(
        `UPDATE stripe_requests SET state = 'unknown', maybe_applied = 1, next_attempt_at = NULL,
           error_message = ifnull(error_message || '. ', '') || ?, updated_at = ?
         WHERE id = ? AND state IN ('pending', 'sent', 'unknown')`,
      )
      .run(
        'Stripe may have made this and it is not sent again: sync links the object if Stripe made it. Check the Stripe Dashboard before doing it again by hand.',
        this.o.clock.now(),
        id,
      );
  }
}
