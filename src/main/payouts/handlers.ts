// Contract handlers of the payouts domain: preview, prepare, execute and retry runs, their history and statements.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import type { payoutsContract, ClawbackRow } from '../../shared/contract/payouts';
import { earningsOwed } from './earnings';
import { executeRun } from './execute';
import { nextFridayTotals } from './next-friday';
import { prepareRun } from './prepare';
import { nextFriday, previewRun } from './preview';
import { currentPolicy, setPolicy } from './policy';
import { remittanceCsv, remittancePdf } from './remittance';
import { retryRun } from './retry';
import { scheduleStatus } from './schedule';
import { listRuns, runDetail } from './run-detail';

export const payoutsHandlers: Handlers<keyof typeof payoutsContract> = {
  'payouts.preview': (ctx, input) => previewRun(ctx.sqlite, input.date ?? nextFriday(ctx.clock.now())),
  'payouts.nextFriday': (ctx) => nextFridayTotals(ctx.sqlite, ctx.clock.now()),
  'payouts.earnings': (ctx, input) => earningsOwed(ctx.sqlite, input.date, input.instructorId),
  'payouts.prepare': (ctx, input) => {
    const id = prepareRun(
      ctx.sqlite,
      input.date,
      { id: requireOperator(ctx).id, source: 'console' },
      ctx.clock.now(),
    );
    return runDetail(ctx.sqlite, id, ctx.workspace.mode);
  },
  'payouts.execute': (ctx, input) => {
    const { id, name } = requireOperator(ctx);
    executeRun(ctx, input, { id, name });
    return runDetail(ctx.sqlite, input.runId, ctx.workspace.mode);
  },
  'payouts.retry': (ctx, input) => {
    retryRun(ctx, input.runId);
    return runDetail(ctx.sqlite, input.runId, ctx.workspace.mode);
  },
  'payouts.runs': (ctx, input) => listRuns(ctx.sqlite, input.limit, ctx.workspace.mode),
  'payouts.run': (ctx, input) => runDetail(ctx.sqlite, input.runId, ctx.workspace.mode),
  'payouts.remittance': (ctx, input) => remittanceCsv(ctx.sqlite, input.payoutId),
  'payouts.remittancePdf': (ctx, input) => remittancePdf(ctx.sqlite, ctx.pdf, input.payoutId),
  'payouts.policy': (ctx) => currentPolicy(ctx.sqlite),
  'payouts.schedule': (ctx) => scheduleStatus(ctx.sqlite, ctx.clock.now()),
  'payouts.setPolicy': (ctx, input) => setPolicy(ctx.sqlite, input, requireOperator(ctx).id, ctx.clock.now()),
  'payouts.clawbacks': (ctx, input) =>
    ctx.sqlite
      .prepare(
        `SELECT c.id, c.instructor_id AS instructorId, u.name AS instructorName, c.amount_pence AS amountPence,
           c.reason, c.source_ref AS sourceRef, c.status, c.method,
           c.stripe_transfer_id AS transferId, c.payout_id AS payoutId, c.note, c.created_at AS createdAt
         FROM clawbacks c JOIN instructors n ON n.id = c.instructor_id JOIN users u ON u.id = n.user_id
         WHERE (@only IS NULL OR c.instructor_id = @only)
         ORDER BY c.status = 'outstanding' DESC, c.created_at DESC LIMIT 500`,
      )
      .all({ only: input.instructorId ?? null })
      .map((row) => {
        const { instructorId, instructorName, ...rest } = row as Omit<ClawbackRow, 'instructor'> & {
          instructorId: string;
          instructorName: string;
        };
        return { ...rest, instructor: { id: instructorId, name: instructorName } };
      }),
};
