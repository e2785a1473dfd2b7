// Picks a reconciliation period: a day, a Monday-to-Sunday week, a month or custom dates (Europe/London).
import type { PeriodKind, ReconPeriod } from '@shared/contract/recon';
import { DateField, describeRange } from '../../components/ui';
import { shift, snap } from './period';

const KINDS: { id: PeriodKind; label: string }[] = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'custom', label: 'Custom' },
];

export function PeriodPicker({
  value,
  onChange,
}: {
  value: ReconPeriod;
  onChange: (p: ReconPeriod) => void;
}) {
  return (
    <div className="period-picker" role="group" aria-label="Period">
      <div className="segmented" role="group" aria-label="Period kind">
        {KINDS.map((k) => (
          <button
            key={k.id}
            type="button"
            className="segmented__button"
            aria-pressed={k.id === value.kind}
            onClick={() => onChange(snap(k.id, value.from, value.to))}
          >
            {k.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button"
        aria-label="Previous period"
        onClick={() => onChange(shift(value, -1))}
      >
        ‹
      </button>
      {value.kind === 'month' ? (
        <input
          className="input"
          type="month"
          aria-label="Month"
          value={value.from.slice(0, 7)}
          onChange={(e) => e.target.value && onChange(snap('month', `${e.target.value}-01`))}
        />
      ) : (
        <DateField
          inline
          label={value.kind === 'custom' ? 'From' : value.kind === 'week' ? 'A day of the week' : 'Day'}
          value={value.from}
          onCommit={(from) => from !== value.from && onChange(snap(value.kind, from, value.to))}
        />
      )}
      {value.kind === 'custom' ? (
        <DateField
          inline
          label="To"
          value={value.to}
          min={value.from}
          onCommit={(to) => to !== value.to && onChange(snap('custom', value.from, to))}
        />
      ) : null}
      <button
        type="button"
        className="button"
        aria-label="Next period"
        onClick={() => onChange(shift(value, 1))}
      >
        ›
      </button>
      <span className="period-picker__label">{describeRange(value)}</span>
    </div>
  );
}
