// One long job's live state: counts per part, rate and ETA, the current item, its results, cancellation — and the
// `progress` pushes that let every screen (and the CLI) follow it.
import type { JobFile, JobItem, JobProgress, JobState } from '../../shared/contract';

const PUBLISH_EVERY_MS = 250;

export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

export interface JobInit {
  id: string;
  kind: string;
  title: string;
  startedBy: string | null;
  createdAt: number;
  /** Whether the job can stop between items when asked. */
  cancellable: boolean;
}

export class Job {
  state: JobState = 'queued';
  message = 'Waiting to start…';
  current: string | null = null;
  items: JobItem[] = [];
  finishedAt: number | null = null;
  /** The file the job wrote (exports). */
  file: JobFile | null = null;
  /** The record the job made (a reconciliation run). */
  resultId: string | null = null;
  private cancelRequested = false;
  private readonly parts = new Map<string, { done: number; total: number | null }>();
  private startedAt = performance.now();
  private publishedAt = 0;
  private readonly settled: Promise<JobProgress>;
  private settle!: (progress: JobProgress) => void;

  constructor(
    readonly init: JobInit,
    /** Called with every progress worth showing (throttled); `persist` at each change of state. */
    private readonly publish: (job: Job, persist: boolean) => void,
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  get id(): string {
    return this.init.id;
  }

  get kind(): string {
    return this.init.kind;
  }

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  /** Resolves with the final progress once the job has finished, however it ended. */
  get finished(): Promise<JobProgress> {
    return this.settled;
  }

  get active(): boolean {
    return this.state === 'queued' || this.state === 'running';
  }

  /** Asks the job to stop at its next check; false when it has already ended. */
  cancel(): boolean {
    if (!this.active) return false;
    this.cancelRequested = true;
    return true;
  }

  throwIfCancelled(message?: string): void {
    if (this.cancelRequested) throw new JobCancelled(message);
  }

  begin(message = 'Starting…'): void {
    this.state = 'running';
    this.message = message;
    this.startedAt = performance.now();
    this.emit(true);
  }

  part(name: string, total: number | null = null): void {
    if (!this.parts.has(name)) this.parts.set(name, { done: 0, total });
  }

  count(name: string, n: number, message?: string): void {
    const part = this.parts.get(name) ?? { done: 0, total: null };
    part.done += n;
    this.parts.set(name, part);
    if (message) this.message = message;
    this.emit();
  }

  /** Sets a part's count outright (work that is counted elsewhere, e.g. Stripe writes settled so far). */
  set(name: string, done: number, total: number | null, message?: string): void {
    this.parts.set(name, { done, total });
    if (message) this.message = message;
    this.emit();
  }

  /** An estimate of a part's size (null when unknown). */
  estimate(name: string, total: number | null): void {
    const part = this.parts.get(name) ?? { done: 0, total: null };
    part.total = total === null ? null : Math.max(total, part.done);
    this.parts.set(name, part);
  }

  /** Replaces the job's results (e.g. the Stripe writes it waits for, as they settle). */
  report(items: JobItem[], message?: string): void {
    this.items = items;
    if (message) this.message = message;
    this.emit();
  }

  finish(state: Exclude<JobState, 'queued' | 'running'>, message: string, finishedAt: number): void {
    if (!this.active) return;
    this.state = state;
    this.message = message;
    this.current = null;
    this.finishedAt = finishedAt;
    for (const part of this.parts.values()) if (state === 'done') part.total = part.done;
    this.emit(true);
    this.settle(this.progress());
  }

  private emit(stateChanged = false): void {
    const now = performance.now();
    if (!stateChanged && now - this.publishedAt < PUBLISH_EVERY_MS) return;
    this.publishedAt = now;
    this.publish(this, stateChanged);
  }

  progress(): JobProgress {
    const parts = [...this.parts].map(([name, p]) => ({ name, done: p.done, total: p.total }));
    const done = parts.reduce((sum, p) => sum + p.done, 0);
    const known = parts.every((p) => p.total !== null);
    const total = parts.length > 0 && known ? parts.reduce((sum, p) => sum + (p.total ?? 0), 0) : null;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const running = this.state === 'running';
    const rate = running && seconds > 0.5 ? Math.round((done / seconds) * 10) / 10 : null;
    const eta =
      running && total !== null && rate && rate > 0
        ? Math.max(0, Math.round((total - done) / rate))
        : running
          ? null
          : 0;
    return {
      jobId: this.id,
      kind: this.kind,
      title: this.init.title,
      state: this.state,
      parts,
      done,
      total,
      ratePerSecond: rate,
      etaSeconds: eta,
      message: this.message,
      current: this.current,
      items: this.items,
      startedBy: this.init.startedBy,
      createdAt: this.init.createdAt,
      finishedAt: this.finishedAt,
      cancellable: this.init.cancellable && this.active,
      ...(this.file ? { file: this.file } : {}),
      ...(this.resultId ? { resultId: this.resultId } : {}),
    };
  }
}
