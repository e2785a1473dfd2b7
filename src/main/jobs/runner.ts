// Every long job of one workspace: created, run outside the caller's contract call, followed through `progress`
// pushes, kept in the `jobs` table when it ends, waited for, cancelled — and resumed (or marked interrupted) when
// the console starts again after a crash or a quit.
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open';
import type { PushBus } from '../api/push-bus';
import { detached } from '../api/call-scope';
import { Job, JobCancelled } from './job';

export interface JobKind {
  /** Whether a job of this kind can stop between items when asked. */
  cancellable: boolean;
  /** Carries on a job the console was running when it stopped. Without it, such a job is marked interrupted. */
  resume?: (job: Job, params: unknown) => Promise<string>;
  /** Routine kinds (sync passes) keep only their newest finished jobs. */
  keep?: number;
}

export interface NewJob {
  kind: string;
  title: string;
  /** The operator who started it; null for the console itself. */
  by: { id: string; name: string } | null;
  /** What a resumable job needs after a restart (stored as JSON). */
  params?: unknown;
}

interface JobRow {
  id: string;
  kind: string;
  title: string;
  state: JobProgress['state'];
  progress: string | null;
  started_by_name: string | null;
  created_at: number;
  finished_at: number | null;
  params: string | null;
}

const MAX_LIVE_FINISHED = 50;

export class JobRunner {
  private readonly kinds = new Map<string, JobKind>();
  private readonly live = new Map<string, Job>();

  constructor(
    private readonly deps: {
      sqlite: Sqlite;
      clock: Clock;
      push: PushBus;
      log: (message: string, error: unknown) => void;
    },
  ) {}

  define(kind: string, spec: JobKind): void {
    this.kinds.set(kind, spec);
  }

  /**
   * Records a queued job (its row only). Call it inside the transaction that records what the job will carry out,
   * so both are committed together; `adopt` then brings it to life.
   */
  record(spec: NewJob, id: string = randomUUID()): string {
    if (!this.kinds.has(spec.kind)) throw new Error(`no job kind "${spec.kind}" is defined`);
    this.deps.sqlite
      .prepare(
        `INSERT INTO jobs (id, kind, title, state, params, progress, started_by, created_at)
         VALUES (?, ?, ?, 'queued', ?, NULL, ?, ?)`,
      )
      .run(
        id,
        spec.kind,
        spec.title,
        JSON.stringify(spec.params ?? null),
        spec.by?.id ?? null,
        this.deps.clock.now(),
      );
    return id;
  }

  /** The live job of a recorded one (queued, or left running by a process that stopped); `start` runs it. */
  adopt(id: string): Job {
    const row = this.rows('WHERE j.id = ?', [id], 1)[0];
    if (!row) throw new Error(`no job ${id} is recorded`);
    const job = new Job(
      {
        id,
        kind: row.kind,
        title: row.title,
        startedBy: row.started_by_name,
        createdAt: row.created_at,
        cancellable: this.kinds.get(row.kind)?.cancellable ?? false,
      },
      (j, persist) => this.published(j, persist),
    );
    this.live.set(id, job);
    this.forgetOldLive();
    return job;
  }

  /** A queued job, recorded and live; `start` runs it. */
  create(spec: NewJob): Job {
    return this.adopt(this.record(spec));
  }

  /**
   * Runs `work` as the job, outside the caller's contract call; resolves with the final progress. `work` returns
   * the closing message; throwing JobCancelled ends it cancelled, anything else failed.
   */
  start(job: Job, work: (job: Job) => Promise<string>): Promise<JobProgress> {
    return detached(async () => {
      if (job.cancelled) {
        job.finish('cancelled', 'Cancelled before it started.', this.deps.clock.now());
        return job.finished;
      }
      job.begin();
      try {
        const message = await work(job);
        job.finish('done', message, this.deps.clock.now());
      } catch (error) {
        if (error instanceof JobCancelled) job.finish('cancelled', error.message, this.deps.clock.now());
        else {
          this.deps.log(`${job.kind} job failed`, error);
          job.finish('failed', (error as Error).message, this.deps.clock.now());
        }
      }
      return job.finished;
    });
  }

  /** create + start. */
  run(spec: NewJob, work: (job: Job) => Promise<string>): Job {
    const job = this.create(spec);
    void this.start(job, work);
    return job;
  }

  /** The live job (running, queued or recently finished in this process), if any. */
  job(id: string): Job | undefined {
    return this.live.get(id);
  }

  get(id: string): JobProgress | null {
    const job = this.live.get(id);
    if (job) return job.progress();
    const row = this.rows('WHERE j.id = ?', [id], 1)[0];
    return row ? this.fromRow(row) : null;
  }

  list(filter: { state: 'active' | 'finished' | 'all'; kind?: string; limit: number }): JobProgress[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.state === 'active') where.push("j.state IN ('queued', 'running')");
    if (filter.state === 'finished') where.push("j.state NOT IN ('queued', 'running')");
    if (filter.kind) {
      where.push('j.kind = ?');
      args.push(filter.kind);
    }
    return this.rows(where.length ? `WHERE ${where.join(' AND ')}` : '', args, filter.limit).map((row) => {
      const job = this.live.get(row.id);
      return job ? job.progress() : this.fromRow(row);
    });
  }

  /** Asks a job to stop; false when there is no such job or it has ended. */
  cancel(id: string): boolean {
    return this.live.get(id)?.cancel() ?? false;
  }

  /** The job once it has finished, or as it is after `timeoutMs`. */
  async wait(id: string, timeoutMs: number): Promise<JobProgress | null> {
    const job = this.live.get(id);
    if (!job) return this.follow(id, Date.now() + timeoutMs);
    if (!job.active) return job.progress();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<JobProgress>((resolve) => {
      timer = setTimeout(() => resolve(job.progress()), timeoutMs);
    });
    try {
      return await Promise.race([job.finished, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A job another process runs (the app, while this is a CLI command): its row, until it ends or time is up. */
  private async follow(id: string, deadline: number): Promise<JobProgress | null> {
    for (;;) {
      const progress = this.get(id);
      const left = deadline - Date.now();
      if (!progress || (progress.state !== 'queued' && progress.state !== 'running') || left <= 0)
        return progress;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, left)));
    }
  }

  /**
   * At start-up: jobs the last process left queued or running are resumed when their kind can resume (their work
   * is recorded durably, e.g. as Stripe writes), and otherwise marked interrupted — never left "running".
   */
  resumeUnfinished(): void {
    const rows = this.rows("WHERE j.state IN ('queued', 'running')", [], Number.MAX_SAFE_INTEGER);
    for (const row of rows.reverse()) {
      if (this.live.has(row.id)) continue;
      const resume = this.kinds.get(row.kind)?.resume;
      if (resume) {
        const params = JSON.parse(row.params ?? 'null') as unknown;
        void this.start(this.adopt(row.id), (job) => resume(job, params));
        continue;
      }
      this.deps.sqlite
        .prepare("UPDATE jobs SET state = 'interrupted', finished_at = ?, progress = ? WHERE id = ?")
        .run(
          this.deps.clock.now(),
          JSON.stringify({
            ...this.fromRow(row),
            state: 'interrupted',
            message: 'The console stopped while this ran. Start it again if it is still needed.',
          }),
          row.id,
        );
    }
  }

  private published(job: Job, persist: boolean): void {
    this.deps.push.publish('progress', job.progress());
    if (!persist) return;
    try {
      const { sqlite } = this.deps;
      if (!sqlite.open) return;
      sqlite.transaction(() => {
        sqlite
          .prepare('UPDATE jobs SET state = ?, progress = ?, finished_at = ? WHERE id = ?')
          .run(job.state, JSON.stringify(job.progress()), job.finishedAt, job.id);
        const keep = this.kinds.get(job.kind)?.keep;
        if (keep !== undefined && !job.active)
          sqlite
            .prepare(
              `DELETE FROM jobs WHERE kind = ? AND state NOT IN ('queued', 'running') AND id NOT IN
                 (SELECT id FROM jobs WHERE kind = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
            )
            .run(job.kind, job.kind, keep);
      })();
    } catch (error) {
      this.deps.log('Could not record a job', error);
    }
  }

  private rows(where: string, args: unknown[], limit: number): JobRow[] {
    return this.deps.sqlite
      .prepare(
        `SELECT j.id, j.kind, j.title, j.state, j.progress, j.params, u.name AS started_by_name, j.created_at,
                j.finished_at
         FROM jobs j LEFT JOIN users u ON u.id = j.started_by ${where}
         ORDER BY j.created_at DESC, j.rowid DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
      )
      .all(...args) as JobRow[];
  }

  private fromRow(row: JobRow): JobProgress {
    const saved = row.progress ? (JSON.parse(row.progress) as Partial<JobProgress>) : {};
    return {
      jobId: row.id,
      kind: row.kind,
      title: row.title,
      state: row.state,
      parts: saved.parts ?? [],
      done: saved.done ?? 0,
      total: saved.total ?? null,
      ratePerSecond: null,
      etaSeconds: row.state === 'queued' || row.state === 'running' ? null : 0,
      message: saved.message ?? '',
      current: null,
      items: saved.items ?? [],
      startedBy: row.started_by_name,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      cancellable: false,
      ...(saved.file ? { file: saved.file } : {}),
      ...(saved.resultId ? { resultId: saved.resultId } : {}),
    };
  }

  /** Finished jobs stay live a while (their final progress), then are read from the table. */
  private forgetOldLive(): void {
    const finished = [...this.live.values()].filter((j) => !j.active);
    for (const job of finished.slice(0, Math.max(0, finished.length - MAX_LIVE_FINISHED)))
      this.live.delete(job.id);
  }
}
