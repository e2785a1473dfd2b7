// Next Friday's payout figures for the screens beside Payouts (the Overview's totals, each instructor's amount on the
// Instructors page), taken from the preview's own functions so every screen shows the same numbers.
import type { InstructorNextFriday } from '../../shared/contract/instructors';
import type { Sqlite } from '../db/open';
import { owedOn } from './owed';
import { currentPolicy } from './policy';
import { nextFriday, previewRun } from './preview';

/** The preview's totals for the next Friday (ready, held, owed on later Fridays). */
export function nextFridayTotals(sqlite: Sqlite, now: number) {
  const preview = previewRun(sqlite, nextFriday(now));
  return { date: preview.date, totals: preview.totals, balanceWarning: preview.balanceWarning };
}

/** Each listed instructor's row of the next Friday's preview (absent: nothing owed, paid or clawed back). */
export function instructorsNextFriday(
  sqlite: Sqlite,
  now: number,
  ids: string[],
): Map<string, InstructorNextFriday> {
  const date = nextFriday(now);
  const { minimumPence } = currentPolicy(sqlite);
  const out = new Map<string, InstructorNextFriday>();
  for (const id of ids) {
    const row = owedOn(sqlite, date, minimumPence, id)[0];
    if (row)
      out.set(id, {
        date,
        owedPence: row.owedPence,
        status: row.status,
        heldReason: row.held?.reason ?? null,
      });
  }
  return out;
}
