// The calendar of an overview period in Europe/London: the period, the one before it, and the days its sparkline covers.
import type { OverviewPeriod } from '../../shared/contract/overview';
import { addDays, weekday } from '../../shared/dates';

export interface PeriodCalendar {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  /** London days of the sparkline, oldest first, ending today. */
  days: string[];
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function lastDayOfMonth(firstOfMonth: string): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Weeks start on Monday; "today" shows the last seven days in its sparkline so the line has a shape. */
export function periodCalendar(period: OverviewPeriod, today: string): PeriodCalendar {
  switch (period) {
    case 'today':
      return {
        range: { from: today, to: today },
        previousRange: { from: addDays(today, -1), to: addDays(today, -1) },
        days: daysBetween(addDays(today, -6), today),
      };
    case 'week': {
      const monday = addDays(today, -((weekday(today) + 6) % 7));
      return {
        range: { from: monday, to: addDays(monday, 6) },
        previousRange: { from: addDays(monday, -7), to: addDays(monday, -1) },
        days: daysBetween(monday, today),
      };
    }
    case 'month': {
      const first = `${today.slice(0, 7)}-01`;
      const previousFirst = `${addDays(first, -1).slice(0, 7)}-01`;
      return {
        range: { from: first, to: lastDayOfMonth(first) },
        previousRange: { from: previousFirst, to: addDays(first, -1) },
        days: daysBetween(first, today),
      };
    }
  }
}
