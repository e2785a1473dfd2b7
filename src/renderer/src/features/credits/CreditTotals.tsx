// The Credits page's totals over every pair the filters match: hours purchased, used, refunded, remaining and the
// liability, for the whole marketplace or the chosen instructor; for a broad search, at least how many pairs match.
import type { CreditsPage } from '@shared/contract/credits';
import { Money, Skeleton } from '../../components/ui';
import { formatCount } from '../../lib/format';

const hours = (n: number) => `${n.toLocaleString('en-GB')} h`;

export function CreditTotals({
  totals,
  scope,
}: {
  totals: CreditsPage['totals'] | undefined;
  scope: string | null;
}) {
  const label = scope ? `Totals for ${scope}` : 'Totals';
  if (!totals)
    return (
      <section className="credit-totals" aria-label={label} aria-busy="true">
        <Skeleton lines={2} />
      </section>
    );
  if ('capped' in totals)
    return (
      <section className="credit-totals" aria-label={label}>
        <p className="credit-totals__capped">
          <strong>At least {formatCount(totals.pairs)} pairs</strong>{' '}
          <span className="muted">
            match this search, too many to add up here: narrow it to see their hours and liability.
          </span>
        </p>
      </section>
    );
  const figures: [string, string][] = [
    ['Purchased', hours(totals.hoursPurchased)],
    ['Used', hours(totals.hoursUsed)],
    ['Refunded', hours(totals.hoursRefunded)],
    ['Remaining', hours(totals.hoursRemaining)],
  ];
  return (
    <section className="credit-totals" aria-label={label}>
      <div className="credit-totals__item credit-totals__item--main">
        <span className="credit-totals__label">
          Liability{scope ? ` · ${scope}` : ''} · {totals.pairs} {totals.pairs === 1 ? 'pair' : 'pairs'}
        </span>
        <Money pence={totals.liabilityPence} className="credit-totals__value" />
      </div>
      {figures.map(([name, value]) => (
        <div key={name} className="credit-totals__item">
          <span className="credit-totals__label">{name}</span>
          <span className="credit-totals__value">{value}</span>
        </div>
      ))}
    </section>
  );
}
