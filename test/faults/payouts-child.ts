// A console in its own process for the payout crash tests: the first time it syncs the marketplace, imports its
// completions, prepares and executes a Friday's run as finance; every time it waits for the run's job — SIGKILLing
// itself at the Nth step of a transfer when told to.
import { connectAndSync, contractCaller, signedInOperators } from '../integration/sync/harness';
import { openKillableCore } from './killable-core';

interface ChildArgs {
  dir: string;
  port: number;
  date: string;
  killAt: number | null;
}

const args = JSON.parse(process.env.LPLATE_PAYOUTS_ARGS ?? '{}') as ChildArgs;
const sync = await openKillableCore(args.port, args.dir, args.killAt);
const { core } = sync;
const { sqlite, jobs } = core.services;
const runJob = () =>
  sqlite.prepare('SELECT job_id FROM payout_runs WHERE payout_date = ?').pluck().get(args.date) as
    string | null | undefined;
let jobId = runJob();
if (!jobId) {
  await connectAndSync(core);
  await signedInOperators(core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
  const call = contractCaller(core);
  const csv = await (await fetch(`http://127.0.0.1:${args.port}/_sim/scenario/completions.csv`)).text();
  await call('fin', 'completions.import', { fileName: 'completions.csv', csv });
  const { run } = await call('fin', 'payouts.prepare', { date: args.date });
  await call('fin', 'payouts.execute', { runId: run.id, totalPence: run.totalPence, count: run.ready });
  jobId = runJob()!;
}
// After a restart the holder of the writer lease resumes the job; wait for it through the runner, as the CLI does.
let job = await jobs.wait(jobId, 60_000);
while (job && (job.state === 'queued' || job.state === 'running')) job = await jobs.wait(jobId, 60_000);
sync.close();
process.stdout.write(
  JSON.stringify({ state: job?.state, message: job?.message, steps: sync.steps() }) + '\n',
);
process.exit(job?.state === 'done' ? 0 : 1);
