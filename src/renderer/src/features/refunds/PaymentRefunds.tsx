// A payment's refunds in its drawer: requests with their status and refunds made in Stripe (one list, the Refunds
// page's), "Request a refund" for the roles that may, and the payment's disputes.
import { useState } from 'react';
import type { Role } from '@shared/contract';
import { canAccess, useQueryMethod } from '../../lib/api';
import { Badge, DateTime, DrawerSection, Id, Money } from '../../components/ui';
import { PaymentDisputes } from './PaymentDisputes';
import { RequestRefundDialog } from './RequestRefundDialog';
import { hoursLabel, problemClass, REFUND_STATUS, reasonLabel } from './labels';

export function PaymentRefunds({ paymentId, refundable }: { paymentId: string; refundable: boolean }) {
  const role = useQueryMethod('auth.status', {}).data?.operator?.role as Role | undefined;
  const [requesting, setRequesting] = useState(false);
  const list = useQueryMethod('refunds.list', {
    paymentId,
    pageSize: 100,
    sort: { column: 'created', direction: 'asc' },
  });
  const rows = list.data?.rows ?? [];
  return (
    <>
      <DrawerSection title={`Refunds (${rows.length})`}>
        {rows.length === 0 ? <p className="muted">No refunds on this payment.</p> : null}
        <ul className="plain-list">
          {rows.map((r) => (
            <li key={r.id} className="plain-list__row">
              <Money pence={r.amountPence} inline /> <span className="muted">{hoursLabel(r.hours)}</span>{' '}
              <Badge tone={REFUND_STATUS[r.status].tone}>{REFUND_STATUS[r.status].label}</Badge>{' '}
              <span className="muted">
                {reasonLabel(r.reason)} ·{' '}
                {r.requestedBy ? `asked by ${r.requestedBy.name}` : 'made in the Stripe Dashboard'}
                {r.decidedBy
                  ? `, ${r.status === 'rejected' ? 'rejected' : 'approved'} by ${r.decidedBy.name}`
                  : ''}
              </span>{' '}
              <DateTime ms={r.createdAt} />
              {r.stripeRefundId ? <Id value={r.stripeRefundId} label="refund" /> : null}
              {r.problem ? <div className={problemClass(r.status)}>{r.problem}</div> : null}
            </li>
          ))}
        </ul>
        {refundable && role && canAccess('refunds.request', role) ? (
          <button type="button" className="button" onClick={() => setRequesting(true)}>
            Request a refund
          </button>
        ) : null}
      </DrawerSection>
      {role ? <PaymentDisputes role={role} paymentId={paymentId} /> : null}
      {requesting ? <RequestRefundDialog paymentId={paymentId} onClose={() => setRequesting(false)} /> : null}
    </>
  );
}
