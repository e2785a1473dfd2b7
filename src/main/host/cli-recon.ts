// `lplate reconcile --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE.xlsx|.csv|.pdf]`: a month-end job on a server.
// The run is saved like one from the page; the exit code is 1 while discrepancies remain.
import { copyFileSync } from 'node:fs';
import type { Core } from '../core';
import type { JobProgress } from '../../shared/contract';
import type { PeriodKind, ReconExport } from '../../shared/contract/recon';
import { formatPence } from '../../shared/money';
import { call, EXIT, signIn, UsageError, type CliIo } from './cli-kit';

export interface ReconArgs {
  values: {
    operator?: string;
    json?: boolean;
    from?: string;
    to?: string;
    out?: string;
    'full-read'?: boolean;
  };
}

const FORMATS: Record<string, ReconExport> = { xlsx: 'xlsx', csv: 'csv', pdf: 'pdf' };

async function jobDone(core: Core, connection: string, jobId: string): Promise<JobProgress> {
  let job = await call(core, connection, 'jobs.wait', { jobId, timeoutSeconds: 60 });
  while (job.state === 'queued' || job.state === 'running')
    job = await call(core, connection, 'jobs.wait', { jobId, timeoutSeconds: 60 });
  return job;
}

export async function reconcileCommand(
  core: Core,
  connection: string,
  args: ReconArgs,
  io: CliIo,
): Promise<number> {
  const { from, to, out } = args.values;
  if (!from || !to) throw new UsageError('reconcile needs --from YYYY-MM-DD and --to YYYY-MM-DD.');
  const format = out ? FORMATS[out.split('.').pop()!.toLowerCase()] : undefined;
  if (out && !format) throw new UsageError('--out must end in .xlsx, .csv or .pdf.');
  await signIn(core, connection, args.values.operator, io);
  const kind: PeriodKind = from === to ? 'day' : 'custom';
  const run = await jobDone(
    core,
    connection,
    (
      await call(core, connection, 'recon.run', {
        period: { kind, from, to },
        ...(args.values['full-read'] ? { fullRead: true } : {}),
      })
    ).jobId,
  );
  if (run.state !== 'done' || !run.resultId) {
    io.err(`The reconciliation did not run: ${run.message}`);
    return EXIT.failed;
  }
  const report = await call(core, connection, 'recon.get', { reportId: run.resultId });
  const f = report.figures;
  if (args.values.json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(`Reconciliation ${from} – ${to}: ${report.status} (run ${report.id}). ${run.message}`);
    io.out(
      `  Net revenue ${formatPence(f.netRevenuePence)}, net platform fee ${formatPence(f.platformFee.netPence)}, net transfers ${formatPence(f.netTransfersPence)}.`,
    );
    for (const d of report.discrepancies) io.out(`  ${d.kind}: ${d.message}`);
  }
  if (out && format) {
    const { jobId } = await call(core, connection, 'recon.export', { reportId: report.id, format });
    const job = await jobDone(core, connection, jobId);
    const file = job.file?.url ? core.files.take(job.file.url.split('/').pop()!, connection) : null;
    if (job.state !== 'done' || !file) {
      io.err(`The export failed: ${job.message}`);
      return EXIT.failed;
    }
    copyFileSync(file.path, out);
    io.err(`Wrote ${out}.`);
  }
  return report.discrepancies.length === 0 ? EXIT.done : EXIT.failed;
}
