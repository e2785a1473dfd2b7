// `lplate completions import FILE` and `lplate credits list`: the Credits page's import and list from a terminal,
// through the same contract methods (preview first, then all rows or none).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Core } from '../core';
import type { ImportPreview } from '../../shared/contract/credits';
import { formatPence } from '../../shared/money';
import { formatInstant } from '../../shared/dates';
import { call, EXIT, signIn, table, UsageError, type CliIo } from './cli-kit';

export interface CreditsArgs {
  positionals: string[];
  values: { operator?: string; json?: boolean; 'dry-run'?: boolean; q?: string; instructor?: string };
}

function printPreview(p: ImportPreview, io: CliIo): void {
  const s = p.summary;
  io.err(
    `${p.fileName}: ${s.rows} rows — ${s.new} new (${s.newHours} h, ${s.pairs} pairs, liability down ` +
      `${formatPence(s.liabilityReleasedPence)}), ${s.recorded} already recorded, ${s.errors} with problems.`,
  );
  if (p.previousImport)
    io.err(
      `This file was imported on ${formatInstant(p.previousImport.at)} by ${p.previousImport.by ?? 'the console'}.`,
    );
  if (p.fileProblem) io.err(`line 1: ${p.fileProblem}`);
  for (const r of p.rows.filter((row) => row.status === 'error'))
    io.err(`line ${r.line}: ${r.problems.join('; ')}`);
}

export async function completionsCommand(
  core: Core,
  connection: string,
  args: CreditsArgs,
  io: CliIo,
): Promise<number> {
  const [, sub, path] = args.positionals;
  if (sub === 'list') {
    await signIn(core, connection, args.values.operator, io);
    const imports = await call(core, connection, 'completions.imports', { limit: 30 });
    if (args.values.json) io.out(JSON.stringify(imports, null, 2));
    else
      io.out(
        table([
          ['WHEN', 'FILE', 'BY', 'ROWS', 'RECORDED', 'HOURS'],
          ...imports.map((i) => [
            formatInstant(i.at),
            i.fileName,
            i.by ?? '—',
            String(i.rows),
            String(i.recorded),
            String(i.hours),
          ]),
        ]),
      );
    return EXIT.done;
  }
  if (sub !== 'import' || !path)
    throw new UsageError('Use: lplate completions import FILE [--dry-run] | lplate completions list');
  let csv: string;
  try {
    csv = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  await signIn(core, connection, args.values.operator, io);
  const input = { fileName: basename(path), csv };
  const preview = await call(core, connection, 'completions.preview', input);
  printPreview(preview, io);
  if (preview.fileProblem || preview.summary.errors > 0) {
    io.out('Nothing was imported: fix the lines above and import the file again.');
    return EXIT.failed;
  }
  if (args.values['dry-run']) {
    io.out(`Dry run: ${preview.summary.new} completions would be recorded. Nothing was written.`);
    return EXIT.done;
  }
  const result = await call(core, connection, 'completions.import', input);
  io.out(args.values.json ? JSON.stringify(result, null, 2) : result.message);
  return EXIT.done;
}

export async function creditsCommand(
  core: Core,
  connection: string,
  args: CreditsArgs,
  io: CliIo,
): Promise<number> {
  if (args.positionals[1] !== 'list')
    throw new UsageError('Use: lplate credits list [--q TEXT] [--instructor ID]');
  await signIn(core, connection, args.values.operator, io);
  const page = await call(core, connection, 'credits.list', {
    pageSize: 500,
    ...(args.values.q ? { q: args.values.q } : {}),
    ...(args.values.instructor ? { instructorId: args.values.instructor } : {}),
  });
  if (args.values.json) {
    io.out(JSON.stringify(page, null, 2));
    return EXIT.done;
  }
  const hours = (n: number) => `${n} h`;
  io.out(
    table([
      ['LEARNER', 'INSTRUCTOR', 'PURCHASED', 'USED', 'REFUNDED', 'REMAINING', 'LIABILITY'],
      ...page.rows.map((r) => [
        r.learner.name,
        r.instructor.name,
        hours(r.hoursPurchased),
        hours(r.hoursUsed),
        hours(r.hoursRefunded),
        hours(r.hoursRemaining),
        formatPence(r.liabilityPence),
      ]),
    ]),
  );
  const t = page.totals;
  const shown = page.rows.length < t.pairs ? ` (first ${page.rows.length} shown)` : '';
  io.out(
    'capped' in t
      ? `At least ${t.pairs} pairs match${shown}: too many to add up here; narrow the search for their totals.`
      : `${t.pairs} pairs${shown}: ${t.hoursRemaining} h remaining of ${t.hoursPurchased} h purchased, ` +
          `liability ${formatPence(t.liabilityPence)}.`,
  );
  return EXIT.done;
}
