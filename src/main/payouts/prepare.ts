// Preparing a Friday's run: the preview frozen as a console record (who, when, each instructor's amount or why held),
// waiting for finance to approve and execute it. Prepared again, before execution, it is replaced.
import { randomUUID } from 'node:crypto';
import { formatDay } from '../../shared/dates';
import { AppError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { previewRun } from './preview';

export function prepareRun(
  sqlite: Sqlite,
  date: string,
  by: { id: string | null; source: 'console' | 'schedule' },
  now: number,
): string {
  return sqlite
    .transaction(() => {
      const existing = sqlite
        .prepare('SELECT id, executed_at AS executedAt FROM payout_runs WHERE payout_date = ?')
        .get(date) as { id: string; executedAt: number | null } | undefined;
      if (existing?.executedAt != null)
        throw new AppError(
          'conflict',
          `${formatDay(date)}'s run was executed already: open it to retry what was not paid.`,
        );
      const preview = previewRun(sqlite, date);
      const id = existing?.id ?? randomUUID();
      const values = {
        id,
        date,
        source: by.source,
        by: by.id,
        now,
        total: preview.totals.readyPence,
        ready: preview.totals.ready,
        held: preview.totals.held,
      };
      if (existing) {
        sqlite.prepare('DELETE FROM payout_run_items WHERE run_id = ?').run(id);
        sqlite
          .prepare(
            `UPDATE payout_runs SET source = @source, prepared_by = @by, prepared_at = @now, total_pence = @total,
               ready_count = @ready, held_count = @held WHERE id = @id`,
          )
          .run(values);
      } else
        sqlite
          .prepare(
            `INSERT INTO payout_runs (id, payout_date, source, prepared_by, prepared_at, total_pence, ready_count, held_count)
             VALUES (@id, @date, @source, @by, @now, @total, @ready, @held)`,
          )
          .run(values);
      const insert = sqlite.prepare(
        `INSERT INTO payout_run_items (id, run_id, instructor_id, earnings_pence, transferred_pence, clawbacks_pence,
           owed_pence, status, held_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of preview.rows)
        insert.run(
          randomUUID(),
          id,
          r.instructor.id,
          r.earningsPence,
          r.transferredPence,
          r.clawbacksPence,
          r.owedPence,
          r.status,
          r.held?.reason ?? null,
        );
      appendAudit(sqlite, {
        entityType: 'payout_run',
        entityId: id,
        action: existing ? 'prepared_again' : 'prepared',
        newValues: {
          payout_date: date,
          source: by.source,
          total_pence: values.total,
          ready: values.ready,
          held: values.held,
          balance_warning: preview.balanceWarning,
        },
        userId: by.id,
        actor: by.id ? 'operator' : 'system',
        createdAt: now,
      });
      return id;
    })
    .immediate();
}
