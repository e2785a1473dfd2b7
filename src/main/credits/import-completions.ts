// Imports the marketplace's lesson-completion CSV: every row checked, nothing imported from a file with errors.
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { parseCompletionsCsv } from './completions-csv';
import { recordCompletions, type RecordReport } from './record-completions';

export interface ImportReport extends RecordReport {
  rows: number;
}

/** Idempotent by the completion's id (its external reference): importing the same file twice records it once. */
export function importCompletionsCsv(
  projection: Projection,
  sqlite: Sqlite,
  csvText: string,
  now: number,
  operatorId?: string,
): ImportReport {
  const parsed = parseCompletionsCsv(csvText);
  if (parsed.errors.length > 0)
    return {
      rows: parsed.rows.length + parsed.errors.length,
      recorded: 0,
      alreadyRecorded: 0,
      errors: parsed.errors,
    };
  const report = recordCompletions(
    projection,
    sqlite,
    parsed.rows.map((r) => ({
      line: r.line,
      id: r.completionId,
      learnerId: r.learnerId,
      instructorId: r.instructorId,
      hours: r.hours,
      completedAt: r.completedAt,
      externalRef: r.completionId,
    })),
    now,
    operatorId ?? null,
    'import',
  );
  return { rows: parsed.rows.length, ...report };
}
