// Finding the payment a refund is for, from the Refunds page: a search over payments (learner, email or pi_… id)
// listing the paid ones that match, each picked with one click.
import { useState } from 'react';
import { formatInstant } from '@shared/dates';
import { useQueryMethod } from '../../lib/api';
import { Money, SearchBox } from '../../components/ui';

export function PaymentPicker({ onPick }: { onPick: (paymentId: string) => void }) {
  const [q, setQ] = useState<string | undefined>(undefined);
  const list = useQueryMethod(
    'payments.list',
    { q: q ?? '', pageSize: 8, sort: { column: 'created_at', direction: 'desc' } },
    { enabled: Boolean(q) },
  );
  const rows = (list.data?.rows ?? []).filter(
    (p) => p.status === 'succeeded' || p.status === 'partially_refunded',
  );
  return (
    <div className="payment-picker">
      <SearchBox
        value={q ?? ''}
        onSearch={setQ}
        label="Find the payment"
        placeholder="Learner, email or pi_… id"
      />
      {q && list.data && rows.length === 0 ? (
        <p className="muted">No paid payment matches “{q}”.</p>
      ) : (
        <ul className="plain-list" aria-label="Matching payments">
          {rows.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="button button--ghost payment-picker__row"
                onClick={() => onPick(p.id)}
              >
                <span>
                  {p.learner.name} → {p.instructor.name} · {p.hours} h
                </span>
                <span className="muted">{formatInstant(p.createdAt)}</span>
                <Money pence={p.totalPence} inline />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
