// A London calendar-date range with presets (7 days, 30 days, this week from Monday, this month, last month, quarter, custom).
import { useEffect, useId, useRef, useState } from 'react';
import { addDays, dateError, ISO_DATE, londonDate, weekday } from '@shared/dates';
import { DateField } from './DateField';

export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

export type PresetId = '7d' | '30d' | 'week' | 'month' | 'lastMonth' | 'quarter';

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'week', label: 'This week' },
  { id: 'month', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'quarter', label: 'This quarter' },
];

const pad = (n: number) => String(n).padStart(2, '0');

function endOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The range of a preset relative to `today` (YYYY-MM-DD in London). Weeks start on Monday. */
export function presetRange(id: PresetId, today: string): Required<DateRange> {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (id) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'week':
      return { from: addDays(today, -((weekday(today) + 6) % 7)), to: today };
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: today };
    case 'lastMonth': {
      const ly = m === 1 ? y - 1 : y;
      const lm = m === 1 ? 12 : m - 1;
      return { from: `${ly}-${pad(lm)}-01`, to: endOfMonth(ly, lm) };
    }
    case 'quarter': {
      const qm = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(qm)}-01`, to: today };
    }
  }
}

const short = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const long = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const fmt = (d: string, withYear: boolean) => (withYear ? long : short).format(new Date(`${d}T00:00:00Z`));

export function describeRange(range: DateRange): string {
  const { from, to } = range;
  if (from && to) return `${fmt(from, from.slice(0, 4) !== to.slice(0, 4))} – ${fmt(to, true)}`;
  if (from) return `From ${fmt(from, true)}`;
  if (to) return `Until ${fmt(to, true)}`;
  return 'Any date';
}

/** Whether a custom range runs backwards (both ends real days, the start after the end). */
const backwards = ({ from, to }: DateRange) =>
  Boolean(from && to && ISO_DATE.test(from) && ISO_DATE.test(to) && from > to);

/** A custom range is applied only when each end is blank or a real day (the start not after today) in order. */
const applicable = (range: DateRange, today: string) =>
  !dateError(range.from ?? '', { max: today }) && !dateError(range.to ?? '') && !backwards(range);

export interface DateRangePickerProps {
  value: DateRange;
  onChange: (range: DateRange) => void;
  label?: string;
  /** Injectable for tests; defaults to today's London date. */
  today?: string;
}

export function DateRangePicker({ value, onChange, label = 'Date range', today }: DateRangePickerProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<DateRange>(value);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const now = today ?? londonDate(Date.now());
  const active = Boolean(value.from || value.to);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    rootRef.current?.addEventListener('keydown', onKey);
    const root = rootRef.current;
    return () => {
      document.removeEventListener('mousedown', onDown);
      root?.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const apply = (range: DateRange) => {
    onChange(range);
    setOpen(false);
  };

  return (
    <div className="popover-root" ref={rootRef}>
      <button
        type="button"
        className={`chip${active ? ' chip--active' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setDraft(value);
          setOpen((o) => !o);
        }}
      >
        <span className="chip__label">{label}</span>{' '}
        <span className="chip__value">{describeRange(value)}</span>
        <span aria-hidden="true" className="chip__caret">
          ▾
        </span>
      </button>
      {open ? (
        <div className="popover daterange" id={panelId} role="dialog" aria-label={label}>
          <ul className="daterange__presets">
            {PRESETS.map((p) => (
              <li key={p.id}>
                <button type="button" className="menu-item" onClick={() => apply(presetRange(p.id, now))}>
                  {p.label}
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="menu-item" onClick={() => apply({})}>
                Any date
              </button>
            </li>
          </ul>
          <form
            className="daterange__custom"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!applicable(draft, now)) return;
              apply(draft);
            }}
          >
            <div className="daterange__title">Custom</div>
            <DateField
              label="From"
              value={draft.from ?? ''}
              max={now}
              onChange={(from) => setDraft({ ...draft, from: from || undefined })}
            />
            <DateField
              label="To"
              value={draft.to ?? ''}
              onChange={(to) => setDraft({ ...draft, to: to || undefined })}
            />
            {backwards(draft) ? <div className="field__error">The start is after the end.</div> : null}
            <button type="submit" className="button button--primary">
              Apply
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
