// The backfill: lists every resource the console needs by `created` range, page by page, resumable and cancellable.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { RESOURCES } from '../stripe/resources';
import { applyInSlices } from './apply-batch';
import { pagesFrom } from './backfill-pages';
import { observationInputs } from './inputs';
import type { StripeInput } from './apply';
import { readState, writeState, deleteState, type BackfillCursor, type BackfillState } from './state';
import { throwIfCancelled, type RunContext } from './run-context';

const FRESH: BackfillCursor = { done: false, count: 0, lastId: null, lastCreated: null };

/** Reads Stripe's clock with the cheapest call there is. */
async function stripeNow(run: RunContext): Promise<number> {
  const r = await run.gateway.timed('GET /v1/balance', (s: Stripe) => s.balance.retrieve());
  return r.observedAt;
}

/** The backfill in progress, or a new one (its range ends now; the event cursor starts there). */
async function openBackfill(run: RunContext): Promise<BackfillState> {
  const existing = readState(run.sqlite, 'backfill');
  if (existing) return existing;
  const upTo = await stripeNow(run);
  const state: BackfillState = { id: randomUUID(), upTo, startedAt: run.now(), cursors: {} };
  run.sqlite.transaction(() => {
    const now = run.now();
    writeState(run.sqlite, 'backfill', state, now);
    const cursor = readState(run.sqlite, 'events_cursor');
    // Everything created up to `upTo` is listed; events from then on come from the poll.
    writeState(run.sqlite, 'events_cursor', Math.max(cursor ?? 0, upTo), now);
  })();
  return state;
}

/** Rough sizes for the progress view: Stripe does not count, so extrapolate from the time range covered. */
function estimate(run: RunContext, state: BackfillState, origin: number | null): void {
  let biggest = 0;
  for (const resource of RESOURCES) {
    const c = state.cursors[resource.name];
    if (!c) continue;
    if (c.done) {
      run.job.estimate(resource.name, c.count);
      biggest = Math.max(biggest, c.count);
    } else if (origin !== null && c.lastCreated !== null && state.upTo > origin) {
      const covered = (state.upTo - c.lastCreated) / (state.upTo - origin);
      const guess = covered > 0.02 ? Math.round(c.count / Math.min(1, covered)) : null;
      run.job.estimate(resource.name, guess);
      biggest = Math.max(biggest, guess ?? 0);
    }
  }
  for (const resource of RESOURCES) {
    if (!state.cursors[resource.name] && !run.unreadable.has(resource.name))
      run.job.estimate(resource.name, biggest > 0 ? biggest : null);
  }
}

export interface BackfillReport {
  counts: Record<string, number>;
  errors: number;
}

export async function runBackfill(run: RunContext): Promise<BackfillReport> {
  const state = await openBackfill(run);
  const readable = RESOURCES.filter((r) => !run.unreadable.has(r.name));
  for (const resource of readable) run.job.part(resource.name);
  for (const resource of readable) run.job.count(resource.name, state.cursors[resource.name]?.count ?? 0);
  let origin: number | null = null;
  let errors = 0;
  for (const resource of readable) {
    let cursor = state.cursors[resource.name] ?? FRESH;
    const nextPage = pagesFrom(run, resource, state.upTo, cursor);
    while (!cursor.done) {
      throwIfCancelled(run);
      // Read pages until a transaction's worth, then apply them with the cursor at once.
      const inputs: StripeInput[] = [];
      let reached = cursor;
      let listed = 0;
      while (!reached.done && listed < run.backfillBatchSize) {
        const page = (await nextPage())!;
        throwIfCancelled(run);
        inputs.push(
          ...observationInputs(page.objects, page.observedAt, 'list'),
          ...observationInputs(page.reversals, page.observedAt, 'list'),
        );
        reached = page.cursor;
        listed += page.objects.length;
        run.checkpoint('page');
      }
      const report = await applyInSlices(
        run.projection,
        run.sqlite,
        inputs,
        run.now,
        () => {
          state.cursors[resource.name] = reached;
          writeState(run.sqlite, 'backfill', state, run.now());
        },
        run.checkpoint,
        run.sliceSize,
      );
      errors += report.errors;
      cursor = reached;
      if (resource.name === 'accounts' && cursor.lastCreated !== null) origin = cursor.lastCreated;
      estimate(run, state, origin);
      run.job.count(resource.name, listed, `Backfilling ${resource.name.replace('_', ' ')}`);
    }
  }
  const counts = Object.fromEntries(Object.entries(state.cursors).map(([k, c]) => [k, c.count]));
  run.sqlite.transaction(() => {
    deleteState(run.sqlite, 'backfill');
    writeState(run.sqlite, 'last_sync_at', run.now(), run.now());
  })();
  return { counts, errors };
}
