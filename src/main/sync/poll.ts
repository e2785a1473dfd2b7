// The incremental pass: lists /v1/events since the cursor (with an overlap), applies them oldest first, advances the cursor.
import type Stripe from 'stripe';
import { recordSyncError } from '../db/sync-errors';
import { applyInSlices } from './apply-batch';
import {
  balanceTransactionIds,
  byCreatedThenId,
  eventInputs,
  observationInputs,
  refetchTargets,
  type Refetch,
} from './inputs';
import { resourceForType } from '../stripe/resources';
import { readState, writeState } from './state';
import { throwIfCancelled, type RunContext } from './run-context';
import type { StripeInput } from './apply';
import { RetriesExhausted } from '../stripe/retry';

/** Events can show up in the list a little after their `created` second: re-read this much before the cursor. */
export const OVERLAP_SECONDS = 300;
/** Stripe keeps events 30 days; past 25 the console re-lists objects instead of trusting the event list. */
export const EVENTS_KEPT_SECONDS = 25 * 86_400;

export type PollOutcome =
  | { kind: 'done'; events: number; applied: number; errors: number }
  | { kind: 'needsBackfill'; reason: 'never' | 'gap' };

const EVENTS_ENDPOINT = 'GET /v1/events';

async function listEventsSince(run: RunContext, from: number, cursor: number) {
  const events: unknown[] = [];
  let startingAfter: string | undefined;
  let stripeNow: number | null = null;
  for (;;) {
    throwIfCancelled(run);
    const page = await run.gateway.timed(EVENTS_ENDPOINT, (s: Stripe) =>
      s.events.list({
        limit: run.pageSize,
        created: { gte: from },
        ...(startingAfter ? { starting_after: startingAfter } : {}),
      }),
    );
    if (stripeNow === null) {
      stripeNow = page.observedAt;
      if (stripeNow - cursor > EVENTS_KEPT_SECONDS) return { events, stripeNow, gap: true };
    }
    events.push(...page.value.data);
    run.job.count('events listed', page.value.data.length, `Listing events: ${events.length}`);
    run.checkpoint('page');
    const last = [...page.value.data].reverse().find((e) => typeof e?.id === 'string');
    if (!page.value.has_more || !last) break;
    startingAfter = last.id;
  }
  return { events, stripeNow: stripeNow ?? cursor, gap: false };
}

/** Fetches what the events did not describe well; a fetch that fails is recorded, not fatal. */
async function refetch(run: RunContext, events: unknown[]): Promise<StripeInput[]> {
  const inputs: StripeInput[] = [];
  const known = run.sqlite.prepare('SELECT 1 FROM stripe_objects WHERE id = ?').pluck();
  const transactions = resourceForType('balance_transaction')!;
  const missing: Refetch[] = balanceTransactionIds(events)
    .filter((id) => known.get(id) === undefined)
    .map((id) => ({ resource: transactions, id, eventId: null }));
  for (const target of [...refetchTargets(events), ...missing]) {
    if (run.unreadable.has(target.resource.name)) continue;
    try {
      const fetched = await run.gateway.timed(`GET ${target.resource.endpoint.slice(4)}/:id`, (s) =>
        target.resource.retrieve(s, target.id),
      );
      inputs.push(...observationInputs([fetched.value], fetched.observedAt, 'fetch'));
      run.job.count('objects refetched', 1);
    } catch (error) {
      throwIfCancelled(run);
      recordSyncError(
        run.sqlite,
        {
          scope: 'object',
          code: error instanceof RetriesExhausted ? 'refetch_unreachable' : 'refetch_failed',
          message: `Could not fetch ${target.id} again: ${(error as Error).message}`,
          hint: 'The event itself was applied. Run "Sync now" later, or a backfill, to read the object again.',
          objectId: target.id,
          eventId: target.eventId,
        },
        run.now(),
      );
    }
  }
  return inputs;
}

export async function runPoll(run: RunContext): Promise<PollOutcome> {
  const { sqlite } = run;
  const cursor = readState(sqlite, 'events_cursor');
  if (cursor === null) return { kind: 'needsBackfill', reason: 'never' };
  const listed = await listEventsSince(run, Math.max(0, cursor - OVERLAP_SECONDS), cursor);
  if (listed.gap) return { kind: 'needsBackfill', reason: 'gap' };
  const events = listed.events.sort(byCreatedThenId);
  let applied = 0;
  let errors = 0;
  let newest = cursor;
  run.job.part('events applied');
  for (let i = 0; i < events.length || i === 0; i += run.batchSize) {
    throwIfCancelled(run);
    const batch = events.slice(i, i + run.batchSize);
    const fetched = await refetch(run, batch);
    throwIfCancelled(run);
    const isLast = i + run.batchSize >= events.length;
    const batchNewest = batch.reduce<number>((max, e) => {
      const created = (e as { created?: unknown }).created;
      return Number.isSafeInteger(created) ? Math.max(max, created as number) : max;
    }, 0);
    const report = await applyInSlices(
      run.projection,
      sqlite,
      [...eventInputs(batch), ...fetched],
      run.now,
      () => {
        const now = run.now();
        const lastEventAt = readState(sqlite, 'last_event_at') ?? 0;
        if (batchNewest * 1000 > lastEventAt) writeState(sqlite, 'last_event_at', batchNewest * 1000, now);
        // Once the whole list is applied, everything created before the list was read is in.
        const reached = Math.max(newest, batchNewest, isLast ? listed.stripeNow : 0);
        writeState(sqlite, 'events_cursor', reached, now);
        if (isLast) writeState(sqlite, 'last_sync_at', now, now);
      },
      run.checkpoint,
      { fixedSize: run.sliceSize, callsSoFar: run.callsSoFar, state: run.slicing },
    );
    newest = Math.max(newest, batchNewest);
    applied += report.applied;
    errors += report.errors;
    run.job.count('events applied', batch.length, `Applied ${i + batch.length} of ${events.length} events`);
  }
  resolveRequestErrors(run);
  return { kind: 'done', events: events.length, applied, errors };
}

/** A pass that went through clears the failed-pass errors of earlier ones (not those about objects or events). */
export function resolveRequestErrors(run: RunContext): void {
  run.sqlite
    .prepare(
      `UPDATE sync_errors SET resolved_at = ? WHERE resolved_at IS NULL
       AND (scope IN ('request', 'backfill') OR code = 'sync_failed')`,
    )
    .run(run.now());
}
