// The sync engine of one workspace: runs passes one at a time (poll, backfill, healing), on a timer and on demand.
import type { JobProgress } from '../../shared/contract';
import type { CoreServices } from '../api/context';
import { detached } from '../api/call-scope';
import type { Sqlite } from '../db/open';
import type { SecretStore } from '../secrets/secret-store';
import type { StripeApiAddress } from '../stripe/client';
import { StripeGateway } from '../stripe/gateway';
import type { RetryPolicy } from '../stripe/retry';
import type { Checkpoint } from './apply-batch';
import { freshSlicing } from './slice-pace';
import { runBackfill } from './backfill';
import { retryFailedInputs } from './retries';
import { recordFailure } from './failure';
import type { Job } from '../jobs/job';
import type { StripeConnection } from '../outbox/requests';
import type { JobRunner } from '../jobs/runner';
import { runPoll } from './poll';
import { recordReportedBalance } from './reported-balance';
import type { RunContext } from './run-context';
import { JobCancelled } from '../jobs/job';
import { pollIntervalSeconds, readState, writeState } from './state';

export const STRIPE_KEY_SECRET = 'stripe_secret_key';
/** The simulator accepts any test key; the demo workspace uses this one. */
export const DEMO_SECRET_KEY = 'sk_test_lplatedemo0000';

/** Listed objects applied per transaction in a backfill: bigger batches mean fewer commits (each one synced to disk). */
export const BACKFILL_BATCH_SIZE = 2000;

export interface SyncEngineOptions {
  secrets?: SecretStore;
  /** Where the Stripe API is (the simulator); real Stripe when omitted. */
  stripeApi?: StripeApiAddress;
  /** Poll on a timer (and start syncing when the core opens). Off for tests and the CLI. */
  autoSync?: boolean;
  /** Overrides the poll interval setting (sync_state), in ms. */
  pollIntervalMs?: number;
  /** Overrides the rate limit setting (requests per second per endpoint; 0 = unlimited). */
  rateLimitPerSecond?: number;
  retry?: Partial<RetryPolicy>;
  pageSize?: number;
  /** Events per transaction in a poll (default 500). */
  batchSize?: number;
  /** Listed objects per transaction in a backfill (default BACKFILL_BATCH_SIZE). */
  backfillBatchSize?: number;
  /** Inputs per applied slice, fixed (default: sized by time); crash tests fix it to kill at the same points. */
  sliceSize?: number;
  /** Contract calls the process has answered so far (the dispatcher's count): slices stay short while calls come in. */
  callsSoFar?: () => number;
  /** Test seam for crash tests. */
  checkpoint?: Checkpoint;
  /** Runs before every pass (the demo moves its simulator's clock to now). */
  beforePass?: () => void;
  log?: (message: string, error: unknown) => void;
}

type Services = Pick<CoreServices, 'sqlite' | 'clock' | 'workspace' | 'projection' | 'jobs'>;

export type SyncKind = 'sync' | 'backfill';

const TITLES: Record<SyncKind, string> = { sync: 'Sync with Stripe', backfill: 'Backfill from Stripe' };

/** Nothing to sync with: the job fails with this message, and it is not a sync error. */
class NotConnected extends Error {}

export class SyncEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly queued = new Map<SyncKind, Job>();
  private current: Job | null = null;
  private last: Job | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private cachedGateway: { key: string; gateway: StripeGateway } | null = null;
  private key: string | null | undefined;

  constructor(
    private readonly services: Services,
    readonly options: SyncEngineOptions,
  ) {
    const jobs: JobRunner = services.jobs;
    jobs.define('sync', { cancellable: true, keep: 100 });
    jobs.define('backfill', { cancellable: true, keep: 100 });
  }

  get sqlite(): Sqlite {
    return this.services.sqlite;
  }

  get connected(): boolean {
    return readState(this.sqlite, 'connected') === true;
  }

  /** The key in use: the demo's, or the one in the secret store. */
  /** The key in use, read from the secret store once per connection (the outbox asks for it often). */
  secretKey(): string | null {
    if (this.key !== undefined) return this.key;
    if (readState(this.sqlite, 'mode') === 'demo') return (this.key = DEMO_SECRET_KEY);
    try {
      return (this.key = this.options.secrets?.get(STRIPE_KEY_SECRET) ?? null);
    } catch (error) {
      this.options.log?.('Could not read the Stripe key', error);
      return null;
    }
  }

  gatewayFor(secretKey: string): StripeGateway {
    if (this.cachedGateway?.key === secretKey) return this.cachedGateway.gateway;
    const gateway = new StripeGateway({
      secretKey,
      api: this.options.stripeApi,
      ratePerSecond:
        this.options.rateLimitPerSecond ?? readState(this.sqlite, 'rate_limit_per_second') ?? undefined,
      retry: this.options.retry,
    });
    this.cachedGateway = { key: secretKey, gateway };
    return gateway;
  }

  /** The gateway of the connected key (for the outbox's writes), or null while Stripe is not connected. */
  connectedGateway(): StripeGateway | null {
    const key = this.connected ? this.secretKey() : null;
    return key ? this.gatewayFor(key) : null;
  }

  /** The account and mode the workspace is connected to, or null (what Stripe writes are asked of). */
  connection(): StripeConnection | null {
    const mode = this.connected ? readState(this.sqlite, 'mode') : null;
    return mode ? { mode, account: readState(this.sqlite, 'account')?.id ?? null } : null;
  }

  forgetGateway(): void {
    this.cachedGateway = null;
    this.key = undefined;
  }

  /** The running job, else the last one that ran (so the status can show how it ended). */
  job(): JobProgress | null {
    return (this.current ?? this.last)?.progress() ?? null;
  }

  /**
   * Queues a pass (or a backfill) as a job; passes run one at a time, and a pass of the same kind already waiting
   * is reused. `by` is the operator who asked (null for the timer or the console itself).
   */
  run(kind: SyncKind, by: { id: string; name: string } | null = null): string {
    const waiting = this.queued.get(kind);
    if (waiting) return waiting.id;
    const job = this.services.jobs.create({ kind, title: TITLES[kind], by });
    this.queued.set(kind, job);
    // The pass is not the caller's: its commits belong to no contract call.
    this.queue = detached(() => this.queue.then(() => this.execute(job)));
    return job.id;
  }

  /** Resolves with the job's final progress. */
  wait(jobId: string): Promise<JobProgress | null> {
    return this.services.jobs.job(jobId)?.finished ?? Promise.resolve(this.services.jobs.get(jobId));
  }

  idle(): Promise<unknown> {
    return this.queue;
  }

  start(): void {
    if (!this.options.autoSync || this.closed) return;
    if (this.connected) this.run('sync');
    this.schedule();
  }

  private schedule(): void {
    const ms = this.options.pollIntervalMs ?? pollIntervalSeconds(this.sqlite) * 1000;
    this.timer = setTimeout(() => {
      if (this.closed) return;
      if (this.connected && !this.current && this.queued.size === 0) this.run('sync');
      this.schedule();
    }, ms);
    this.timer.unref?.();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.current?.cancel();
    for (const job of this.queued.values()) job.cancel();
  }

  private async execute(job: Job): Promise<JobProgress> {
    this.queued.delete(job.kind as SyncKind);
    if (this.closed) job.cancel();
    this.current = job;
    try {
      return await this.services.jobs.start(job, async (j) => {
        try {
          return await this.pass(j);
        } catch (error) {
          if (this.closed) throw new JobCancelled('The console closed; the next run resumes.');
          if (error instanceof JobCancelled || error instanceof NotConnected) throw error;
          throw new Error(recordFailure(this.sqlite, error, j.kind as SyncKind, this.services.clock.now()));
        }
      });
    } finally {
      this.current = null;
      this.last = job;
    }
  }

  /** One pass; resolves with the closing message. */
  private async pass(job: Job): Promise<string> {
    const key = this.connected ? this.secretKey() : null;
    if (!key)
      throw new NotConnected(
        this.connected ? 'The Stripe key is not available.' : 'Stripe is not connected.',
      );
    this.options.beforePass?.();
    const run: RunContext = {
      sqlite: this.sqlite,
      projection: this.services.projection,
      gateway: this.gatewayFor(key),
      job,
      now: () => this.services.clock.now(),
      pageSize: this.options.pageSize ?? 100,
      batchSize: this.options.batchSize ?? 500,
      backfillBatchSize: this.options.backfillBatchSize ?? BACKFILL_BATCH_SIZE,
      unreadable: new Set((readState(this.sqlite, 'unreadable') ?? []).map((u) => u.resource)),
      sliceSize: this.options.sliceSize,
      callsSoFar: this.options.callsSoFar,
      slicing: freshSlicing(),
      checkpoint: this.options.checkpoint ?? (() => {}),
    };
    const counts: string[] = [];
    if (job.kind === 'backfill' || readState(this.sqlite, 'backfill')) {
      job.message = 'Backfilling';
      const report = await runBackfill(run);
      counts.push(`${Object.values(report.counts).reduce((a, b) => a + b, 0)} objects listed`);
    }
    // What failed to apply in earlier passes goes again first, until it applies.
    const retried = retryFailedInputs(run.projection, this.sqlite, run.now());
    if (retried.applied > 0) counts.push(`${retried.applied} earlier failures applied`);
    if (retried.failing > 0) counts.push(`${retried.failing} still failing`);
    let poll = await runPoll(run);
    if (poll.kind === 'needsBackfill') {
      job.message =
        poll.reason === 'gap'
          ? 'Closed longer than Stripe keeps events: re-listing everything'
          : 'First sync: listing everything';
      const report = await runBackfill(run);
      counts.push(`${Object.values(report.counts).reduce((a, b) => a + b, 0)} objects listed`);
      if (poll.reason === 'gap') writeState(this.sqlite, 'healed_by_backfill_at', run.now(), run.now());
      poll = await runPoll(run);
    }
    if (poll.kind === 'done') counts.push(`${poll.events} event${poll.events === 1 ? '' : 's'} read`);
    await recordReportedBalance(run);
    return `Up to date: ${counts.join(', ')}.`;
  }
}
