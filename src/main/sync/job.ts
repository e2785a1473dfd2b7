// One sync job (a pass or a backfill): counts per part, rate, ETA, cancellation, and its `progress` pushes.
import type { JobProgress } from '../../shared/contract';

export type JobKind = 'sync' | 'backfill';

const PUBLISH_EVERY_MS = 250;

export class SyncJob {
  state: JobProgress['state'] = 'running';
  message = 'Starting…';
  private cancelRequested = false;
  private readonly parts = new Map<string, { done: number; total: number | null }>();
  private readonly startedAt = performance.now();
  private publishedAt = 0;

  constructor(
    readonly id: string,
    readonly kind: JobKind,
    private readonly publish: (progress: JobProgress) => void,
  ) {}

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  cancel(): void {
    this.cancelRequested = true;
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

  /** An estimate of a part's size (null when unknown). */
  estimate(name: string, total: number | null): void {
    const part = this.parts.get(name) ?? { done: 0, total: null };
    part.total = total === null ? null : Math.max(total, part.done);
    this.parts.set(name, part);
  }

  finish(state: Exclude<JobProgress['state'], 'running'>, message: string): void {
    this.state = state;
    this.message = message;
    for (const part of this.parts.values()) if (state === 'done') part.total = part.done;
    this.emit(true);
  }

  emit(force = false): void {
    const now = performance.now();
    if (!force && now - this.publishedAt < PUBLISH_EVERY_MS) return;
    this.publishedAt = now;
    this.publish(this.progress());
  }

  progress(): JobProgress {
    const parts = [...this.parts].map(([name, p]) => ({ name, done: p.done, total: p.total }));
    const done = parts.reduce((sum, p) => sum + p.done, 0);
    const known = parts.every((p) => p.total !== null);
    const total = parts.length > 0 && known ? parts.reduce((sum, p) => sum + (p.total ?? 0), 0) : null;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rate = seconds > 0.5 ? Math.round((done / seconds) * 10) / 10 : null;
    const eta =
      this.state === 'running' && total !== null && rate && rate > 0
        ? Math.max(0, Math.round((total - done) / rate))
        : this.state === 'running'
          ? null
          : 0;
    return {
      jobId: this.id,
      kind: this.kind,
      state: this.state,
      parts,
      done,
      total,
      ratePerSecond: rate,
      etaSeconds: eta,
      message: this.message,
    };
  }
}
