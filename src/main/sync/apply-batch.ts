// Applies one batch in one transaction together with the cursor it advances; a poisoned input is isolated, recorded and
// kept to be tried again at the next syncs (retries.ts). Sync passes apply a batch in time-boxed slices, so the
// requests of a team's clients are answered between them instead of waiting for a whole batch.
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { applyInputs, type ApplyReport, type StripeInput } from './apply';
import { keepForRetry } from './retries';
import { freshSlicing, learnSlice, nextSliceSize, paceFor, type SliceState } from './slice-pace';

/** Test seam: called at points where a crash is interesting ('tx' is inside the open transaction). */
export type Checkpoint = (point: 'tx' | 'committed' | 'page') => void;

const SYSTEMIC = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CORRUPT|NOMEM|CANTOPEN)/;

const addReports = (a: ApplyReport, b: ApplyReport): ApplyReport => ({
  applied: a.applied + b.applied,
  duplicates: a.duplicates + b.duplicates,
  errors: a.errors + b.errors,
  changedObjects: a.changedObjects + b.changedObjects,
});
const EMPTY: ApplyReport = { applied: 0, duplicates: 0, errors: 0, changedObjects: 0 };

/**
 * Applies `inputs` and runs `advance` (the cursor update) in the same transaction. When the batch fails
 * because of one input, that input is recorded as a sync error and kept for a retry, and the rest is applied; when
 * every input fails alike (a bug, a full disk), the error is thrown and nothing moves.
 */
export function applyBatch(
  projection: Projection,
  sqlite: Sqlite,
  inputs: StripeInput[],
  now: number,
  advance: () => void,
  checkpoint: Checkpoint = () => {},
  /** Earlier slices of the same batch applied: a failing input here is one among inputs that apply. */
  othersApplied = false,
): ApplyReport {
  let report: ApplyReport;
  try {
    report = sqlite.transaction(() => {
      const r = applyInputs(projection, sqlite, inputs, now);
      advance();
      checkpoint('tx');
      return r;
    })();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if ((inputs.length <= 1 && !othersApplied) || (typeof code === 'string' && SYSTEMIC.test(code)))
      throw error;
    report = sqlite.transaction(() => {
      let total = EMPTY;
      let failures = 0;
      for (const input of inputs) {
        try {
          total = addReports(
            total,
            sqlite.transaction(() => applyInputs(projection, sqlite, [input], now))(),
          );
        } catch (inputError) {
          failures += 1;
          keepForRetry(sqlite, input, (inputError as Error).message, now);
        }
      }
      if (failures === inputs.length && !othersApplied) throw error;
      advance();
      checkpoint('tx');
      return { ...total, errors: total.errors + failures };
    })();
  }
  checkpoint('committed');
  return report;
}

/**
 * Commits a slice that does not move the cursor without waiting for the disk (WAL with `synchronous = NORMAL`): a
 * power cut can take it back, and then the next run applies its inputs again; the batch's last slice, committed with
 * the workspace's full sync, puts every earlier slice on disk with it. A commit's wait for the disk costs about as much
 * as a slice's work here (11 ms against 0.6 ms), and the thread the team's requests need is held through it.
 */
function withoutWaitingForDisk<T>(sqlite: Sqlite, run: () => T): T {
  const was = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('synchronous = NORMAL');
  try {
    return run();
  } finally {
    sqlite.pragma(`synchronous = ${was}`);
  }
}

/** Lets the requests waiting on the event loop go before the next slice holds the thread. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How a batch is cut: a fixed slice size (crash tests), and the count of contract calls the process has answered. */
export interface SlicePace {
  fixedSize?: number | undefined;
  /** Calls answered so far; while it does not move, slices double up to IDLE_SLICE_BUDGET_MS. Absent: no callers. */
  callsSoFar?: (() => number) | undefined;
  /** The pass's slicing so far (default: a fresh one for this batch). */
  state?: SliceState | undefined;
}

/**
 * `applyBatch` in slices, each its own transaction, the event loop served between them: about SLICE_BUDGET_MS each
 * while calls come in, growing to IDLE_SLICE_BUDGET_MS while none do.
 * Only the last slice runs `advance`: a crash after an earlier slice leaves the cursor where it was, and the next
 * run applies those inputs again, which changes nothing (inputs apply exactly once, in any order: apply.ts).
 * The slice size follows the measured time per input (or is `fixedSize`, so that every run of a crash test passes
 * the same checkpoints); a failure is judged as `applyBatch` judges a whole batch.
 */
export async function applyInSlices(
  projection: Projection,
  sqlite: Sqlite,
  inputs: StripeInput[],
  now: () => number,
  advance: () => void,
  checkpoint: Checkpoint = () => {},
  { fixedSize, callsSoFar = () => 0, state = freshSlicing() }: SlicePace = {},
): Promise<ApplyReport> {
  let total = EMPTY;
  let from = 0;
  do {
    await yieldToIo();
    paceFor(state, callsSoFar());
    const size = fixedSize ?? nextSliceSize(state);
    const slice = inputs.slice(from, from + size);
    const last = from + slice.length >= inputs.length;
    const started = performance.now();
    try {
      const apply = () =>
        applyBatch(projection, sqlite, slice, now(), last ? advance : () => {}, checkpoint, from > 0);
      total = addReports(total, last ? apply() : withoutWaitingForDisk(sqlite, apply));
    } catch (error) {
      // The first slice failed whole: judge the batch whole, as one transaction (a poisoned input, or all alike).
      if (from > 0 || last) throw error;
      return applyBatch(projection, sqlite, inputs, now(), advance, checkpoint);
    }
    learnSlice(state, size, slice.length, performance.now() - started);
    from += slice.length;
  } while (from < inputs.length);
  return total;
}
