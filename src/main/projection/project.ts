// Projects Stripe objects into the marketplace tables and the double-entry journal (see the registry and docs/ledger.md).
import type { Sqlite } from '../db/open';
import type { StripeJson } from '../stripe/json';
import type { Projection } from './registry';
import { ProjectionRun } from './runner';
import type { SyncBatchAudit } from '../audit/sync-batch';

/** An object whose stored state changed in this batch, as parsed from its input (never re-read from the database). */
export interface ChangedObject {
  object: StripeJson;
  account: string | null;
}

/**
 * Re-projects everything the changed objects feed (their own rows and every row that read them), inside the
 * caller's transaction. The result is a function of `stripe_objects` and the console's records only. With `batch`, the
 * changes are audited as the sync batch's (audit/sync-batch.ts), not one entry each.
 */
export function projectObjects(
  projection: Projection,
  sqlite: Sqlite,
  objects: Iterable<ChangedObject>,
  now: number,
  batch: SyncBatchAudit | null = null,
): void {
  const run = new ProjectionRun(projection, sqlite, now, batch);
  for (const { object, account } of objects) run.objectChanged(object, account);
  run.drain();
}

/** Re-projects named roots (e.g. `pair:<learner>:<instructor>` after completions were recorded). */
export function projectRoots(
  projection: Projection,
  sqlite: Sqlite,
  roots: Iterable<string>,
  now: number,
): void {
  const run = new ProjectionRun(projection, sqlite, now);
  for (const root of roots) run.enqueue(root);
  run.drain();
}
