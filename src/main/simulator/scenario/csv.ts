// The marketplace's lesson-completion CSV export (format documented in docs/simulator.md).
import type { LessonCompletion } from './types';

export const COMPLETIONS_CSV_HEADER = 'completion_id,learner_id,instructor_id,hours,completed_at';

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

export function completionCsvLine(c: LessonCompletion): string {
  return `${c.id},${c.learnerId},${c.instructorId},${c.hours},${iso(c.completedAt)}`;
}

/** RFC 4180 text, CRLF line ends, one header line, oldest completion first. */
export function completionsToCsv(rows: readonly LessonCompletion[]): string {
  const lines = [COMPLETIONS_CSV_HEADER];
  for (const row of rows) lines.push(completionCsvLine(row));
  return lines.join('\r\n') + '\r\n';
}
