// Disputes: status, amount, reason, evidence due date and days left (red within 3 days), and for a lost one the
// finance decision on the instructor's share — claw it back or absorb it — recorded with a note.
import { useState } from 'react';
import type { DisputeRow } from '@shared/contract/disputes';
import type { Role } from '@shared/contract';
import { formatInstant } from '@shared/dates';
import { formatPence } from '@shared/money';
import { apiErrorOf, canAccess, useMutationMethod, useQueryMethod } from '../../lib/api';
import {
  Badge,
  DataTable,
  DateTime,
  FormDialog,
  FormError,
  Id,
  instantColumn,
  Money,
  moneyColumn,
  NoteField,
  useToast,
  type DataColumn,
} from '../../components/ui';
import { disputeReason } from '@shared/dispute-reasons';
import { daysLeftLabel, disputeStatus } from './labels';

const PAGE_SIZE = 20;
/** From this table width the evidence deadline has its own column; below it, an open dispute's status says it. */
const WIDE = 1250;

function statusBadge(d: DisputeRow) {
  const { tone, label } = disputeStatus(d.status);
  return <Badge tone={tone}>{label}</Badge>;
}

/** Days left to send evidence: red within 3 days, amber before. */
function DueBadge({ dispute, title }: { dispute: DisputeRow; title?: string }) {
  const daysLeft = dispute.daysLeft ?? 0;
  return (
    <Badge tone={daysLeft <= 3 ? 'red' : 'amber'} {...(title ? { title } : {})}>
      {daysLeftLabel(daysLeft)}
    </Badge>
  );
}

export function disputeColumns(decide: ((d: DisputeRow) => void) | null): DataColumn<DisputeRow>[] {
  return [
    instantColumn('created', 'Opened', (d) => d.createdAt, { width: 150, hideBelow: 950 }),
    moneyColumn('amount', 'Amount', (d) => d.amountPence),
    {
      id: 'status',
      header: 'Status',
      width: 156,
      hideBelow: WIDE,
      cell: statusBadge,
      csv: (d) => disputeStatus(d.status).label,
    },
    {
      // A narrow table has no room for the evidence column: an open dispute's status is the time left to answer it.
      id: 'status_due',
      header: 'Status',
      width: 156,
      showBelow: WIDE,
      cell: (d) => {
        if (d.evidenceDueBy === null) return statusBadge(d);
        const words = `${disputeStatus(d.status).label}; evidence due by ${formatInstant(d.evidenceDueBy)}`;
        return (
          <>
            <DueBadge dispute={d} title={words} />
            {/* The date is on hover for a mouse; a screen reader hears it with the row. */}
            <span className="visually-hidden">; {words}</span>
          </>
        );
      },
    },
    {
      id: 'reason',
      header: 'Reason',
      width: 130,
      hideBelow: 950,
      cell: (d) => disputeReason(d.reason),
      csv: (d) => d.reason,
    },
    {
      id: 'dispute',
      header: 'Dispute',
      width: 160,
      cell: (d) => <Id value={d.id} href={d.dashboardUrl} label="dispute" />,
      csv: (d) => d.id,
    },
    {
      id: 'due',
      header: 'Evidence due',
      width: 300,
      hideBelow: WIDE,
      cell: (d) =>
        d.evidenceDueBy === null ? (
          <span className="muted">—</span>
        ) : (
          <span>
            <DueBadge dispute={d} /> <DateTime ms={d.evidenceDueBy} />
          </span>
        ),
      csv: (d) => (d.evidenceDueBy === null ? '' : formatInstant(d.evidenceDueBy)),
    },
    {
      id: 'learner',
      header: 'Learner',
      cell: (d) =>
        d.learner ? (
          <span>
            {d.learner.name} <span className="muted">· {d.instructor?.name}</span>
          </span>
        ) : (
          <span className="muted">Unattributed</span>
        ),
      csv: (d) => d.learner?.name ?? '',
    },
    {
      id: 'payment',
      header: 'Payment',
      width: 150,
      // The dispute's own page names its payment: on a narrower window this column gives way to the rest.
      hideBelow: 1400,
      cell: (d) =>
        d.payment ? (
          <Id value={d.payment.paymentIntentId} href={d.payment.dashboardUrl} label="payment intent" />
        ) : null,
      csv: (d) => d.payment?.paymentIntentId ?? '',
    },
    {
      id: 'share',
      header: 'Instructor share',
      cell: (d) =>
        d.decision ? (
          <span title={d.decision.note}>
            {d.decision.decision === 'claw_back' ? 'Claw back' : 'Absorbed'}{' '}
            <Money pence={d.decision.instructorSharePence} inline />{' '}
            <span className="muted">by {d.decision.decidedBy}</span>
          </span>
        ) : d.needsDecision ? (
          decide ? (
            <button type="button" className="button button--small" onClick={() => decide(d)}>
              Decide on {formatPence(d.instructorSharePence)}
            </button>
          ) : (
            <Badge tone="amber">Finance decides</Badge>
          )
        ) : (
          <span className="muted">—</span>
        ),
      csv: (d) => d.decision?.decision ?? '',
    },
  ];
}

export function DisputesSection({ role }: { role: Role }) {
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<DisputeRow | null>(null);
  const list = useQueryMethod(
    'disputes.list',
    {
      page,
      pageSize: PAGE_SIZE,
      sort: { column: 'created', direction: 'desc' },
    },
    { placeholderData: (prev) => prev },
  );
  return (
    <section aria-labelledby="disputes-title" className="page-section">
      <h2 id="disputes-title" className="section-title">
        Disputes <span className="muted">({list.data?.total ?? 0})</span>
      </h2>
      <DataTable
        label="Disputes"
        columns={disputeColumns(canAccess('disputes.decide', role) ? setDeciding : null)}
        rows={list.data?.rows}
        getRowId={(d) => d.id}
        total={list.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={setPage}
        loading={list.isFetching}
        keyboard={false}
        emptyTitle="No disputes"
        emptyMessage="Chargebacks appear here when Stripe reports them, with the date their evidence is due."
      />
      {deciding ? <DisputeDecisionDialog dispute={deciding} onClose={() => setDeciding(null)} /> : null}
    </section>
  );
}

export function DisputeDecisionDialog({ dispute, onClose }: { dispute: DisputeRow; onClose: () => void }) {
  const toast = useToast();
  const [decision, setDecision] = useState<'claw_back' | 'absorb'>('claw_back');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutationMethod('disputes.decide', {
    onSuccess: () => {
      toast('Decision recorded.');
      onClose();
    },
  });
  const share = formatPence(dispute.instructorSharePence);
  return (
    <FormDialog
      id="dispute-decision-form"
      title="The instructor’s share of a lost dispute"
      confirmLabel={decision === 'claw_back' ? `Claw back ${share}` : `Absorb ${share}`}
      pending={decide.isPending}
      onSubmit={() => {
        setTried(true);
        if (note.trim()) decide.mutate({ disputeId: dispute.id, decision, note: note.trim() });
      }}
      onClose={onClose}
    >
      <p className="confirm__effect">
        The learner’s bank took back {formatPence(dispute.amountPence)}.{' '}
        {dispute.instructor?.name ?? 'The instructor'} earned {share} from this payment’s lessons.
      </p>
      <fieldset className="radio-group">
        <legend>Decision</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="decision"
            checked={decision === 'claw_back'}
            onChange={() => setDecision('claw_back')}
          />
          <span>
            Claw it back from the instructor (a transfer reversal in Stripe if they were paid, else their
            earning is cancelled; a reversal Stripe refuses is deducted from their next payout)
          </span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="decision"
            checked={decision === 'absorb'}
            onChange={() => setDecision('absorb')}
          />
          <span>The platform absorbs it: the instructor keeps their share</span>
        </label>
      </fieldset>
      <NoteField
        label="Why (kept in the audit log)"
        value={note}
        onChange={setNote}
        error={tried && !note.trim() ? 'Say why.' : undefined}
      />
      <FormError message={decide.isError ? apiErrorOf(decide.error)?.message : null} />
    </FormDialog>
  );
}
