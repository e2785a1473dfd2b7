// Approving and executing a prepared run (finance): checked against what the confirmation showed and against the
// numbers now, then one transfer write per ready instructor, committed with the run's record, clawback links and
// audit rows before anything is sent, as one job. A run executes once; a second execution is refused. The executor is
// a finance operator, or the schedule under the admin's auto-execution policy (payouts/schedule.ts).
import { randomUUID } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/contract';
import { formatDay } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import type { CoreServices } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { submitStripeWrites, type AnyStripeWrite } from '../outbox/index';
import type { Sqlite } from '../db/open';
import { owedOn } from './owed';
import { currentPolicy } from './policy';
import { payoutTransfer } from './transfers';
import type { PreviewRow } from '../../shared/contract/payouts';

interface ItemRecord {
  id: string;
  instructorId: string;
  owedPence: number;
  status: 'ready' | 'held';
  attempts: number;
  requestId: string | null;
}

export interface RunRecord {
  id: string;
  date: string;
  executedAt: number | null;
  executedBy: string | null;
  totalPence: number;
  ready: number;
}

export function runRecord(sqlite: Sqlite, runId: string): RunRecord {
  const run = sqlite
    .prepare(
      `SELECT r.id, r.payout_date AS date, r.executed_at AS executedAt, u.name AS executedBy, r.total_pence AS totalPence,
         r.ready_count AS ready FROM payout_runs r LEFT JOIN users u ON u.id = r.executed_by WHERE r.id = ?`,
    )
    .get(runId) as RunRecord | undefined;
  if (!run) throw notFound('A payout run with this id');
  return run;
}

export const itemsOf = (sqlite: Sqlite, runId: string) =>
  sqlite
    .prepare(
      `SELECT id, instructor_id AS instructorId, owed_pence AS owedPence, status, attempts, request_id AS requestId
       FROM payout_run_items WHERE run_id = ? ORDER BY id`,
    )
    .all(runId) as ItemRecord[];

/**
 * One instructor's transfer, its clawbacks linked to the payout and the item pointed at the write. `owed` is the
 * instructor's preview row when the caller read everyone's at once (an execution); else it is read here.
 */
export function planPayout(
  sqlite: Sqlite,
  item: ItemRecord,
  date: string,
  now: number,
  owed?: PreviewRow,
): { write: AnyStripeWrite; amountPence: number } | { skipped: string } {
  const row = owed ?? owedOn(sqlite, date, currentPolicy(sqlite).minimumPence, item.instructorId)[0];
  if (!row || row.status !== 'ready')
    return { skipped: row?.held?.reason ?? 'Nothing is owed to this instructor any more.' };
  const writeId = randomUUID();
  const attempt = item.attempts + 1;
  sqlite
    .prepare(
      `UPDATE payout_run_items SET request_id = ?, attempts = ?, earnings_pence = ?, transferred_pence = ?,
         clawbacks_pence = ?, owed_pence = ? WHERE id = ?`,
    )
    .run(
      writeId,
      attempt,
      row.earningsPence,
      row.transferredPence,
      row.clawbacksPence,
      row.owedPence,
      item.id,
    );
  sqlite
    .prepare(
      // Deductions come off this transfer; reversals Stripe made since the last payout are shown on its statement.
      `UPDATE clawbacks SET payout_id = ?, updated_at = ? WHERE instructor_id = ?
         AND ((status = 'outstanding' AND method = 'deduction') OR (status = 'recovered' AND method = 'reversal' AND payout_id IS NULL))`,
    )
    .run(item.id, now, item.instructorId);
  return {
    amountPence: row.owedPence,
    write: payoutTransfer({
      writeId,
      payoutId: item.id,
      instructor: row.instructor,
      account: row.stripeAccountId!,
      date,
      amountPence: row.owedPence,
      attempt,
    }),
  };
}

/** Who approves an execution: an operator, or null for the schedule (its policy allowed it). */
export type Executor = { id: string; name: string } | null;

export function executeRun(
  services: Pick<CoreServices, 'sqlite' | 'clock' | 'jobs' | 'outbox'>,
  input: ParsedInputOf<'payouts.execute'>,
  operator: Executor,
): string | null {
  const { sqlite } = services;
  let title = 'Payout run';
  // The run's job is stamped in the same transaction as its writes: a crash between them would leave an executed
  // run with no job to follow (test/faults/schedule-restart.test.ts kills a process right there).
  return sqlite
    .transaction(() => {
      const { jobId } = submitStripeWrites(services, {
        title: () => title,
        by: operator,
        record: (now) => {
          const run = runRecord(sqlite, input.runId);
          if (run.executedAt !== null)
            throw new AppError(
              'conflict',
              `${formatDay(run.date)}'s run was executed already by ${run.executedBy ?? 'the schedule'}: nothing was sent twice. Open it to see how it stands.`,
            );
          if (run.totalPence !== input.totalPence || run.ready !== input.count)
            throw new AppError(
              'conflict',
              `The run changed since it was shown (${formatPence(run.totalPence)} to ${run.ready}): nothing was sent. Look at it again and confirm.`,
            );
          const items = itemsOf(sqlite, run.id).filter((i) => i.status === 'ready');
          const now_ = owedOn(sqlite, run.date, currentPolicy(sqlite).minimumPence);
          const ready = new Map(now_.filter((r) => r.status === 'ready').map((r) => [r.instructor.id, r]));
          const changed =
            ready.size !== items.length ||
            items.some((i) => ready.get(i.instructorId)?.owedPence !== i.owedPence);
          if (changed)
            throw new AppError(
              'conflict',
              `What instructors are owed changed since the run was prepared (new lessons, transfers or clawbacks): nothing was sent. Prepare ${formatDay(run.date)}'s run again and check it.`,
            );
          const writes: AnyStripeWrite[] = [];
          for (const item of items) {
            // Everyone's owed row was read once above: per instructor it would be read again for each (quadratic).
            const planned = planPayout(sqlite, item, run.date, now, ready.get(item.instructorId));
            if ('write' in planned) writes.push(planned.write);
          }
          sqlite
            .prepare('UPDATE payout_runs SET executed_by = ?, executed_at = ? WHERE id = ?')
            .run(operator?.id ?? null, now, run.id);
          appendAudit(sqlite, {
            entityType: 'payout_run',
            entityId: run.id,
            action: 'executed',
            newValues: {
              payout_date: run.date,
              total_pence: run.totalPence,
              transfers: writes.length,
              approved_by: operator?.name ?? 'the schedule (auto-execution policy)',
            },
            userId: operator?.id ?? null,
            actor: operator ? 'operator' : 'system',
            createdAt: now,
          });
          title = `Pay ${writes.length} instructor${writes.length === 1 ? '' : 's'} ${formatPence(run.totalPence)} for ${formatDay(run.date)}`;
          return writes;
        },
      });
      if (jobId) sqlite.prepare('UPDATE payout_runs SET job_id = ? WHERE id = ?').run(jobId, input.runId);
      return jobId;
    })
    .immediate();
}
