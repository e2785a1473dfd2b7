// The backfill: lists every resource the console needs by `created` range, page by page, resumable and cancellable.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { RESOURCES } from '../stripe/resources';
import { applyInSlices } from './apply-batch';
import { withRareCheckpoints } from '../db/bulk-wal';
import { pagesFrom } from './backfill-pages';
import { observationInputs } from './inputs';
import type { StripeInput } from './apply';
import { readState, writeState, deleteState, type BackfillCursor, type BackfillState } from './state';
import { throwIfCancelled, type RunContext } from './run-context';

const FRESH: BackfillCursor = { done: false, count: 0, slices: [] };

/** A resource's cursor; one saved before listings were sliced (one last id) becomes a single slice. */
function cursorOf(state: BackfillState, resource: string): BackfillCursor | undefined {
  const c = state.cursors[resource] as
    (BackfillCursor & { lastId?: string | null; lastCreated?: number | null }) | undefined;
  if (!c || c.slices) return c;
  const { lastId = null, lastCreated = null } = c;
  return {
    done: c.done,
    count: c.count,
    slices: [{ gte: null, lt: state.upTo + 1, lastId, lastCreated, done: c.done }],
  };
}

/** The oldest created second of the resources listed to the end: where the backfill's history begins. */
function oldestListed(state: BackfillState): number | null {
  const seconds = Object.keys(state.cursors)
    .map((name) => cursorOf(state, name)!)
    .filter((c) => c.done)
    .flatMap((c) => c.slices.map((s) => s.lastCreated))
    .filter((t): t is number => t !== null);
  return seconds.length > 0 ? Math.min(...seconds) : null;
}

/** The share of [origin, upTo] a resource's slices have listed. */
function covered(c: BackfillCursor, origin: number, upTo: number): number {
  let seconds = 0;
  for (const s of c.slices) {
    const bottom = Math.max(origin, s.gte ?? origin);
    const top = s.lt ?? upTo + 1;
    const reached = s.done ? bottom : s.lastCreated === null ? top : Math.max(bottom, s.lastCreated);
    seconds += Math.max(0, top - reached);
  }
  return seconds / (upTo + 1 - origin);
}

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
function estimate(run: RunContext, state: BackfillState): void {
  const origin = oldestListed(state);
  let biggest = 0;
  for (const resource of RESOURCES) {
    const c = cursorOf(state, resource.name);
    if (!c) continue;
    if (c.done) {
      run.job.estimate(resource.name, c.count);
      biggest = Math.max(biggest, c.count);
    } else if (origin !== null && state.upTo > origin) {
      const share = covered(c, origin, state.upTo);
      const guess = share > 0.02 ? Math.round(c.count / Math.min(1, share)) : null;
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

export function runBackfill(run: RunContext): Promise<BackfillReport> {
  return withRareCheckpoints(run.sqlite, () => backfill(run));
}

async function backfill(run: RunContext): Promise<BackfillReport> {
  const state = await openBackfill(run);
  const readable = RESOURCES.filter((r) => !run.unreadable.has(r.name));
  for (const resource of readable) run.job.part(resource.name);
  for (const resource of readable) run.job.count(resource.name, state.cursors[resource.name]?.count ?? 0);
  let errors = 0;
  for (const resource of readable) {
    let cursor = cursorOf(state, resource.name) ?? FRESH;
    const nextPage = pagesFrom(run, resource, state.upTo, cursor, oldestListed(state));
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
        { fixedSize: run.sliceSize, callsSoFar: run.callsSoFar, state: run.slicing },
      );
      errors += report.errors;
      cursor = reached;
      estimate(run, state);
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
