// The Overview's next Friday: what the payout run would pay and hold, from the same totals as the Payouts preview.
import { formatDay } from '@shared/dates';
import { useQueryMethod } from '../../lib/api';
import { Money } from '../../components/ui';

const instructors = (n: number) => `${n.toLocaleString('en-GB')} instructor${n === 1 ? '' : 's'}`;

export function NextFridayPanel() {
  const q = useQueryMethod('payouts.nextFriday', {});
  if (!q.data) return null;
  const { date, totals, balanceWarning } = q.data;
  if (totals.ready === 0 && totals.held === 0 && totals.laterPence === 0) return null;
  return (
    <section className="cards" aria-label="Next Friday’s payouts">
      <a className="card" href={`#/payouts?date=${date}`}>
        <div className="card__title">Payouts on {formatDay(date)}</div>
        <div className="card__value">
          <Money pence={totals.readyPence} inline />
        </div>
        <div className="muted">{instructors(totals.ready)} ready</div>
        {balanceWarning ? <div className="muted">Stripe’s available balance does not cover it.</div> : null}
      </a>
      <div className="card">
        <div className="card__title">Held</div>
        <div className="card__value">
          <Money pence={totals.heldPence} inline />
        </div>
        <div className="muted">{instructors(totals.held)}, carried to a later Friday</div>
      </div>
      <div className="card">
        <div className="card__title">Owed on later Fridays</div>
        <div className="card__value">
          <Money pence={totals.laterPence} inline />
        </div>
        <div className="muted">lessons too recent to pay on {formatDay(date)}</div>
      </div>
    </section>
  );
}
