// Contract handlers of the credits domain: the Credits page's reads and the completions it records.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError } from '../api/errors';
import type { creditsContract, ImportResult } from '../../shared/contract/credits';
import { listCredits } from './credits-list';
import { pairHistory } from './pair-history';
import { importCompletionsCsv, previewCompletionsCsv } from './import-completions';
import { recordCompletions } from './record-completions';
import { reverseCompletion } from './reverse-completion';
import { listImports } from './imports-list';
import { completionsStatus } from './completions-status';
import type { RowError } from './completions-csv';

const count = (n: number) => n.toLocaleString('en-GB');

/** Refusals name every line (up to 50) so the operator can fix the file; nothing was written. */
function refused(errors: readonly RowError[], what: string): AppError {
  const lines = errors.slice(0, 50).map((e) => (e.line > 0 ? `line ${e.line}: ${e.message}` : e.message));
  return new AppError(
    'validation',
    `${what}: ${errors.length} row${errors.length === 1 ? ' has a problem' : 's have problems'}; nothing was recorded. ${lines[0]}${errors.length > 1 ? ' …' : ''}`,
    {
      issues: errors
        .slice(0, 50)
        .map((e) => ({ path: [e.line > 0 ? `line ${e.line}` : 'completion'], message: e.message })),
      lines,
    },
  );
}

export const creditsHandlers: Handlers<keyof typeof creditsContract> = {
  'credits.list': (ctx, input) => listCredits(ctx.sqlite, input),
  'credits.history': (ctx, input) => pairHistory(ctx.sqlite, input.learnerId, input.instructorId),
  'completions.preview': (ctx, input) =>
    previewCompletionsCsv(ctx.sqlite, input.fileName, input.csv, ctx.clock.now()),
  'completions.imports': (ctx, input) => listImports(ctx.sqlite, input.limit),
  'completions.status': (ctx) => completionsStatus(ctx.sqlite, ctx.clock.now()),
  'completions.import': (ctx, input): ImportResult => {
    const report = importCompletionsCsv(
      ctx.projection,
      ctx.sqlite,
      input.csv,
      ctx.clock.now(),
      requireOperator(ctx).id,
      input.fileName,
    );
    if (report.errors.length > 0) throw refused(report.errors, `${input.fileName} was not imported`);
    const { importId, rows, recorded, alreadyRecorded, hours } = report;
    return {
      importId,
      rows,
      recorded,
      alreadyRecorded,
      hours,
      message:
        recorded === 0
          ? `Nothing new: all ${count(rows)} completion${rows === 1 ? ' was' : 's were'} already recorded, so nothing changed.`
          : `Imported ${count(recorded)} completion${recorded === 1 ? '' : 's'} (${count(hours)} h)` +
            (alreadyRecorded ? `; ${count(alreadyRecorded)} already recorded were skipped.` : '.'),
    };
  },
  'completions.record': (ctx, { note, ...lesson }) => {
    const report = recordCompletions(
      ctx.projection,
      ctx.sqlite,
      [{ line: 0, externalRef: null, ...lesson }],
      {
        now: ctx.clock.now(),
        operatorId: requireOperator(ctx).id,
        source: 'console',
        note: note ?? null,
      },
    );
    if (report.errors.length > 0) throw refused(report.errors, 'The lesson was not recorded');
    return { completionId: lesson.id };
  },
  'completions.reverse': (ctx, input) =>
    reverseCompletion(ctx.projection, ctx.sqlite, input, ctx.clock.now(), requireOperator(ctx).id),
};
