// A console in its own process for the refunds crash test: approves a refund request (once), then sends it and waits
// for its job — SIGKILLing itself at a step of the refund's write when told to.
import { openSyncCore, OPERATOR_PASSWORD } from '../integration/sync/harness';
import { STRIPE_WRITES_JOB } from '../../src/main/outbox/writes-job';

interface ChildArgs {
  dir: string;
  port: number;
  requestId: string;
  killAt: 'sent' | 'answered' | 'committing' | null;
}

const args = JSON.parse(process.env.LPLATE_REFUND_ARGS ?? '{}') as ChildArgs;
const sync = await openSyncCore(args.port, {
  dir: args.dir,
  outbox: {
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    checkpoint: (point, request) => {
      if (point === args.killAt && request.kind === 'refund.create') process.kill(process.pid, 'SIGKILL');
    },
  },
});
const { core } = sync;
const { sqlite, jobs } = core.services;
const queued = sqlite.prepare('SELECT id FROM jobs WHERE kind = ? LIMIT 1').pluck().get(STRIPE_WRITES_JOB) as
  string | undefined;
let jobId: string;
if (queued) jobId = queued;
else {
  const signedIn = await core.dispatcher.call('fin', 'auth.signIn', {
    username: 'fin',
    password: OPERATOR_PASSWORD,
  });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const decided = await core.dispatcher.call('fin', 'refunds.decide', {
    requestId: args.requestId,
    decision: 'approve',
  });
  if (!decided.ok) throw new Error(decided.error.message);
  jobId = (decided.data as { jobId: string }).jobId;
}
// After a restart the holder of the writer lease resumes the job; wait for it through the runner, as the CLI does.
let job = await jobs.wait(jobId, 60_000);
while (job && (job.state === 'queued' || job.state === 'running')) job = await jobs.wait(jobId, 60_000);
sync.close();
process.stdout.write(JSON.stringify({ state: job?.state, message: job?.message }) + '\n');
process.exit(job?.state === 'done' ? 0 : 1);
