// What follows a payout's transfer in the outbox: its success settles the clawbacks it deducted; a key Stripe saw
// reused with other parameters stops the whole run for a person (its unsent transfers are cancelled).
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { payableRoot } from '../credits/payable';
import { cancelUnsentWrite } from '../outbox/requests';
import type { FollowUp } from '../outbox/sender';

/** Runs inside the commit of a payout transfer's success; it asks for no further write. */
export const payoutFollowUp: FollowUp = (sqlite, done, now, reproject) => {
  const deducted = sqlite
    .prepare(
      `UPDATE clawbacks SET status = 'deducted', updated_at = ? WHERE payout_id = ? AND status = 'outstanding'
       RETURNING id, instructor_id AS instructorId, amount_pence AS amountPence`,
    )
    .all(now, done.intentId) as { id: string; instructorId: string; amountPence: number }[];
  // What the transfer deducted, it paid of the instructor's earnings too.
  if (deducted.length > 0) reproject([payableRoot(deducted[0]!.instructorId)]);
  for (const c of deducted)
    appendAudit(sqlite, {
      entityType: 'clawback',
      entityId: c.id,
      action: 'deducted',
      oldValues: { status: 'outstanding' },
      newValues: { status: 'deducted', payout_id: done.intentId, transfer: done.stripeObjectId },
      userId: null,
      actor: 'system',
      createdAt: now,
    });
  return [];
};

/** Stops every run with a transfer Stripe refused as an idempotency error: its unsent transfers are cancelled. */
export function stopRunsOnIdempotencyError(sqlite: Sqlite, now: number): void {
  const stopped = sqlite
    .prepare(
      `SELECT DISTINCT r.id AS runId, q.job_id AS jobId, q.error_message AS message
       FROM payout_runs r JOIN payout_run_items i ON i.run_id = r.id JOIN stripe_requests q ON q.id = i.request_id
       WHERE r.stopped_reason IS NULL AND q.state = 'failed' AND q.error_type = 'idempotency_error'`,
    )
    .all() as { runId: string; jobId: string | null; message: string | null }[];
  if (stopped.length === 0) return;
  sqlite
    .transaction(() => {
      for (const s of stopped) {
        const reason =
          'Stopped for a person: Stripe refused a payout key as already used with other parameters, so nothing more of this run is sent. Check the Stripe Dashboard for the transfer in this run’s group, then report it.';
        sqlite.prepare('UPDATE payout_runs SET stopped_reason = ? WHERE id = ?').run(reason, s.runId);
        const unsent = sqlite
          .prepare(
            `SELECT q.id FROM payout_run_items i JOIN stripe_requests q ON q.id = i.request_id
             WHERE i.run_id = ? AND q.state = 'pending' AND q.maybe_applied = 0`,
          )
          .pluck()
          .all(s.runId) as string[];
        for (const id of unsent)
          cancelUnsentWrite(sqlite, id, 'Not sent: the payout run was stopped for a person.', now);
        appendAudit(sqlite, {
          entityType: 'payout_run',
          entityId: s.runId,
          action: 'stopped',
          newValues: { reason, stripe_message: s.message, cancelled: unsent.length },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      }
    })
    .immediate();
}
