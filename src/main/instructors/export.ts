// Every instructor the Instructors filters match, not the page on screen, as an export job (CSV or XLSX through
// src/main/exports), in the list's order; instructors are few, so pages of the list query are read by offset.
import type { ParsedInputOf } from '../../shared/contract';
import type { InstructorRow } from '../../shared/contract/instructors';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { startExport } from '../exports/run-export';
import { sheet } from '../exports/table';
import { instructorRows, instructorSums } from './queries';

const PAGE = 500;

export function startInstructorsExport(
  ctx: HandlerContext,
  input: ParsedInputOf<'instructors.export'>,
): { jobId: string } {
  const { format, ...query } = input;
  const { sqlite } = ctx;
  const mode = ctx.workspace.mode;
  const now = ctx.clock.now();
  const rows = function* () {
    for (let offset = 0; ; offset += PAGE) {
      const page = instructorRows(sqlite, mode, query, PAGE, offset, now);
      yield* page;
      if (page.length < PAGE) return;
    }
  };
  const instructors = sheet<InstructorRow>({
    name: 'Instructors',
    columns: [
      { header: 'Instructor', kind: 'text', value: (r) => r.name },
      { header: 'Email', kind: 'text', value: (r) => r.email },
      { header: 'Instructor id', kind: 'id', value: (r) => r.id, width: 38 },
      { header: 'Connect account', kind: 'id', value: (r) => r.connect?.accountId ?? null, width: 24 },
      { header: 'Connect status', kind: 'text', value: (r) => r.connect?.status ?? 'no account', width: 14 },
      { header: 'Active', kind: 'text', value: (r) => (r.isActive ? 'yes' : 'no'), width: 8 },
      { header: 'Hourly rate (£)', kind: 'pence', value: (r) => r.hourlyRatePence },
      { header: 'Earned (£)', kind: 'pence', value: (r) => r.earnedPence },
      { header: 'Paid (£)', kind: 'pence', value: (r) => r.paidPence },
      { header: 'Clawbacks (£)', kind: 'pence', value: (r) => r.clawbacksPence },
      { header: 'Owed (£)', kind: 'pence', value: (r) => r.owedPence },
      { header: 'Next Friday (£)', kind: 'pence', value: (r) => r.nextFriday?.owedPence ?? null },
      {
        header: 'Next Friday',
        kind: 'text',
        value: (r) => r.nextFriday?.heldReason ?? r.nextFriday?.status ?? null,
      },
      { header: 'Prepaid hours', kind: 'integer', value: (r) => r.creditHours },
      { header: 'Prepaid credit (£)', kind: 'pence', value: (r) => r.creditPence },
      { header: 'Cannot be paid because', kind: 'text', value: (r) => r.flag?.reason ?? null, width: 60 },
    ],
    count: () => instructorSums(sqlite, query).count,
    rows,
  });
  return startExport(ctx, {
    title: `Export instructors (${format.toUpperCase()})`,
    baseName: `lplate-instructors-${londonDate(ctx.clock.now())}`,
    format,
    sheets: [instructors],
    audit: {
      entityType: 'export',
      entityId: 'instructors',
      details: { list: 'instructors', filters: query },
    },
  });
}
