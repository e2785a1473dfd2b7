// Refund rows as a table: the approval queue (age, amount, requester, decision buttons) and the list of every refund
// (status, who asked and decided, what went wrong) share their columns.
import { formatInstant } from '@shared/dates';
import type { RefundRow } from '@shared/contract/refunds';
import { Badge, Id, instantColumn, moneyColumn, type DataColumn } from '../../components/ui';
import { relativeTime } from '../sync/time';
import { hoursLabel, problemClass, REFUND_STATUS, reasonLabel } from './labels';

export type Decide = (row: RefundRow, decision: 'approve' | 'reject') => void;

const amount = moneyColumn<RefundRow>('amount', 'Amount', (r) => r.amountPence, { sortKey: 'amount' });
const hours: DataColumn<RefundRow> = {
  id: 'hours',
  header: 'Hours',
  align: 'right',
  width: 64,
  cell: (r) => (r.usedHours ? `${hoursLabel(r.hours)} (${r.usedHours} used)` : hoursLabel(r.hours)),
  csv: (r) => r.hours ?? '',
};
const learner: DataColumn<RefundRow> = {
  id: 'learner',
  header: 'Learner',
  cell: (r) => (
    <span title={`${r.learner.name} with ${r.instructor.name}`}>
      {r.learner.name} <span className="muted">· {r.instructor.name}</span>
    </span>
  ),
  csv: (r) => `${r.learner.name} (${r.instructor.name})`,
};
const payment: DataColumn<RefundRow> = {
  id: 'payment',
  header: 'Payment',
  width: 150,
  // The decide dialog names the payment: a narrow queue gives its room to the names.
  hideBelow: 1100,
  cell: (r) => <Id value={r.payment.paymentIntentId} label="payment intent" />,
  csv: (r) => r.payment.paymentIntentId,
};
const requester: DataColumn<RefundRow> = {
  id: 'requester',
  header: 'Requested by',
  width: 140,
  cell: (r) => r.requestedBy?.name ?? <span className="muted">Stripe Dashboard</span>,
  csv: (r) => r.requestedBy?.name ?? 'Stripe Dashboard',
};
const why: DataColumn<RefundRow> = {
  id: 'why',
  header: 'Reason',
  hideBelow: 900,
  cell: (r) => (
    <span className="refund-why" title={r.note ?? undefined}>
      {reasonLabel(r.reason)}
      {r.note ? <span className="muted"> — {r.note}</span> : null}
    </span>
  ),
  csv: (r) => `${reasonLabel(r.reason)}${r.note ? `: ${r.note}` : ''}`,
};

/** Approve or Reject, disabled with main's reason as its tooltip when the operator may not. */
function DecisionButton({
  row,
  decision,
  decide,
}: {
  row: RefundRow;
  decision: 'approve' | 'reject';
  decide: Decide;
}) {
  const refusal = row.decision?.[decision] ?? null;
  const approve = decision === 'approve';
  return (
    <button
      type="button"
      className={`button button--small${approve ? ' button--primary' : ''}`}
      disabled={refusal !== null}
      title={refusal ?? (approve ? 'Approve and send to Stripe' : 'Reject with a note')}
      onClick={(e) => {
        e.stopPropagation();
        decide(row, decision);
      }}
    >
      {approve ? 'Approve' : 'Reject'}
    </button>
  );
}

export function queueColumns(now: number, decide: Decide): DataColumn<RefundRow>[] {
  return [
    {
      id: 'age',
      header: 'Waiting',
      sortKey: 'created',
      sortDescFirst: false,
      width: 104,
      cell: (r) => <span title={formatInstant(r.createdAt)}>{relativeTime(r.createdAt, now)}</span>,
      csv: (r) => formatInstant(r.createdAt),
    },
    amount,
    // The decide dialog says the hours too: a narrow queue keeps the learner and the buttons.
    { ...hours, hideBelow: 950 },
    learner,
    payment,
    requester,
    why,
    {
      id: 'decide',
      header: 'Decision',
      width: 270,
      cell: (r) => (
        <span className="row-actions">
          {r.aboveLimit ? <Badge tone="amber">Above limit</Badge> : null}
          <DecisionButton row={r} decision="approve" decide={decide} />
          <DecisionButton row={r} decision="reject" decide={decide} />
        </span>
      ),
    },
  ];
}

export const allColumns: DataColumn<RefundRow>[] = [
  instantColumn('created', 'Requested', (r) => r.createdAt, { sortKey: 'created', width: 150 }),
  amount,
  hours,
  {
    id: 'status',
    header: 'Status',
    width: 160,
    cell: (r) => (
      <span title={r.problem ?? undefined}>
        <Badge tone={REFUND_STATUS[r.status].tone}>{REFUND_STATUS[r.status].label}</Badge>
      </span>
    ),
    csv: (r) => REFUND_STATUS[r.status].label,
  },
  learner,
  requester,
  {
    id: 'decided',
    header: 'Decided by',
    width: 120,
    hideBelow: 1100,
    cell: (r) => r.decidedBy?.name ?? <span className="muted">—</span>,
    csv: (r) => r.decidedBy?.name ?? '',
  },
  {
    id: 'outcome',
    header: 'Outcome',
    width: 200,
    // A failure's words are also on the status (hover); the refund id is in the payment's drawer.
    hideBelow: 1100,
    cell: (r) =>
      r.problem ? (
        <span className={problemClass(r.status)} title={r.problem}>
          {r.problem}
        </span>
      ) : r.stripeRefundId ? (
        <Id value={r.stripeRefundId} label="refund" />
      ) : r.decisionNote ? (
        <span className="muted">{r.decisionNote}</span>
      ) : (
        <span className="muted">—</span>
      ),
    csv: (r) => r.problem ?? r.stripeRefundId ?? r.decisionNote ?? '',
  },
];
