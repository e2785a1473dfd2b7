// Imports the marketplace's lesson-completion CSV: a preview checks every row and writes nothing; the import records
// every new row or none. Idempotent by the completion's id: the same file again records nothing and says so.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import type { ImportPreview, PreviewRow } from '../../shared/contract/credits';
import { parseCompletionsCsv } from './completions-csv';
import { checkCompletions, type Candidate } from './check-completions';
import { recordCompletions, type RecordReport } from './record-completions';

export interface ImportReport extends RecordReport {
  rows: number;
}

export const fileSha256 = (csvText: string) => createHash('sha256').update(csvText, 'utf8').digest('hex');

function candidatesOf(csvText: string) {
  const parsed = parseCompletionsCsv(csvText);
  const candidates: Candidate[] = parsed.rows.map((r) => ({
    line: r.line,
    id: r.completionId,
    learnerId: r.learnerId,
    instructorId: r.instructorId,
    hours: r.hours,
    completedAt: r.completedAt,
    externalRef: r.completionId,
  }));
  return { parsed, candidates };
}

/** When this very file (by its bytes) was last imported. */
function previousImport(sqlite: Sqlite, sha256: string): ImportPreview['previousImport'] {
  const row = sqlite
    .prepare(
      `SELECT ci.id, ci.created_at AS at, u.name AS by, ci.recorded FROM completion_imports ci
       LEFT JOIN users u ON u.id = ci.imported_by WHERE ci.file_sha256 = ? ORDER BY ci.created_at DESC LIMIT 1`,
    )
    .get(sha256) as { id: string; at: number; by: string | null; recorded: number } | undefined;
  return row ?? null;
}

/** Every row checked against the database as it is now; nothing is written. */
export function previewCompletionsCsv(
  sqlite: Sqlite,
  fileName: string,
  csvText: string,
  now: number,
): ImportPreview {
  const { parsed, candidates } = candidatesOf(csvText);
  const check = checkCompletions(sqlite, candidates, now);
  const rows: PreviewRow[] = [
    ...candidates.map((c): PreviewRow => {
      const v = check.verdicts.get(c)!;
      return {
        line: c.line,
        completionId: c.id,
        learnerId: c.learnerId,
        learnerName: check.learnerNames.get(c.learnerId) ?? null,
        instructorId: c.instructorId,
        instructorName: check.instructorNames.get(c.instructorId) ?? null,
        hours: c.hours,
        completedAt: c.completedAt,
        status: v.status,
        problems: v.problems,
      };
    }),
    ...parsed.errors
      .filter((e) => e.line > 1)
      .map((e): PreviewRow => {
        const [completionId, learnerId, instructorId] = e.fields ?? [];
        return {
          line: e.line,
          completionId: completionId || null,
          learnerId: learnerId || null,
          learnerName: null,
          instructorId: instructorId || null,
          instructorName: null,
          hours: null,
          completedAt: null,
          status: 'error',
          problems: [e.message],
        };
      }),
  ].sort((a, b) => a.line - b.line);
  const fresh = rows.filter((r) => r.status === 'new');
  const sha256 = fileSha256(csvText);
  return {
    fileName,
    sha256,
    fileProblem: parsed.errors.find((e) => e.line === 1)?.message ?? null,
    rows,
    summary: {
      rows: rows.length,
      new: fresh.length,
      newHours: fresh.reduce((s, r) => s + (r.hours ?? 0), 0),
      recorded: rows.filter((r) => r.status === 'recorded').length,
      errors: rows.filter((r) => r.status === 'error').length,
      pairs: new Set(fresh.map((r) => `${r.learnerId}:${r.instructorId}`)).size,
      liabilityReleasedPence: check.liabilityReleasedPence,
    },
    previousImport: previousImport(sqlite, sha256),
  };
}

/** Records every new row of a file with no errors (checked again in the transaction), or nothing. */
export function importCompletionsCsv(
  projection: Projection,
  sqlite: Sqlite,
  csvText: string,
  now: number,
  operatorId?: string | null,
  fileName = 'completions.csv',
): ImportReport {
  const { parsed, candidates } = candidatesOf(csvText);
  const rows = parsed.rows.length + parsed.errors.filter((e) => e.line > 1).length;
  if (parsed.errors.length > 0)
    return { rows, recorded: 0, alreadyRecorded: 0, errors: parsed.errors, importId: null, hours: 0 };
  const report = recordCompletions(projection, sqlite, candidates, {
    now,
    operatorId: operatorId ?? null,
    source: 'import',
    file: { name: fileName, sha256: fileSha256(csvText), rows },
  });
  return { rows, ...report };
}
