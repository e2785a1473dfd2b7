// Sends committed Stripe writes, each with its stored idempotency key, and commits each answer together with its
// local effects. No answer, a 5xx, a 409 or a 429 is tried again with the same key (back-off, Retry-After); any
// other refusal is final. It resumes whatever a crash or a quit left unsent or unanswered.
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { responseTime, type StripeGateway } from '../stripe/gateway';
import type { StripeJson } from '../stripe/json';
import { attemptOutcome, DEFAULT_WRITE_RETRY, type RetryTiming } from './outcome';
import { openRequests, requestById, type StripeRequest } from './requests';
import { STRIPE_WRITES } from './stripe-writes';

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
  /** Applies the object Stripe answered with (its new state) as the answer to write `writeSeq`, inside the commit. */
  applyObject: (object: StripeJson, observedAt: number, writeSeq: number) => void;
  log: (message: string, error: unknown) => void;
  checkpoint?: SendCheckpoint;
  /** Writes in flight at once (writes to the same object are always sent one after another). */
  concurrency?: number;
  retry?: Partial<RetryTiming>;
  /** How long a create's key is trusted after its first attempt (Stripe keeps keys 24 h). */
  keyWindowMs?: number;
}

const POLL_MS = 5_000;
const KEY_WINDOW_MS = 23 * 3_600_000;
const BATCH = 200;

export class OutboxSender {
  private readonly inFlight = new Set<string>();
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
    this.pump();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** New writes were committed: send them now rather than at the next poll. */
  kick(): void {
    if (this.running) queueMicrotask(() => this.pump());
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
    const gateway = this.o.gateway();
    const now = this.now();
    let wake = now + POLL_MS;
    const busyTargets = new Set<string>();
    const due: string[] = [];
    const room = (this.o.concurrency ?? 4) - this.inFlight.size;
    for (const r of openRequests(this.o.sqlite, BATCH)) {
      // Writes to the same object go out in the order they were committed.
      const waiting = r.target !== null && busyTargets.has(r.target);
      if (r.target !== null) busyTargets.add(r.target);
      if (waiting || this.inFlight.has(r.id)) continue;
      if (r.state === 'unknown' && r.nextAttemptAt === null) continue; // waits for sync to confirm it
      if (r.nextAttemptAt !== null && r.nextAttemptAt > now) {
        wake = Math.min(wake, r.nextAttemptAt);
        continue;
      }
      if (gateway && due.length < room) due.push(r.id);
    }
    for (const r of this.markSent(due)) {
      this.inFlight.add(r.id);
      void this.send(r, gateway!)
        .catch((error: unknown) => this.o.log(`Stripe write ${r.id} could not be recorded`, error))
        .finally(() => {
          this.inFlight.delete(r.id);
          this.changed();
          this.pump();
        });
    }
    this.timer = setTimeout(() => this.pump(), Math.max(10, wake - now));
    this.timer.unref?.();
  }

  /**
   * Marks the chosen requests sent, in one commit, before any of them goes out: a crash after sending leaves them
   * `sent`, so they are sent again with their keys. A create whose key Stripe may have forgotten is not sent again.
   */
  private markSent(ids: string[]): StripeRequest[] {
    if (ids.length === 0) return [];
    const { sqlite } = this.o;
    const window = this.o.keyWindowMs ?? KEY_WINDOW_MS;
    const mark = sqlite.prepare(
      `UPDATE stripe_requests SET state = 'sent', attempts = attempts + 1, first_sent_at = ifnull(first_sent_at, ?),
         next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('pending', 'sent', 'unknown')`,
    );
    return sqlite.transaction(() => {
      const ready: StripeRequest[] = [];
      for (const id of ids) {
        const r = requestById(sqlite, id);
        if (!r) continue;
        if (STRIPE_WRITES[r.kind].creates && r.firstSentAt !== null && this.now() - r.firstSentAt > window)
          this.awaitConfirmation(r);
        else if (mark.run(this.now(), this.o.clock.now(), id).changes > 0) ready.push(r);
      }
      return ready;
    })();
  }

  private async send(r: StripeRequest, gateway: StripeGateway): Promise<void> {
    const spec = STRIPE_WRITES[r.kind];
    const { sqlite } = this.o;
    this.o.checkpoint?.('sent', r);
    let answer: { id: string; object: string; lastResponse?: { requestId?: string } };
    try {
      await gateway.limiter.acquire(spec.endpoint);
      answer = await spec.send(
        gateway.stripe,
        { target: r.target, params: r.params as never },
        { idempotencyKey: r.idempotencyKey },
      );
    } catch (error) {
      this.failedAttempt(r, error);
      return;
    }
    this.o.checkpoint?.('answered', r);
    sqlite.transaction(() => {
      const now = this.o.clock.now();
      const settled = sqlite
        .prepare(
          `UPDATE stripe_requests SET state = 'succeeded', stripe_object_id = ?, stripe_request_id = ?,
             error_type = NULL, error_code = NULL, error_message = NULL, error_param = NULL, error_status = NULL,
             completed_at = ?, updated_at = ? WHERE id = ? AND state <> 'succeeded'`,
        )
        .run(answer.id, answer.lastResponse?.requestId ?? null, now, now, r.id).changes;
      this.o.applyObject(answer as unknown as StripeJson, responseTime(answer), r.seq);
      if (settled)
        appendAudit(sqlite, {
          entityType: 'stripe_request',
          entityId: r.id,
          action: 'succeeded',
          newValues: { kind: r.kind, stripe_object_id: answer.id, attempts: r.attempts + 1 },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      this.o.checkpoint?.('committing', r);
    })();
  }

  private failedAttempt(r: StripeRequest, error: unknown): void {
    const { sqlite } = this.o;
    const attempts = r.attempts + 1;
    const outcome = attemptOutcome(error, r.kind, attempts, this.timing);
    const requestId = (error as { requestId?: string }).requestId ?? null;
    const now = this.o.clock.now();
    if (outcome.retry) {
      const firstSent = r.firstSentAt ?? this.now();
      const next = this.now() + outcome.delayMs;
      if (STRIPE_WRITES[r.kind].creates && next - firstSent > (this.o.keyWindowMs ?? KEY_WINDOW_MS)) {
        this.awaitConfirmation(r, outcome.reason);
        return;
      }
      sqlite
        .prepare(
          `UPDATE stripe_requests SET state = ?, next_attempt_at = ?, error_message = ?, error_status = ?,
             stripe_request_id = ifnull(?, stripe_request_id), updated_at = ? WHERE id = ? AND state = 'sent'`,
        )
        .run(outcome.state, next, outcome.reason, errorStatus(error), requestId, now, r.id);
      return;
    }
    sqlite.transaction(() => {
      const settled = sqlite
        .prepare(
          `UPDATE stripe_requests SET state = 'failed', error_type = ?, error_code = ?, error_message = ?,
             error_param = ?, error_status = ?, stripe_request_id = ifnull(?, stripe_request_id),
             completed_at = ?, updated_at = ? WHERE id = ? AND state = 'sent'`,
        )
        .run(
          outcome.type,
          outcome.code,
          outcome.message,
          outcome.param,
          outcome.status,
          requestId,
          now,
          now,
          r.id,
        ).changes;
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
   * A create whose key Stripe may have forgotten is never sent again: a new attempt could make a second object.
   * It stays `unknown` until sync finds the object it made (by its `lplate_request_id` metadata) or a person decides.
   */
  private awaitConfirmation(r: StripeRequest, reason?: string): void {
    this.o.sqlite
      .prepare(
        `UPDATE stripe_requests SET state = 'unknown', next_attempt_at = NULL, error_message = ?, updated_at = ?
         WHERE id = ? AND state IN ('pending', 'sent', 'unknown')`,
      )
      .run(
        `${reason ? `${reason}. ` : ''}Stripe did not answer before its idempotency key expired, so this is not sent again: sync will link the object if Stripe made it. Check the Stripe Dashboard before doing it again by hand.`,
        this.o.clock.now(),
        r.id,
      );
  }
}

function errorStatus(error: unknown): number | null {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : null;
}
