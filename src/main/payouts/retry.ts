// Retrying an executed run: only instructors whose transfer Stripe refused or that were never sent are attempted
// again, for what they are owed now, with a new key derived from the payout (Stripe keeps a refusal under the old
// key for 24 hours). Paid, still sending and unconfirmed transfers are never sent again; a key Stripe saw reused
// with other parameters waits for a person (the run stays marked stopped: it is stopped once).
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { formatDay } from '../../shared/dates';
import { submitStripeWrites, type AnyStripeWrite } from '../outbox/index';
import { itemsOf, planPayout, runRecord } from './execute';

export function retryRun(ctx: HandlerContext, runId: string): string | null {
  const operator = requireOperator(ctx);
  const { sqlite } = ctx;
  let count = 0;
  const { jobId } = submitStripeWrites(ctx, {
    title: () => `Retry ${count} payout${count === 1 ? '' : 's'} of a Friday run`,
    by: { id: operator.id, name: operator.name },
    record: (now) => {
      const run = runRecord(sqlite, runId);
      if (run.executedAt === null)
        throw new AppError('conflict', 'This run has not been executed yet: execute it first.');
      const state = sqlite.prepare('SELECT state, error_type AS errorType FROM stripe_requests WHERE id = ?');
      const writes: AnyStripeWrite[] = [];
      const skipped: string[] = [];
      for (const item of itemsOf(sqlite, runId)) {
        if (item.status !== 'ready') continue;
        const r = item.requestId
          ? (state.get(item.requestId) as { state: string; errorType: string | null } | undefined)
          : undefined;
        if (r && !['failed', 'canceled'].includes(r.state)) continue;
        if (r?.errorType === 'idempotency_error') {
          skipped.push(`${item.instructorId}: needs a person (idempotency error)`);
          continue;
        }
        const planned = planPayout(sqlite, item, run.date, now);
        if ('write' in planned) writes.push(planned.write);
        else skipped.push(`${item.instructorId}: ${planned.skipped}`);
      }
      if (writes.length === 0)
        throw new AppError(
          'conflict',
          `Nothing to retry in ${formatDay(run.date)}'s run: every ready instructor is paid, still being sent, waiting for confirmation or for a person${skipped.length ? ` (${skipped.length} not owed or held now)` : ''}.`,
        );
      appendAudit(sqlite, {
        entityType: 'payout_run',
        entityId: runId,
        action: 'retried',
        newValues: { payout_date: run.date, transfers: writes.length, skipped },
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
      count = writes.length;
      return writes;
    },
  });
  if (jobId) sqlite.prepare('UPDATE payout_runs SET job_id = ? WHERE id = ?').run(jobId, runId);
  return jobId;
}
