// One KPI: its value in pounds, the change against the previous period in words and figures, and its sparkline.
import type { ReactNode } from 'react';
import type { Kpi } from '@shared/contract/overview';
import { divRoundHalfUp, formatPence } from '@shared/money';
import { Badge, Money } from '../../components/ui';
import { Sparkline } from './Sparkline';

/** "+£120.00 (+12.5%) vs last week"; the percentage in integer tenths, none when the previous value was zero. */
export function describeChange(kpi: Kpi, previousLabel: string): string {
  const delta = kpi.valuePence - kpi.previousPence;
  if (delta === 0) return `No change vs ${previousLabel}`;
  const sign = delta > 0 ? '+' : '\u2212';
  const amount = `${sign}${formatPence(Math.abs(delta))}`;
  if (kpi.previousPence === 0) return `${amount} vs ${previousLabel} (was £0.00)`;
  const tenths = divRoundHalfUp(Math.abs(delta) * 1000, Math.abs(kpi.previousPence));
  return `${amount} (${sign}${Math.floor(tenths / 10)}.${tenths % 10}%) vs ${previousLabel}`;
}

export function KpiCard({
  kpi,
  label,
  hint,
  colour,
  previousLabel,
  incomplete = false,
  children,
}: {
  kpi: Kpi;
  label: string;
  hint: string;
  colour: string;
  previousLabel: string;
  /** The figure rests on lesson completions that are missing or stale: marked, and never shown below zero. */
  incomplete?: boolean;
  children?: ReactNode;
}) {
  const delta = kpi.valuePence - kpi.previousPence;
  return (
    <article className="kpi" aria-label={label} data-kpi={kpi.key}>
      <header className="kpi__header">
        <span className="kpi__swatch" style={{ background: colour }} aria-hidden="true" />
        <h2 className="kpi__label" title={hint}>
          {label}
        </h2>
        {incomplete ? (
          <Badge tone="amber" title="Lesson completions are missing or stale: see the note above.">
            Incomplete
          </Badge>
        ) : null}
      </header>
      <div className="kpi__value" data-testid={`kpi-${kpi.key}`}>
        {incomplete && kpi.valuePence < 0 ? (
          <span className="muted" title="Transfers arrived without the lessons that earned them.">
            Not known yet
          </span>
        ) : (
          <Money pence={kpi.valuePence} inline />
        )}
      </div>
      <div className={`kpi__change kpi__change--${delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat'}`}>
        <span aria-hidden="true">{delta > 0 ? '↑' : delta < 0 ? '↓' : '→'}</span>{' '}
        {describeChange(kpi, previousLabel)}
      </div>
      {children}
      <Sparkline points={kpi.series} colour={colour} label={label} />
    </article>
  );
}
