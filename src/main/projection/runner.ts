// Runs projection roots to a fixed point, phase by phase, so the result never depends on the order objects arrived in.
import type { Sqlite } from '../db/open';
import { ProjectionContext } from './context';
import type { StripeJson } from '../stripe/json';
import type { Projection } from './registry';
import type { SyncBatchAudit } from '../audit/sync-batch';

/** A bound on work per batch: a projection that keeps re-enqueuing itself is a bug, not a long job. */
const MAX_RUNS_PER_ROOT = 50;

export class ProjectionRun {
  readonly ctx: ProjectionContext;
  private readonly queues: Set<string>[];
  private readonly runs = new Map<string, number>();

  constructor(
    private readonly projection: Projection,
    sqlite: Sqlite,
    now: number,
    batch: SyncBatchAudit | null = null,
  ) {
    this.queues = projection.phases.map(() => new Set());
    this.ctx = new ProjectionContext(sqlite, now, (root) => this.enqueue(root), batch);
  }

  enqueue(root: string): void {
    const phase = this.projection.phaseOf(root.slice(0, root.indexOf(':')));
    if (phase === undefined) throw new Error(`unknown projection root ${root}`);
    this.queues[phase]!.add(root);
  }

  /** Takes note of a changed object: links it to its root and re-projects everything that reads it. */
  objectChanged(o: StripeJson, account: string | null): void {
    this.ctx.remember(o);
    const root = this.projection.rootOf(o, account);
    if (root) this.ctx.ref(o.id, root);
    this.ctx.touch(o.id);
  }

  /** Projects queued roots, lowest phase first, until nothing is left to do. */
  drain(): void {
    for (;;) {
      const phase = this.queues.findIndex((q) => q.size > 0);
      if (phase < 0) return;
      const roots = [...this.queues[phase]!].sort();
      this.queues[phase]!.clear();
      const run = this.projection.phases[phase]!.run;
      for (const root of roots) {
        const count = (this.runs.get(root) ?? 0) + 1;
        this.runs.set(root, count);
        if (count > MAX_RUNS_PER_ROOT) throw new Error(`projection of ${root} does not settle`);
        const savepoint = this.ctx.stmt('SAVEPOINT projection_root');
        const release = this.ctx.stmt('RELEASE projection_root');
        const mark = this.ctx.batch?.mark();
        try {
          savepoint.run();
          this.ctx.root = root;
          run(this.ctx, root);
          release.run();
        } catch (err) {
          this.ctx.stmt('ROLLBACK TO projection_root').run();
          release.run();
          if (mark) this.ctx.batch!.rewind(mark);
          this.ctx.error(
            root.slice(root.indexOf(':') + 1),
            'projection_failed',
            `Projecting ${root} failed: ${(err as Error).message}`,
            'A projection bug or an object the console cannot read: nothing of it was written. Report the id.',
          );
        }
      }
    }
  }
}
