// A console in its own process for the outbox crash tests: it commits Stripe transfers (once), then sends them and
// waits for their job — SIGKILLing itself at the Nth step of a write when told to.
import { randomUUID } from 'node:crypto';
import { markConnected } from '../integration/sync/harness';
import { openKillableCore } from './killable-core';
import { submitStripeWrites } from '../../src/main/outbox/index';
import { STRIPE_WRITES_JOB } from '../../src/main/outbox/writes-job';

interface ChildArgs {
  dir: string;
  port: number;
  /** Instructors' connected accounts to pay, one transfer each. */
  destinations: string[];
  killAt: number | null;
}

const args = JSON.parse(process.env.LPLATE_OUTBOX_ARGS ?? '{}') as ChildArgs;
const sync = await openKillableCore(args.port, args.dir, args.killAt);
const { core } = sync;
const { sqlite, jobs } = core.services;
let jobId = sqlite.prepare('SELECT id FROM jobs WHERE kind = ? LIMIT 1').pluck().get(STRIPE_WRITES_JOB) as
  string | undefined;
if (!jobId) {
  markConnected(core);
  const system = randomUUID();
  sqlite
    .prepare(
      "INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, 'crash@lplate.test', 'Crash Test', 0, 0)",
    )
    .run(system);
  jobId = submitStripeWrites(core.services, {
    title: 'Crash-test transfers',
    by: { id: system, name: 'Crash Test' },
    record: () =>
      args.destinations.map((destination, i) => {
        const id = randomUUID();
        return {
          id,
          kind: 'transfer.create' as const,
          params: { amount: 100 + i, currency: 'gbp', destination, transfer_group: 'crash-test' },
          idempotencyKey: `crash-transfer:${id}`,
          intent: { type: 'crash_test', id },
          description: `Transfer ${100 + i}p to ${destination}`,
        };
      }),
  }).jobId!;
}
// After a restart the holder of the writer lease resumes the job; wait for it through the runner, as the CLI does.
let job = await jobs.wait(jobId, 60_000);
while (job && (job.state === 'queued' || job.state === 'running')) job = await jobs.wait(jobId, 60_000);
sync.close();
process.stdout.write(
  JSON.stringify({ state: job?.state, message: job?.message, steps: sync.steps() }) + '\n',
);
process.exit(job?.state === 'done' ? 0 : 1);
