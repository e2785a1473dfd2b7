// The sync engine of one workspace: runs passes one at a time (poll, backfill, healing), on a timer and on demand.
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../shared/contract';
import type { CoreServices } from '../api/context';
import type { Sqlite } from '../db/open';
import type { SecretStore } from '../secrets/secret-store';
import type { StripeApiAddress } from '../stripe/client';
import { StripeGateway } from '../stripe/gateway';
import type { RetryPolicy } from '../stripe/retry';
import type { Checkpoint } from './apply-batch';
import { runBackfill } from './backfill';
import { recordFailure } from './failure';
import { SyncJob, type JobKind } from './job';
import { runPoll } from './poll';
import { recordReportedBalance } from './reported-balance';
import { JobCancelled, type RunContext } from './run-context';
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
  /** Test seam for crash tests. */
  checkpoint?: Checkpoint;
  /** Runs before every pass (the demo moves its simulator's clock to now). */
  beforePass?: () => void;
  log?: (message: string, error: unknown) => void;
}

type Services = Pick<CoreServices, 'sqlite' | 'clock' | 'push' | 'workspace' | 'projection'>;

export class SyncEngine {
  private queue: Promise<void> = Promise.resolve();
  private readonly queued = new Map<JobKind, SyncJob>();
  private readonly finished = new Map<string, Promise<JobProgress>>();
  private current: SyncJob | null = null;
  private last: SyncJob | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private cachedGateway: { key: string; gateway: StripeGateway } | null = null;

  constructor(
    private readonly services: Services,
    readonly options: SyncEngineOptions,
  ) {}

  get sqlite(): Sqlite {
    return this.services.sqlite;
  }

  get connected(): boolean {
    return readState(this.sqlite, 'connected') === true;
  }

  /** The key in use: the demo's, or the one in the secret store. */
  secretKey(): string | null {
    if (readState(this.sqlite, 'mode') === 'demo') return DEMO_SECRET_KEY;
    try {
      return this.options.secrets?.get(STRIPE_KEY_SECRET) ?? null;
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

  forgetGateway(): void {
    this.cachedGateway = null;
  }

  /** The running job, else the last one that ran (so the status can show how it ended). */
  job(): JobProgress | null {
    return (this.current ?? this.last)?.progress() ?? null;
  }

  /** Queues a pass (or a backfill); a pass of the same kind already waiting is reused. */
  run(kind: JobKind): string {
    const waiting = this.queued.get(kind);
    if (waiting) return waiting.id;
    const job = new SyncJob(randomUUID(), kind, (p) => this.services.push.publish('progress', p));
    this.queued.set(kind, job);
    const done = this.queue.then(() => this.execute(job));
    this.queue = done.then(() => undefined);
    this.finished.set(job.id, done);
    // Keep the outcome of recent jobs only.
    if (this.finished.size > 50) this.finished.delete(this.finished.keys().next().value!);
    return job.id;
  }

  /** Resolves with the job's final progress. */
  wait(jobId: string): Promise<JobProgress | null> {
    return this.finished.get(jobId) ?? Promise.resolve(null);
  }

  cancel(jobId: string): boolean {
    const job =
      this.current?.id === jobId ? this.current : [...this.queued.values()].find((j) => j.id === jobId);
    if (!job) return false;
    job.cancel();
    return true;
  }

  idle(): Promise<void> {
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

  private async execute(job: SyncJob): Promise<JobProgress> {
    this.queued.delete(job.kind);
    if (this.closed || job.cancelled) {
      job.finish('cancelled', 'Cancelled before it started.');
      return job.progress();
    }
    this.current = job;
    try {
      await this.pass(job);
    } catch (error) {
      if (error instanceof JobCancelled) job.finish('cancelled', error.message);
      else if (this.closed) job.finish('cancelled', 'The console closed; the next run resumes.');
      else {
        let message = (error as Error).message;
        try {
          message = recordFailure(this.sqlite, error, job.kind, this.services.clock.now());
        } catch (recordError) {
          this.options.log?.('Could not record a sync failure', recordError);
        }
        job.finish('failed', message);
      }
    } finally {
      this.current = null;
      this.last = job;
    }
    return job.progress();
  }

  private async pass(job: SyncJob): Promise<void> {
    const key = this.connected ? this.secretKey() : null;
    if (!key) {
      job.finish('failed', this.connected ? 'The Stripe key is not available.' : 'Stripe is not connected.');
      return;
    }
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
      checkpoint: this.options.checkpoint ?? (() => {}),
    };
    const counts: string[] = [];
    if (job.kind === 'backfill' || readState(this.sqlite, 'backfill')) {
      job.message = 'Backfilling';
      const report = await runBackfill(run);
      counts.push(`${Object.values(report.counts).reduce((a, b) => a + b, 0)} objects listed`);
    }
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
    if (poll.kind === 'done') counts.push(`${poll.events} events read`);
    await recordReportedBalance(run);
    job.finish('done', `Up to date: ${counts.join(', ')}.`);
  }
}
