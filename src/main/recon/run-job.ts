// A reconciliation run as a job: Stripe read page by page (a month of a busy marketplace is a thousand list calls),
// then the figures and each check, with progress and Cancel; the run is saved only at the end, whole, and audited.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Discrepancy, ReconPeriod } from '../../shared/contract/recon';
import { formatInstant, londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { reconciliationReports } from '../db/schema';
import { JobCancelled, type Job } from '../jobs/job';
import { syncEngineOf } from '../sync/registry';
import { CHECKS } from './checks';
import { periodFigures } from './figures';
import { spanOf } from './period';
import { readStripe, type StripeRead } from './stripe-kept';

export const RECON_JOB = 'reconciliation';

const STRIPE_PART = 'Stripe objects read';
const CHECKS_PART = 'Checks';
const formatCount = (n: number) => n.toLocaleString('en-GB');

/** How a run read Stripe, for its progress and result: whole, or only what changed since the kept read (London time). */
function readLine(since: number | null): string {
  if (since === null) return 'Stripe was read whole.';
  return `Stripe: only the changes since ${formatInstant(since)} were read.`;
}

/**
 * Refuses what cannot run (role, a future period, Stripe not connected), then starts the run as a job. `fullRead`
 * reads Stripe whole even when a kept read could be brought up to date.
 */
export function startReconciliation(
  ctx: HandlerContext,
  period: ReconPeriod,
  fullRead = false,
): { jobId: string } {
  const operator = requireOperator(ctx);
  if (period.from > londonDate(ctx.clock.now()))
    throw new AppError(
      'validation',
      'This period has not started yet: pick one that starts today or earlier.',
    );
  const gateway = syncEngineOf(ctx.sqlite).connectedGateway();
  if (!gateway)
    throw new AppError('conflict', 'Stripe is not connected: an admin connects it under Settings → Stripe.');
  const job = ctx.jobs.run(
    {
      kind: RECON_JOB,
      title: `Reconcile ${period.from} – ${period.to}`,
      by: { id: operator.id, name: operator.name },
    },
    async (job) => {
      const read = await guardRead(job, () =>
        readStripe(ctx.sqlite, gateway, spanOf(period), onPage(job), fullRead),
      );
      return check(ctx, job, operator.id, period, read);
    },
  );
  return { jobId: job.id };
}

function onPage(job: Job) {
  let pages = 0;
  return (objects: number, endpoint: string) => {
    job.throwIfCancelled('Cancelled while reading Stripe: nothing was saved.');
    pages += 1;
    job.count(
      STRIPE_PART,
      objects,
      `Reading Stripe: ${formatCount(pages)} page${pages === 1 ? '' : 's'} (${endpoint})…`,
    );
  };
}

async function guardRead(job: Job, read: () => Promise<StripeRead>): Promise<StripeRead> {
  job.part(STRIPE_PART);
  job.part(CHECKS_PART, CHECKS.length + 1);
  try {
    return await read();
  } catch (error) {
    if (error instanceof JobCancelled) throw error;
    throw new Error(
      `Stripe could not be read, so nothing was checked or saved: ${(error as Error).message.replace(/\.$/, '')}. Try again in a moment.`,
    );
  }
}

async function check(
  ctx: HandlerContext,
  job: Job,
  operatorId: string,
  period: ReconPeriod,
  { side, changesSince }: StripeRead,
): Promise<string> {
  const span = spanOf(period);
  job.estimate(STRIPE_PART, 0); // read in full: its total is what was read
  job.count(CHECKS_PART, 0, `${readLine(changesSince)} Adding up the period’s figures…`);
  await nextTurn();
  const figures = periodFigures(ctx.sqlite, span);
  job.count(CHECKS_PART, 1);
  const input = {
    sqlite: ctx.sqlite,
    projection: ctx.projection,
    mode: ctx.workspace.mode,
    span,
    side,
    figures,
  };
  const found: Discrepancy[] = [];
  for (const c of CHECKS) {
    job.throwIfCancelled('Cancelled during the checks: nothing was saved.');
    job.count(CHECKS_PART, 0, `Checking ${c.label}…`);
    // Lets the progress out and a Cancel in between checks (each runs synchronously on the shared connection).
    await nextTurn();
    found.push(...c.run(input, found));
    job.count(CHECKS_PART, 1);
  }
  job.throwIfCancelled('Cancelled during the checks: nothing was saved.');
  const id = randomUUID();
  const now = ctx.clock.now();
  const status = found.length === 0 ? 'reconciled' : 'discrepancies';
  const totals = {
    total_revenue_pence: figures.netRevenuePence,
    total_payouts_pence: figures.netTransfersPence,
    total_fees_pence: figures.platformFee.netPence,
  };
  ctx.sqlite.transaction(() => {
    ctx.db
      .insert(reconciliationReports)
      .values({
        id,
        report_date: period.to,
        ...totals,
        payment_breakdown: { byType: figures.byType, byInstructor: figures.byInstructor },
        payout_breakdown: {
          transfersPence: figures.transfersPence,
          reversalsPence: figures.reversalsPence,
          bankPayoutsPence: figures.bankPayoutsPence,
        },
        created_at: now,
        period_kind: period.kind,
        period_from: period.from,
        period_to: period.to,
        status,
        run_by: operatorId,
        figures,
        discrepancies: found,
        discrepancy_count: found.length,
      })
      .run();
    appendAudit(ctx.sqlite, {
      entityType: 'reconciliation',
      entityId: id,
      action: 'run',
      newValues: { period, status, discrepancies: found.length, ...totals },
      userId: operatorId,
      actor: 'operator',
      createdAt: now,
    });
  })();
  job.resultId = id;
  const result =
    found.length === 0
      ? 'Reconciled: no discrepancies.'
      : `Found ${formatCount(found.length)} discrepanc${found.length === 1 ? 'y' : 'ies'}.`;
  return `${result} ${readLine(changesSince)}`;
}
