// Long work in main (sync passes, backfills, Stripe writes, later payout runs, imports, exports), one way: listed,
// followed, waited for and cancelled through the contract, so the UI and the CLI see the same job.
import { z } from 'zod';
import { method } from './define';
import { PROJECTION_WRITES } from './tables';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** One thing a job did or tried (a Stripe write, a row of an import), with how it ended. */
export interface JobItem {
  /** The Stripe write's id, for the items that are Stripe writes (what `jobs.settleWrite` names). */
  writeId: string | null;
  label: string;
  state: 'pending' | 'sent' | 'succeeded' | 'failed' | 'unknown' | 'canceled';
  /** Stripe's id on success, the reason on failure, what is being waited for otherwise. */
  detail: string | null;
  stripeId: string | null;
}

/** A file a job wrote (an export): downloaded from the headless host, or saved where the operator chose in the app. */
export interface JobFile {
  name: string;
  bytes: number;
  /** The host's download address (null in the app, which saves the file itself). */
  url: string | null;
  /** Where the app saved it (null when the operator cancelled the save dialog, and on the host). */
  savedTo: string | null;
}

export interface JobProgress {
  jobId: string;
  kind: string;
  /** What the job is, in words ("Backfill from Stripe", "Pause WELCOME10 in Stripe"). */
  title: string;
  state: JobState;
  /** Items done and (when known) expected, per part of the job (e.g. per Stripe object type). */
  parts: { name: string; done: number; total: number | null }[];
  done: number;
  total: number | null;
  ratePerSecond: number | null;
  etaSeconds: number | null;
  message: string;
  /** The item being worked on now, when the job says. */
  current: string | null;
  items: JobItem[];
  /** Who started it (an operator's name), or null for the console itself (timer, schedule, start-up). */
  startedBy: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** Whether cancelling means anything now (running or queued, and the kind can stop between items). */
  cancellable: boolean;
  /** The file the job wrote, once it has (exports). */
  file?: JobFile | null;
  /** The record the job made, once it has (a reconciliation run's id). */
  resultId?: string | null;
}

const jobId = z.uuid({ message: 'That job is not one the console knows.' });

export const jobsContract = {
  'jobs.list': method<JobProgress[]>()({
    input: z
      .strictObject({
        state: z.enum(['active', 'finished', 'all']).default('all'),
        kind: z.string().min(1).max(40).optional(),
        limit: z.int().min(1).max(100).default(30),
      })
      .default({ state: 'all', limit: 30 }),
    access: 'signedIn',
    reads: ['jobs'],
    writes: [],
    summary: 'Running and recent jobs, newest first, with progress and results.',
  }),
  'jobs.get': method<JobProgress>()({
    input: z.strictObject({ jobId }),
    access: 'signedIn',
    reads: ['jobs'],
    writes: [],
    summary: 'One job: progress, current item, results.',
  }),
  'jobs.wait': method<JobProgress>()({
    input: z.strictObject({ jobId, timeoutSeconds: z.int().min(0).max(60).default(30) }),
    access: 'signedIn',
    reads: ['jobs'],
    writes: [],
    summary: 'Waits until the job has finished (or the timeout passed) and returns it.',
  }),
  'jobs.settleWrite': method<{ state: JobItem['state']; detail: string | null }>()({
    input: z.strictObject({
      writeId: z.uuid({ message: 'That Stripe write is not one the console knows.' }),
      stripeId: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{3,255}$/, 'Paste a Stripe id, like tr_1Abc….')
        .nullable(),
      note: z
        .string()
        .trim()
        .min(3, 'Say what you found in Stripe (at least 3 characters).')
        .max(500, 'Keep the note under 500 characters.'),
    }),
    access: ['finance', 'admin'],
    reads: ['stripe_requests'],
    writes: [...PROJECTION_WRITES, 'stripe_observations', 'stripe_requests', 'jobs', 'audit_logs'],
    summary:
      'Settles a Stripe write the console could not confirm: made (the object, checked in Stripe to be this write’s) or not made (it fails; what waited for it is cancelled). Audited.',
  }),
  'jobs.cancel': method<JobProgress>()({
    input: z.strictObject({ jobId }),
    access: ['finance', 'manager', 'admin'],
    reads: ['jobs'],
    writes: ['audit_logs'],
    summary:
      'Stops a job between items (audited); what it already did stays done, what it had not started is cancelled.',
  }),
};
