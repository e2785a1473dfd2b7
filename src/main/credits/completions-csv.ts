// Parses the marketplace's lesson-completion CSV export (docs/simulator.md), checking every row, with line numbers.
import { isUuid } from '../ledger/ids';

export const COMPLETIONS_HEADER = 'completion_id,learner_id,instructor_id,hours,completed_at';

export interface CompletionRow {
  line: number;
  completionId: string;
  learnerId: string;
  instructorId: string;
  hours: number;
  completedAt: number;
}

export interface RowError {
  line: number;
  message: string;
  /** The row's fields as written, when it has the right number of them. */
  fields?: string[];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAX_HOURS = 12;

export function parseCompletionsCsv(text: string): { rows: CompletionRow[]; errors: RowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const rows: CompletionRow[] = [];
  const errors: RowError[] = [];
  if (lines[0]?.trim() !== COMPLETIONS_HEADER) {
    errors.push({ line: 1, message: `the first line must be the header "${COMPLETIONS_HEADER}"` });
    return { rows, errors };
  }
  const seen = new Map<string, number>();
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    const fields = text.split(',');
    const problems: string[] = [];
    if (fields.length !== 5) {
      errors.push({ line, message: `expected 5 fields, found ${fields.length}` });
      return;
    }
    const [completionId, learnerId, instructorId, hoursText, completedText] = fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (!isUuid(completionId)) problems.push('completion_id is not a UUID');
    if (!isUuid(learnerId)) problems.push('learner_id is not a UUID');
    if (!isUuid(instructorId)) problems.push('instructor_id is not a UUID');
    const hours = /^\d{1,3}$/.test(hoursText) ? Number(hoursText) : NaN;
    if (!(hours >= 1 && hours <= MAX_HOURS))
      problems.push(`hours must be a whole number from 1 to ${MAX_HOURS}`);
    const completedAt = INSTANT.test(completedText) ? Date.parse(completedText) : NaN;
    if (
      !Number.isFinite(completedAt) ||
      new Date(completedAt).toISOString().slice(0, 19) + 'Z' !== completedText
    )
      problems.push('completed_at must be a UTC instant like 2026-07-02T21:00:00Z');
    const first = seen.get(completionId.toLowerCase());
    if (first !== undefined) problems.push(`completion_id repeats line ${first}`);
    else seen.set(completionId.toLowerCase(), line);
    if (problems.length > 0)
      errors.push({ line, message: problems.join('; '), fields: fields.map((f) => f.trim()) });
    else
      rows.push({
        line,
        completionId: completionId.toLowerCase(),
        learnerId: learnerId.toLowerCase(),
        instructorId: instructorId.toLowerCase(),
        hours,
        completedAt,
      });
  });
  return { rows, errors };
}
