// The job an operator sees for Stripe writes they asked for: it follows its writes as the sender settles them,
// shows each one's outcome, cancels the ones not yet sent when asked, and resumes after a restart.
import type { JobItem } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { JobCancelled, type Job } from '../jobs/job';
import type { JobRunner } from '../jobs/runner';
import { isFinal, jobItem, requestsOf } from './requests';
import type { OutboxSender } from './sender';

export const STRIPE_WRITES_JOB = 'stripe_writes';

export interface WritesJobParams {
  requestIds: string[];
}

/** How often a job re-reads its writes when nothing told it they changed (another process may send them). */
const RECHECK_MS = 1_000;

function summary(items: JobItem[]): { message: string; failed: boolean } {
  const count = (state: JobItem['state']) => items.filter((i) => i.state === state).length;
  const failed = count('failed');
  const unknown = count('unknown');
  const done = count('succeeded');
  if (failed > 0) {
    const first = items.find((i) => i.state === 'failed')!;
    return {
      failed: true,
      message:
        items.length === 1
          ? (first.detail ?? 'Stripe refused the write.')
          : `Stripe refused ${failed} of ${items.length} writes (first: ${first.detail ?? 'no reason given'}).`,
    };
  }
  if (unknown > 0)
    return {
      failed: true,
      message: `${unknown} of ${items.length} writes are unconfirmed: Stripe may have made them. Sync links them when it sees them.`,
    };
  return {
    failed: false,
    message: items.length === 1 ? 'Done in Stripe.' : `All ${done} writes done in Stripe.`,
  };
}

export interface WritesJobs {
  /** Starts following the writes of a job recorded in the same transaction as them. */
  start(jobId: string, params: WritesJobParams): void;
}

export function defineWritesJob(
  jobs: JobRunner,
  deps: { sqlite: Sqlite; clock: Clock; sender: OutboxSender },
): WritesJobs {
  const follow = async (job: Job, params: unknown): Promise<string> => {
    const { requestIds } = params as WritesJobParams;
    for (;;) {
      if (job.cancelled) cancelUnsent(deps.sqlite, requestIds, deps.clock.now());
      const requests = requestsOf(deps.sqlite, requestIds);
      const items = requests.map(jobItem);
      const settled = requests.filter(
        (r) => isFinal(r.state) || (r.state === 'unknown' && r.nextAttemptAt === null),
      ).length;
      const inFlight = requests.find((r) => !isFinal(r.state));
      job.current = inFlight?.description ?? null;
      job.set('writes', settled, requests.length, `${settled} of ${requests.length} settled`);
      job.report(items);
      if (settled === requests.length) {
        if (job.cancelled) throw new JobCancelled(cancelledMessage(items));
        const outcome = summary(items);
        if (outcome.failed) throw new Error(outcome.message);
        return outcome.message;
      }
      await changeOrTimeout(deps.sender, RECHECK_MS);
    }
  };
  jobs.define(STRIPE_WRITES_JOB, { cancellable: true, resume: follow });
  return {
    start(jobId, params) {
      void jobs.start(jobs.adopt(jobId), (job) => follow(job, params));
    },
  };
}

function cancelledMessage(items: JobItem[]): string {
  const canceled = items.filter((i) => i.state === 'canceled').length;
  return `Cancelled: ${canceled} write${canceled === 1 ? '' : 's'} not sent; what Stripe already had stays done.`;
}

/** Writes not sent yet are cancelled (audited); those already with Stripe are left to settle. */
function cancelUnsent(sqlite: Sqlite, requestIds: string[], now: number): void {
  sqlite.transaction(() => {
    for (const r of requestsOf(sqlite, requestIds).filter((r) => r.state === 'pending' && r.attempts === 0)) {
      sqlite
        .prepare(
          "UPDATE stripe_requests SET state = 'canceled', completed_at = ?, updated_at = ? WHERE id = ? AND state = 'pending'",
        )
        .run(now, now, r.id);
      appendAudit(sqlite, {
        entityType: 'stripe_request',
        entityId: r.id,
        action: 'canceled',
        newValues: { kind: r.kind, description: r.description },
        userId: null,
        actor: 'system',
        createdAt: now,
      });
    }
  })();
}

function changeOrTimeout(sender: OutboxSender, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const off = sender.onChange(done);
  });
}
