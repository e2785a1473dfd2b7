// A console in its own process for the codes crash test: creates one code (once), then sends its Stripe writes and
// waits for their job — SIGKILLing itself at the Nth step of a write when told to — and prints how the code stands.
import { OPERATOR_PASSWORD } from '../integration/sync/harness';
import { openKillableCore } from './killable-core';
import { STRIPE_WRITES_JOB } from '../../src/main/outbox/writes-job';

const args = JSON.parse(process.env.LPLATE_CODES_ARGS ?? '{}') as {
  dir: string;
  port: number;
  code: string;
  percentage: number;
  killAt: number | null;
};
const { core, close, steps } = await openKillableCore(args.port, args.dir, args.killAt);
const { sqlite, jobs } = core.services;
const call = async (method: 'auth.signIn' | 'codes.create' | 'codes.list', input: unknown) => {
  const r = await core.dispatcher.call('desk', method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
};
await call('auth.signIn', { username: 'fin', password: OPERATOR_PASSWORD });
if (!sqlite.prepare('SELECT 1 FROM code_definitions WHERE code = ?').get(args.code))
  await call('codes.create', {
    kind: 'discount',
    code: args.code,
    percentage: args.percentage,
    maxUses: 50,
    expiresOn: null,
  });
// After a restart the holder of the writer lease resumes the job; wait for it through the runner.
const jobId = sqlite
  .prepare('SELECT id FROM jobs WHERE kind = ? LIMIT 1')
  .pluck()
  .get(STRIPE_WRITES_JOB) as string;
let job = await jobs.wait(jobId, 60_000);
while (job && (job.state === 'queued' || job.state === 'running')) job = await jobs.wait(jobId, 60_000);
const listed = (await call('codes.list', { kind: 'discount', q: args.code })) as {
  rows: { code: string; stripe: { state: string } }[];
};
close();
process.stdout.write(
  JSON.stringify({
    state: job?.state,
    steps: steps(),
    stripe: listed.rows.find((r) => r.code === args.code)?.stripe,
  }) + '\n',
);
