// What a sync pass needs while it runs: the database, the Stripe gateway, the job it reports to, and its sizes.
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import type { StripeGateway } from '../stripe/gateway';
import type { Checkpoint } from './apply-batch';
import type { SliceState } from './slice-pace';
import type { Job } from '../jobs/job';

export interface RunContext {
  sqlite: Sqlite;
  projection: Projection;
  gateway: StripeGateway;
  job: Job;
  /** The local clock, epoch ms (receipt times, error times). */
  now: () => number;
  /** Objects per list request (Stripe's maximum is 100). */
  pageSize: number;
  /** Events per transaction in a poll. */
  batchSize: number;
  /** Listed objects per transaction in a backfill (whole pages: it may run over by up to a page). */
  backfillBatchSize: number;
  /** Resources the key cannot read (by resource name): skipped, and shown in the status. */
  unreadable: Set<string>;
  /** Inputs per applied slice when fixed (crash tests); undefined: sized by time. */
  sliceSize: number | undefined;
  /** Contract calls the process has answered so far: the apply's slices stay short while they come in. */
  callsSoFar: (() => number) | undefined;
  /** The pass's slicing, carried from batch to batch. */
  slicing: SliceState;
  checkpoint: Checkpoint;
}

export function throwIfCancelled(run: RunContext): void {
  run.job.throwIfCancelled('Cancelled; the next run resumes where this one stopped.');
}
