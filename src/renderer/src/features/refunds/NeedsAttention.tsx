// The Overview's "needs attention" list for refunds and disputes: requests awaiting a decision and disputes whose
// evidence is due within 3 days, each linking to the Refunds page. Says nothing when nothing needs a person.
import { useQueryMethod } from '../../lib/api';

export function NeedsAttention() {
  const attention = useQueryMethod('refunds.attention', {});
  const a = attention.data;
  if (!a || (a.awaitingDecision === 0 && a.disputesDueSoon === 0)) return null;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <section className="panel panel--padded attention" aria-label="Needs attention">
      <h2 className="section-title">Needs attention</h2>
      <ul className="plain-list">
        {a.awaitingDecision > 0 ? (
          <li>
            <a href="#/refunds">
              {plural(a.awaitingDecision, 'refund request awaits', 'refund requests await')} a decision
            </a>
          </li>
        ) : null}
        {a.disputesDueSoon > 0 ? (
          <li>
            <a href="#/refunds" className="attention__urgent">
              {plural(a.disputesDueSoon, 'dispute needs its', 'disputes need their')} evidence within 3 days
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
