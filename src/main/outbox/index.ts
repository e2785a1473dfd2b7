// The write side's front door: the sender and the jobs that follow writes, and `submitStripeWrites`, the one way a
// domain asks for Stripe writes — its intent, its audit rows, the writes and their job in one transaction.
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import type { JobRunner } from '../jobs/runner';
import { AppError } from '../api/errors';
import { enqueueWrites, type AnyStripeWrite, type StripeConnection } from './requests';

export type { AnyStripeWrite } from './requests';
import { OutboxSender, type SenderOptions } from './sender';
import { defineWritesJob, STRIPE_WRITES_JOB, type WritesJobs } from './writes-job';

export interface Outbox {
  sender: OutboxSender;
  writesJobs: WritesJobs;
  /** The Stripe account and mode the workspace is connected to now, if any. */
  connection: () => StripeConnection | null;
}

export function createOutbox(options: SenderOptions & { jobs: JobRunner }): Outbox {
  const sender = new OutboxSender(options);
  return {
    sender,
    writesJobs: defineWritesJob(options.jobs, { ...options, sender }),
    connection: options.connection,
  };
}

export interface WriteSubmission {
  /** The job's title ("Pause WELCOME10 in Stripe"); a function is read after `record`, from what it found. */
  title: string | (() => string);
  /** Who asked for it; null for the console itself (a schedule its policy allows). */
  by: { id: string; name: string } | null;
  /**
   * Runs inside the transaction: checks what must still hold, records the operator's intent and its audit rows,
   * and returns the writes that carry it out (each with its idempotency key). Throwing rolls everything back.
   */
  record(now: number): AnyStripeWrite[];
}

/**
 * Commits intent, audit rows, writes and job together, then starts the job and wakes the sender. A submission whose
 * intent needs nothing of Stripe (no writes) commits its records alone and has no job.
 */
export function submitStripeWrites(
  services: { sqlite: Sqlite; clock: Clock; jobs: JobRunner; outbox: Outbox },
  submission: WriteSubmission,
): { jobId: string | null; requestIds: string[] } {
  const { sqlite, clock, jobs, outbox } = services;
  const { jobId, requestIds } = sqlite
    .transaction(() => {
      const now = clock.now();
      const writes = submission.record(now);
      if (writes.length === 0) return { jobId: null, requestIds: [] };
      const connection = outbox.connection();
      if (!connection)
        throw new AppError(
          'conflict',
          'Stripe is not connected: an admin connects it under Settings → Stripe first.',
        );
      const title = typeof submission.title === 'string' ? submission.title : submission.title();
      const id = jobs.record({ kind: STRIPE_WRITES_JOB, title, by: submission.by });
      const ids = enqueueWrites(
        sqlite,
        writes,
        { requestedBy: submission.by?.id ?? null, jobId: id },
        connection,
        now,
      );
      return { jobId: id, requestIds: ids };
    })
    .immediate();
  if (jobId) {
    outbox.writesJobs.start(jobId);
    outbox.sender.kick();
  }
  return { jobId, requestIds };
}
