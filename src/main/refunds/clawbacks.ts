// Clawbacks (DOMAIN.md §6): taking an instructor's share back after a refund of hours used in lessons or a lost
// dispute. The share not transferred yet is cancelled (never paid); the share a transfer paid is reversed through the
// outbox under `clawback:{id}`; a reversal Stripe refuses becomes a deduction from the instructor's next payout run.
import { randomUUID } from 'node:crypto';
import { formatPence } from '../../shared/money';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import type { AnyStripeWrite } from '../outbox/index';
import type { FollowUp, Reproject } from '../outbox/sender';
import { REFUND_INTENT } from './decide';
import { clawbackSplit, refundableOf, type ShareOfHours } from './refundable';
import { payableRoot } from '../credits/payable';

/** The outbox intent of a clawback's transfer reversal. */
export const CLAWBACK_INTENT = 'clawback';

export interface ClawbackSubject {
  instructorId: string;
  paymentId: string;
  /** The payment's hours (from, to] whose instructor share is taken back. */
  from: number;
  to: number;
  reason: string;
  /** The refund request or the dispute it comes from. */
  sourceRef: string;
  createdBy: string | null;
}

/**
 * Records the clawbacks of a share (audited) and returns the reversal writes to commit with them. A cancelled share
 * changes which earnings later transfers pay, so the instructor's payable root is re-projected in the same commit.
 */
export function clawBack(
  sqlite: Sqlite,
  s: ClawbackSubject,
  now: number,
  reproject: Reproject,
): AnyStripeWrite[] {
  const split = clawbackSplit(sqlite, s.paymentId, s.from, s.to);
  const insert = sqlite.prepare(
    `INSERT INTO clawbacks (id, instructor_id, amount_pence, reason, source_ref, status, method, stripe_transfer_id,
       payment_id, hours_from, hours_to, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const record = (part: ShareOfHours, method: 'cancelled' | 'reversal', transferId: string | null) => {
    const id = randomUUID();
    const status = method === 'cancelled' ? 'recovered' : 'outstanding';
    insert.run(
      id,
      s.instructorId,
      part.amountPence,
      s.reason,
      s.sourceRef,
      status,
      method,
      transferId,
      s.paymentId,
      part.from,
      part.to,
      s.createdBy,
      now,
      now,
    );
    appendAudit(sqlite, {
      entityType: 'clawback',
      entityId: id,
      action: method === 'cancelled' ? 'earning_cancelled' : 'reversal_requested',
      newValues: {
        instructor_id: s.instructorId,
        payment_id: s.paymentId,
        hours: `${part.from + 1}–${part.to}`,
        amount_pence: part.amountPence,
        reason: s.reason,
        source_ref: s.sourceRef,
        status,
        method,
        ...(transferId ? { transfer: transferId } : {}),
      },
      userId: s.createdBy,
      actor: s.createdBy ? 'operator' : 'system',
      createdAt: now,
    });
    return id;
  };
  if (split.unpaid && split.unpaid.amountPence > 0) {
    record(split.unpaid, 'cancelled', null);
    reproject([payableRoot(s.instructorId)]);
  }
  return split.paid
    .filter((p) => p.amountPence > 0)
    .map((p) => {
      const id = record(p, 'reversal', p.transferId);
      return {
        kind: 'transfer_reversal.create' as const,
        target: p.transferId,
        params: { amount: p.amountPence, metadata: { lplate_clawback_id: id, lplate_reason: s.reason } },
        idempotencyKey: `clawback:${id}`,
        intent: { type: CLAWBACK_INTENT, id },
        description: `Reverse ${formatPence(p.amountPence)} of ${p.transferId} (${s.reason})`,
      };
    });
}

/** Once a refund with used hours is in Stripe: claw back the instructor's share of those hours (in the commit). */
export const refundFollowUp: FollowUp = (sqlite, done, now, reproject) => {
  const request = sqlite
    .prepare(
      'SELECT payment_id AS paymentId, used_hours AS used, decided_by AS by FROM refund_requests WHERE id = ?',
    )
    .get(done.intentId) as { paymentId: string; used: number; by: string } | undefined;
  if (!request || request.used === 0) return [];
  if (sqlite.prepare('SELECT 1 FROM clawbacks WHERE source_ref = ?').get(done.intentId)) return [];
  // Stripe may answer with a refund that failed already: the instructor keeps their share.
  const status = sqlite
    .prepare('SELECT status FROM refunds WHERE stripe_refund_id = ?')
    .pluck()
    .get(done.stripeObjectId) as string | undefined;
  if (status === 'failed' || status === 'canceled') return [];
  const r = refundableOf(sqlite, request.paymentId)!;
  // This refund is counted once (refunded, or still in flight): the hours below the rest are its own, from the back.
  const from = r.payment.hours - r.refunded - r.inFlightHours;
  return clawBack(
    sqlite,
    {
      instructorId: r.payment.instructor.id,
      paymentId: r.payment.id,
      from,
      to: from + request.used,
      reason: `Refund of ${request.used} h used in lessons (${r.payment.learner.name})`,
      sourceRef: done.intentId,
      createdBy: request.by,
    },
    now,
    reproject,
  );
};

/** A reversal Stripe made: the clawback is recovered (in the commit of its success). */
export const clawbackFollowUp: FollowUp = (sqlite, done, now, reproject) => {
  const changed = sqlite
    .prepare(
      `UPDATE clawbacks SET status = 'recovered', updated_at = ? WHERE id = ? AND status = 'outstanding' AND method = 'reversal'
       RETURNING instructor_id`,
    )
    .pluck()
    .get(now, done.intentId) as string | undefined;
  if (changed) {
    // The reversed share no longer lowers what its transfer paid of the instructor's earnings.
    reproject([payableRoot(changed)]);
    appendAudit(sqlite, {
      entityType: 'clawback',
      entityId: done.intentId,
      action: 'reversed',
      oldValues: { status: 'outstanding' },
      newValues: { status: 'recovered', reversal: done.stripeObjectId },
      userId: null,
      actor: 'system',
      createdAt: now,
    });
  }
  return [];
};

/**
 * Reversals Stripe refused (the instructor's connected balance is too low, the transfer already reversed): each
 * clawback becomes a deduction from the instructor's next payout run, audited with Stripe's words.
 */
export function deductRefusedReversals(sqlite: Sqlite, now: number): void {
  const refused = sqlite
    .prepare(
      `SELECT c.id, q.error_message AS message, q.error_code AS code FROM clawbacks c
       JOIN stripe_requests q ON q.intent_type = '${CLAWBACK_INTENT}' AND q.intent_id = c.id
       WHERE c.status = 'outstanding' AND c.method = 'reversal' AND q.state IN ('failed', 'canceled')`,
    )
    .all() as { id: string; message: string | null; code: string | null }[];
  if (refused.length === 0) return;
  sqlite
    .transaction(() => {
      for (const c of refused) {
        sqlite
          .prepare(
            "UPDATE clawbacks SET method = 'deduction', updated_at = ? WHERE id = ? AND method = 'reversal'",
          )
          .run(now, c.id);
        appendAudit(sqlite, {
          entityType: 'clawback',
          entityId: c.id,
          action: 'reversal_refused',
          oldValues: { method: 'reversal' },
          newValues: { method: 'deduction', stripe_code: c.code, stripe_message: c.message },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      }
    })
    .immediate();
}

/**
 * Refunds that failed or were cancelled after Stripe took them: their clawbacks are waived by the console (no one's
 * name, no posting — the refund's failure in the journal already gives the instructor's share back). Whatever was
 * recovered meanwhile is owed to the instructor again, so the next run pays it; a reversal still on its way is no
 * longer recovered by it. Audited; run after every commit that wrote refunds, and at start.
 */
export function waiveClawbacksOfFailedRefunds(sqlite: Sqlite, now: number, reproject: Reproject): void {
  const failed = sqlite
    .prepare(
      `SELECT c.id, c.instructor_id AS instructorId, c.status, r.status AS refundStatus, r.stripe_refund_id AS refundId
       FROM clawbacks c
       JOIN stripe_requests q ON q.intent_type = '${REFUND_INTENT}' AND q.intent_id = c.source_ref
       JOIN refunds r ON r.stripe_refund_id = q.stripe_object_id
       WHERE c.status <> 'waived' AND r.status IN ('failed', 'canceled')`,
    )
    .all() as { id: string; instructorId: string; status: string; refundStatus: string; refundId: string }[];
  if (failed.length === 0) return;
  sqlite
    .transaction(() => {
      for (const c of failed) {
        const note = `Its refund ${c.refundId} ${c.refundStatus === 'failed' ? 'failed' : 'was cancelled'}: nothing is clawed back.`;
        sqlite
          .prepare(
            "UPDATE clawbacks SET status = 'waived', note = ?, updated_at = ? WHERE id = ? AND status <> 'waived'",
          )
          .run(note, now, c.id);
        appendAudit(sqlite, {
          entityType: 'clawback',
          entityId: c.id,
          action: 'refund_failed',
          oldValues: { status: c.status },
          newValues: { status: 'waived', refund: c.refundId, refund_status: c.refundStatus, note },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      }
      // A waived share counts again in what the instructor's transfers must pay.
      reproject([...new Set(failed.map((c) => payableRoot(c.instructorId)))]);
    })
    .immediate();
}
