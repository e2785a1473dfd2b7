// The job an operator sees for Stripe writes they asked for: it follows its writes as the sender settles them,
// shows how they ended, cancels the ones not yet sent when asked, and resumes after a restart.
import type { JobItem } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import { JobCancelled, type Job } from '../jobs/job';
import type { JobRunner } from '../jobs/runner';
import {
  cancelUnsentWrite,
  jobItem,
  requestsOfJob,
  writesOfJob,
  type RequestState,
  type StripeConnection,
} from './requests';
import type { OutboxSender } from './sender';

export const STRIPE_WRITES_JOB = 'stripe_writes';

/** At most this many writes are listed one by one; a bigger job lists the ones that need a person. */
const LISTED = 50;
/** How often a job re-reads its writes: at most this often while they change, at least this often when quiet. */
const RECHECK_MS = 250;
const QUIET_RECHECK_MS = 1_000;

export interface WritesJobs {
  /** Starts following the writes of a job recorded in the same transaction as them. */
  start(jobId: string): void;
}

function summary(counts: Record<RequestState, number>, total: number, firstRefusal: string | null) {
  if (counts.failed > 0)
    return {
      failed: true,
      message:
        total === 1
          ? (firstRefusal ?? 'Stripe refused the write.')
          : `Stripe refused ${counts.failed} of ${total} writes (first: ${firstRefusal ?? 'no reason given'}).`,
    };
  if (counts.unknown > 0)
    return {
      failed: true,
      message: `${counts.unknown} of ${total} writes are unconfirmed: Stripe may have made them. Sync links them when it sees them.`,
    };
  return { failed: false, message: total === 1 ? 'Done in Stripe.' : `All ${total} writes done in Stripe.` };
}

/** What the job waits for, in words, when its writes cannot move on their own. */
function waitingFor(
  held: number,
  connection: StripeConnection | null,
  firstHeld: string | null,
): string | null {
  if (held > 0) return `Waiting for a person: ${firstHeld ?? 'see the writes below.'}`;
  if (!connection) return 'Waiting for Stripe to be connected (Settings → Stripe).';
  return null;
}

export function defineWritesJob(
  jobs: JobRunner,
  deps: { sqlite: Sqlite; clock: Clock; sender: OutboxSender; connection: () => StripeConnection | null },
): WritesJobs {
  const follow = async (job: Job): Promise<string> => {
    for (;;) {
      if (job.cancelled) cancelUnsent(deps.sqlite, job.id, deps.clock.now());
      const { counts, total, settled, held } = writesOfJob(deps.sqlite, job.id);
      const requests = requestsOfJob(deps.sqlite, job.id, total <= LISTED ? null : LISTED);
      const items = requests.map(jobItem);
      const waiting = waitingFor(
        held,
        deps.connection(),
        requests.find((r) => r.heldReason)?.heldReason ?? null,
      );
      job.current = items.find((i) => i.state === 'sent' || i.state === 'pending')?.label ?? null;
      job.set('writes', settled, total, waiting ?? `${settled} of ${total} settled`);
      job.report(items);
      if (settled === total) {
        if (job.cancelled)
          throw new JobCancelled(
            `Cancelled: ${counts.canceled} write${counts.canceled === 1 ? '' : 's'} not sent; what Stripe already had stays done.`,
          );
        const outcome = summary(counts, total, items.find((i) => i.state === 'failed')?.detail ?? null);
        if (outcome.failed) throw new Error(outcome.message);
        return outcome.message;
      }
      await nextChange(deps.sender);
    }
  };
  jobs.define(STRIPE_WRITES_JOB, { cancellable: true, resume: follow });
  return {
    start(jobId) {
      void jobs.start(jobs.adopt(jobId), follow);
    },
  };
}

/** Writes Stripe cannot have run are cancelled (each audited); those that may have reached it are left to settle. */
function cancelUnsent(sqlite: Sqlite, jobId: string, now: number): void {
  sqlite.transaction(() => {
    // Never sent, or refused before Stripe ran it (429, a missing permission): safe to drop.
    const unsent = sqlite
      .prepare(
        "SELECT id FROM stripe_requests WHERE job_id = ? AND state = 'pending' AND maybe_applied = 0 ORDER BY seq",
      )
      .pluck()
      .all(jobId) as string[];
    for (const id of unsent) cancelUnsentWrite(sqlite, id, null, now);
  })();
}

/** Resolves a little after the sender next settles something (coalescing a burst), or after a quiet second. */
function nextChange(sender: OutboxSender): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, QUIET_RECHECK_MS);
    const off = sender.onChange(() => {
      off();
      clearTimeout(timer);
      timer = setTimeout(done, RECHECK_MS);
    });
    function done() {
      off();
      resolve();
    }
  });
}

export type { JobItem };
