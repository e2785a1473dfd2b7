// Corrects a recorded lesson completion: a reversal (which cancels it) and, when the lesson happened differently, a
// new entry with the right hours and time — one audited transaction, never an edit of the original.
import { randomUUID } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { AppError, notFound } from '../api/errors';
import { recordCompletions } from './record-completions';

export interface Correction {
  completionId: string;
  reason: string;
  replacement?: { hours: number; completedAt: number } | undefined;
}

export function reverseCompletion(
  projection: Projection,
  sqlite: Sqlite,
  input: Correction,
  now: number,
  operatorId: string,
): { reversalId: string; replacementId: string | null } {
  return sqlite
    .transaction(() => {
      const original = sqlite
        .prepare(
          `SELECT c.learner_id AS learnerId, c.instructor_id AS instructorId, c.reverses_id,
                  (SELECT x.id FROM lesson_completions x WHERE x.reverses_id = c.id) AS reversed_by
           FROM lesson_completions c WHERE c.id = ?`,
        )
        .get(input.completionId) as
        | { learnerId: string; instructorId: string; reverses_id: string | null; reversed_by: string | null }
        | undefined;
      if (!original) throw notFound('That lesson completion');
      if (original.reverses_id)
        throw new AppError(
          'conflict',
          'That entry is itself a reversal: reverse the lesson it cancelled instead.',
        );
      if (original.reversed_by)
        throw new AppError(
          'conflict',
          'That lesson completion was already reversed; the history shows by whom.',
        );
      const reversalId = randomUUID();
      const replacement = input.replacement
        ? {
            line: 0,
            id: randomUUID(),
            learnerId: original.learnerId,
            instructorId: original.instructorId,
            ...input.replacement,
            externalRef: null,
          }
        : null;
      const report = recordCompletions(projection, sqlite, replacement ? [replacement] : [], {
        now,
        operatorId,
        source: 'console',
        note: replacement ? `Correction of ${input.completionId}: ${input.reason}` : null,
        reversal: { id: reversalId, of: input.completionId, reason: input.reason },
      });
      if (report.errors.length > 0)
        throw new AppError(
          'validation',
          `The corrected lesson cannot be recorded: ${report.errors[0]!.message}.`,
          {
            issues: [{ path: ['replacement'], message: report.errors[0]!.message }],
          },
        );
      return { reversalId, replacementId: replacement?.id ?? null };
    })
    .immediate();
}
