// The write side's front door: the sender and the jobs that follow writes, and `submitStripeWrites`, the one way a
// domain asks for Stripe writes — its intent, its audit rows, the writes and their job in one transaction.
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import type { JobRunner } from '../jobs/runner';
import { enqueueStripeWrite, type NewStripeWrite } from './requests';
import { OutboxSender, type SenderOptions } from './sender';
import type { StripeWriteKind } from './stripe-writes';
import { defineWritesJob, STRIPE_WRITES_JOB, type WritesJobs } from './writes-job';

export interface Outbox {
  sender: OutboxSender;
  writesJobs: WritesJobs;
}

export function createOutbox(options: SenderOptions & { jobs: JobRunner }): Outbox {
  const sender = new OutboxSender(options);
  return { sender, writesJobs: defineWritesJob(options.jobs, { ...options, sender }) };
}

/** A write a domain asks for; `id` lets it derive the idempotency key from the request's own id. */
export type AnyStripeWrite = {
  [K in StripeWriteKind]: Omit<NewStripeWrite<K>, 'jobId' | 'requestedBy'> & { id?: string };
}[StripeWriteKind];

export interface WriteSubmission {
  /** The job's title ("Pause WELCOME10 in Stripe"). */
  title: string;
  by: { id: string; name: string };
  /**
   * Runs inside the transaction: records the operator's intent and its audit rows, and returns the writes that
   * carry it out (each with its idempotency key).
   */
  record(now: number): AnyStripeWrite[];
}

/** Commits intent, audit rows, writes and job together, then starts the job and wakes the sender. */
export function submitStripeWrites(
  services: { sqlite: Sqlite; clock: Clock; jobs: JobRunner; outbox: Outbox },
  submission: WriteSubmission,
): { jobId: string; requestIds: string[] } {
  const { sqlite, clock, jobs, outbox } = services;
  const { jobId, requestIds } = sqlite.transaction(() => {
    const now = clock.now();
    const id = jobs.record({ kind: STRIPE_WRITES_JOB, title: submission.title, by: submission.by });
    const writes = submission.record(now);
    const ids = writes.map(
      ({ id: requestId, ...w }) =>
        enqueueStripeWrite(
          sqlite,
          { ...w, requestedBy: submission.by.id, jobId: id } as never,
          now,
          requestId,
        ).id,
    );
    return { jobId: id, requestIds: ids };
  })();
  outbox.writesJobs.start(jobId);
  outbox.sender.kick();
  return { jobId, requestIds };
}
