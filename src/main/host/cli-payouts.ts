// `lplate payouts preview|run --date YYYY-MM-DD [--yes]`: a Friday's run from a terminal, cron or a systemd timer,
// through the same contract methods as the Payouts page; exit 1 when anything failed or was held.
import type { Core } from '../core';
import type { PayoutPreview, RunDetail } from '../../shared/contract/payouts';
import { formatDay } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import { call, EXIT, signIn, table, UsageError, type CliIo } from './cli-kit';
import { waitForJob } from './cli-jobs';

export interface PayoutsArgs {
  positionals: string[];
  values: { operator?: string; json?: boolean; date?: string; yes?: boolean };
}

const USE = 'Use: lplate payouts preview [--date YYYY-MM-DD] | lplate payouts run --date YYYY-MM-DD [--yes]';

function printPreview(p: PayoutPreview, io: CliIo): void {
  io.out(
    table([
      ['INSTRUCTOR', 'OWED', 'STATUS', 'WHY'],
      ...p.rows.map((r) => [
        r.instructor.name,
        formatPence(r.owedPence),
        r.status,
        [
          r.held?.reason,
          r.outsideTransfers.length
            ? `${r.outsideTransfers.length} transfer(s) made outside the console counted as paid`
            : null,
        ]
          .filter(Boolean)
          .join(' '),
      ]),
    ]),
  );
  io.out(
    `${formatDay(p.date)}: ${formatPence(p.totals.readyPence)} to ${p.totals.ready} instructor(s); ${p.totals.held} held (${formatPence(p.totals.heldPence)}).`,
  );
  if (p.balanceWarning) io.err(`Warning: ${p.balanceWarning}`);
}

function printRun(d: RunDetail, io: CliIo): number {
  io.out(
    table([
      ['INSTRUCTOR', 'AMOUNT', 'OUTCOME', 'TRANSFER / WHAT TO DO'],
      ...d.items.map((i) => [
        i.instructor.name,
        formatPence(i.owedPence),
        i.outcome,
        i.transferId ?? i.detail ?? '',
      ]),
    ]),
  );
  io.out(
    `${formatDay(d.run.date)}: ${d.run.paid} paid (${formatPence(d.run.paidPence)}), ${d.run.failed} failed, ${d.items.filter((i) => i.outcome === 'held').length} held.`,
  );
  if (d.run.stoppedReason) io.err(d.run.stoppedReason);
  return d.items.every((i) => i.outcome === 'paid') ? EXIT.done : EXIT.failed;
}

export async function payoutsCommand(
  core: Core,
  connection: string,
  args: PayoutsArgs,
  io: CliIo,
): Promise<number> {
  const [, sub] = args.positionals;
  const { date, json } = args.values;
  if (sub !== 'preview' && sub !== 'run') throw new UsageError(USE);
  if (sub === 'run' && !date) throw new UsageError(`payouts run needs --date. ${USE}`);
  await signIn(core, connection, args.values.operator, io);
  if (sub === 'preview') {
    const preview = await call(core, connection, 'payouts.preview', date ? { date } : {});
    if (json) io.out(JSON.stringify(preview, null, 2));
    else printPreview(preview, io);
    return preview.totals.held > 0 ? EXIT.failed : EXIT.done;
  }
  const runs = await call(core, connection, 'payouts.runs', { limit: 200 });
  const existing = runs.find((r) => r.date === date);
  let detail: RunDetail;
  if (existing?.executedAt != null) {
    detail = await call(core, connection, 'payouts.run', { runId: existing.id });
    if (args.values.yes && detail.items.some((i) => ['failed', 'cancelled'].includes(i.outcome))) {
      io.err(`${formatDay(date!)}'s run was executed already: retrying what Stripe refused.`);
      detail = await call(core, connection, 'payouts.retry', { runId: existing.id });
      if (detail.run.jobId) await waitForJob(core, connection, detail.run.jobId, io);
      detail = await call(core, connection, 'payouts.run', { runId: existing.id });
    }
  } else {
    printPreview(await call(core, connection, 'payouts.preview', { date }), io);
    detail = await call(core, connection, 'payouts.prepare', { date: date! });
    if (!args.values.yes || detail.run.ready === 0) {
      io.out(
        detail.run.ready === 0
          ? 'Nobody is ready to be paid: nothing was sent.'
          : `Prepared, waiting for approval: run again with --yes to transfer ${formatPence(detail.run.totalPence)} to ${detail.run.ready} instructor(s).`,
      );
      return detail.run.held > 0 ? EXIT.failed : EXIT.done;
    }
    const { run } = detail;
    detail = await call(core, connection, 'payouts.execute', {
      runId: run.id,
      totalPence: run.totalPence,
      count: run.ready,
    });
    await waitForJob(core, connection, detail.run.jobId!, io);
    detail = await call(core, connection, 'payouts.run', { runId: run.id });
  }
  if (json) {
    io.out(JSON.stringify(detail, null, 2));
    return detail.items.every((i) => i.outcome === 'paid') ? EXIT.done : EXIT.failed;
  }
  return printRun(detail, io);
}
