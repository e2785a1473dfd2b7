// Applies one batch in one transaction together with the cursor it advances; a poisoned input is isolated, recorded and
// kept to be tried again at the next syncs (retries.ts).
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { applyInputs, type ApplyReport, type StripeInput } from './apply';
import { keepForRetry } from './retries';

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
    if (inputs.length <= 1 || (typeof code === 'string' && SYSTEMIC.test(code))) throw error;
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
      if (failures === inputs.length) throw error;
      advance();
      checkpoint('tx');
      return { ...total, errors: total.errors + failures };
    })();
  }
  checkpoint('committed');
  return report;
}
