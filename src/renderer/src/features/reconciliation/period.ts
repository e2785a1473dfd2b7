// The period on the Reconciliation page, kept in the route (`kind`, `from`, `to`): snapped to its kind, last month
// by default.
import type { PeriodKind, ReconPeriod } from '@shared/contract/recon';
import { PERIOD_KINDS } from '@shared/contract/recon';
import { addDays, isRealDate, weekday } from '@shared/dates';

const monthEnd = (first: string) => addDays(`${addDays(`${first.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

/** The period of `kind` containing `day` (custom keeps `to` as given, or the same day). */
export function snap(kind: PeriodKind, day: string, to?: string): ReconPeriod {
  switch (kind) {
    case 'day':
      return { kind, from: day, to: day };
    case 'week': {
      const monday = addDays(day, -((weekday(day) + 6) % 7));
      return { kind, from: monday, to: addDays(monday, 6) };
    }
    case 'month': {
      const first = `${day.slice(0, 7)}-01`;
      return { kind, from: first, to: monthEnd(first) };
    }
    case 'custom':
      return { kind, from: day, to: to && to >= day ? to : day };
  }
}

export function lastMonth(today: string): ReconPeriod {
  return snap('month', addDays(`${today.slice(0, 7)}-01`, -1));
}

export function periodFromParams(params: URLSearchParams, today: string): ReconPeriod {
  const kind = params.get('kind') as PeriodKind | null;
  const from = params.get('from') ?? '';
  if (!kind || !PERIOD_KINDS.includes(kind) || !isRealDate(from)) return lastMonth(today);
  const to = params.get('to') ?? undefined;
  return snap(kind, from, to && isRealDate(to) ? to : undefined);
}

/** The same kind of period before or after (a custom period moves by its length). */
export function shift(p: ReconPeriod, direction: 1 | -1): ReconPeriod {
  if (p.kind === 'month') return snap('month', direction === 1 ? addDays(p.to, 1) : addDays(p.from, -1));
  const days =
    Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
  return { ...p, from: addDays(p.from, direction * days), to: addDays(p.to, direction * days) };
}
