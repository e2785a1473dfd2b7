// The total of a list's filtered set, not its page: how many rows match and what their amounts add up to.
import type { ReactNode } from 'react';
import { formatCount } from '../../lib/format';
import { Money } from './Money';

export interface ListTotalsProps {
  /** What a row is, singular and plural: ['payment', 'payments']. */
  noun: readonly [string, string];
  /**
   * Undefined while loading. `capped`: more rows match than were added up (a broad search), so the count is a lower
   * bound and no sums are shown.
   */
  totals: { count: number; capped?: true } | undefined;
  /** Each sum shown as money, or by `show` (a payable that may not be known). */
  sums?: { label: string; pence: number | undefined; show?: (pence: number) => ReactNode }[];
}

export function ListTotals({ noun, totals, sums = [] }: ListTotalsProps) {
  return (
    <p className="list-totals" aria-live="polite" data-testid="list-totals">
      {totals ? (
        <>
          <strong>
            {totals.capped ? 'At least ' : ''}
            {formatCount(totals.count)} {totals.count === 1 ? noun[0] : noun[1]}
          </strong>
          {totals.capped ? (
            <span className="muted">
              match this search, too many to add up here: narrow it, or export them for the totals.
            </span>
          ) : null}
          {sums.map((s) =>
            s.pence === undefined ? null : (
              <span key={s.label} className="list-totals__sum">
                {s.label} {s.show ? s.show(s.pence) : <Money pence={s.pence} inline />}
              </span>
            ),
          )}
        </>
      ) : (
        <span className="muted">Adding up…</span>
      )}
    </p>
  );
}
