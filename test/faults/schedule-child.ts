// A console in its own process for the payout schedule restart test. `setup` (on Wednesday) syncs the marketplace,
// imports its completions, sets the policy (Friday 10:00, auto-execution up to a limit) and arms the schedule;
// `fire` (on Friday after 10:00) opens the workspace with the schedule running, as the desktop does, and waits until
// the Friday's firing is done and its transfers settled — SIGKILLing itself, when told, as a statement whose SQL
// contains `killOn` is about to run (inside its transaction) or at the Nth step of the outbox.
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/main/clock';
import { connectAndSync, contractCaller, FIXED_NOW, signedInOperators } from '../integration/sync/harness';
import { openKillableCore } from './killable-core';

interface ChildArgs {
  dir: string;
  port: number;
  phase: 'setup' | 'fire';
  date: string;
  /** When the Friday's firing happens (fire phase). */
  now: number;
  killOn: string | null;
  killAt: number | null;
}

const args = JSON.parse(process.env.LPLATE_SCHEDULE_ARGS ?? '{}') as ChildArgs;

if (args.killOn) {
  // The driver's statements, not our code: the process dies just before the statement runs.
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    const stmt = prepare.call(this, source);
    if (source.includes(args.killOn!)) {
      const run = stmt.run.bind(stmt) as (...params: unknown[]) => Database.RunResult;
      stmt.run = (...params: unknown[]) => {
        process.kill(process.pid, 'SIGKILL');
        return run(...params);
      };
    }
    return stmt;
  } as typeof prepare;
}

const sync = await openKillableCore(args.port, args.dir, args.killAt, {
  clock: new ManualClock(args.phase === 'setup' ? FIXED_NOW : args.now),
  payoutSchedule: true,
});
const { core } = sync;
const { sqlite, jobs } = core.services;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (args.phase === 'setup') {
  await connectAndSync(core);
  await signedInOperators(core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
  const call = contractCaller(core);
  const csv = await (await fetch(`http://127.0.0.1:${args.port}/_sim/scenario/completions.csv`)).text();
  await call('fin', 'completions.import', { fileName: 'completions.csv', csv });
  await call('admin', 'payouts.setPolicy', {
    minimumPence: 100,
    scheduleWeekday: 5,
    scheduleTime: '10:00',
    autoPrepare: true,
    autoExecuteLimitPence: 100_000_000,
  });
  core.schedule.tick(); // arms it on Wednesday (a no-op when the start-up tick did)
} else {
  // The schedule ticks as the lease is taken; wait for its firing of the Friday, then for the transfers it sent.
  const last = () => {
    const value = sqlite
      .prepare("SELECT value FROM sync_state WHERE key = 'payout_schedule'")
      .pluck()
      .get() as string | undefined;
    return value ? (JSON.parse(value) as { last: { friday: string } | null }).last : null;
  };
  const deadline = Date.now() + 240_000;
  while (last()?.friday !== args.date && Date.now() < deadline) await sleep(50);
  const jobId = sqlite
    .prepare('SELECT job_id FROM payout_runs WHERE payout_date = ?')
    .pluck()
    .get(args.date) as string | null | undefined;
  if (jobId) {
    let job = await jobs.wait(jobId, 60_000);
    while (job && (job.state === 'queued' || job.state === 'running')) job = await jobs.wait(jobId, 60_000);
  }
  const unsettled = () =>
    sqlite
      .prepare(
        `SELECT count(*) FROM payout_run_items i JOIN payout_runs r ON r.id = i.run_id
         JOIN stripe_requests q ON q.id = i.request_id
         WHERE r.payout_date = ? AND q.state NOT IN ('succeeded', 'failed', 'canceled')`,
      )
      .pluck()
      .get(args.date) as number;
  while (unsettled() > 0 && Date.now() < deadline) await sleep(50);
}
const state = sqlite.prepare("SELECT value FROM sync_state WHERE key = 'payout_schedule'").pluck().get();
sync.close();
process.stdout.write(JSON.stringify({ state, steps: sync.steps() }) + '\n');
process.exit(0);
