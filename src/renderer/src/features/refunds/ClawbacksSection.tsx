// Clawbacks (finance, manager): money instructors owe back after a refund of used hours or a lost dispute — the
// instructor, the payment it came from, the amount, how it is recovered (reversed, earning cancelled, deduction to
// come or deducted in a run, waived) and when — with filters, and Waive on an outstanding deduction after a note.
import { useState } from 'react';
import { CLAWBACK_STATES, type ClawbackListRow, type ClawbackRecovery } from '@shared/contract/refunds';
import type { Role } from '@shared/contract';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { apiErrorOf, canAccess, useMutationMethod, useQueryMethod } from '../../lib/api';
import { buildHash } from '../../lib/router';
import {
  Badge,
  ChipSelect,
  DataTable,
  FormDialog,
  FormError,
  Id,
  instantColumn,
  moneyColumn,
  NoteField,
  SearchBox,
  useToast,
  type BadgeTone,
  type DataColumn,
} from '../../components/ui';

const PAGE_SIZE = 20;

const STATE_LABELS: Record<(typeof CLAWBACK_STATES)[number], string> = {
  outstanding: 'Outstanding',
  settled: 'Settled',
  waived: 'Waived or cancelled',
};

/** How it is recovered, in words, with the status colour. */
function recovery(c: ClawbackListRow): { label: string; tone: BadgeTone } {
  const run = c.payoutDate ? formatDay(c.payoutDate) : '';
  const words: Record<ClawbackRecovery, { label: string; tone: BadgeTone }> = {
    reversal_pending: { label: 'Transfer reversal on its way', tone: 'blue' },
    reversed: { label: 'Transfer reversed', tone: 'green' },
    earning_cancelled: { label: 'Earning cancelled', tone: 'green' },
    deduction_pending: { label: 'Deduction from the next run', tone: 'amber' },
    deduction_in_run: { label: `Deducting in the run of ${run}`, tone: 'blue' },
    deducted: { label: `Deducted in the run of ${run}`, tone: 'green' },
    waived: { label: 'Waived', tone: 'grey' },
    refund_failed: { label: 'Cancelled: the refund failed', tone: 'grey' },
  };
  return words[c.recovery];
}

export function clawbackColumns(waive: ((c: ClawbackListRow) => void) | null): DataColumn<ClawbackListRow>[] {
  return [
    // A narrow table keeps who, how much, why and how it is recovered; the export has every column.
    instantColumn('created', 'Recorded', (c) => c.createdAt, { hideBelow: 1000 }),
    {
      id: 'instructor',
      header: 'Instructor',
      width: 150,
      cell: (c) => <a href={buildHash('/instructors', { id: c.instructor.id })}>{c.instructor.name}</a>,
      csv: (c) => c.instructor.name,
    },
    moneyColumn('amount', 'Amount', (c) => c.amountPence, { width: 88 }),
    {
      id: 'source',
      header: 'From',
      cell: (c) => (
        <span className="refund-why" title={c.reason}>
          {c.source.kind === 'refund' ? 'Refund of used hours' : 'Lost dispute'}
          {c.learner ? <span className="muted"> · {c.learner.name}</span> : null}
        </span>
      ),
      csv: (c) => c.reason,
    },
    {
      id: 'payment',
      header: 'Payment',
      width: 150,
      hideBelow: 950,
      cell: (c) =>
        c.payment ? (
          <a href={buildHash('/payments', { id: c.payment.id })} title="Open the payment">
            <Id value={c.payment.paymentIntentId} label="payment intent" />
          </a>
        ) : null,
      csv: (c) => c.payment?.paymentIntentId ?? '',
    },
    {
      id: 'recovery',
      header: 'How it is recovered',
      // Room for "Deduction from the next run" uncut; a longer one ("Deducting in the run of …") shows whole on hover.
      width: 250,
      cell: (c) => {
        const r = recovery(c);
        return (
          <span title={c.note ? `${r.label}: ${c.note}` : r.label}>
            <Badge tone={r.tone}>{r.label}</Badge>
            {c.waivedBy ? <span className="muted"> by {c.waivedBy.name}</span> : null}
          </span>
        );
      },
      csv: (c) => `${recovery(c).label}${c.waivedBy ? ` by ${c.waivedBy.name}` : ''}`,
    },
    {
      id: 'transfer',
      header: 'Transfer',
      width: 150,
      hideBelow: 1320,
      cell: (c) =>
        c.transferId ? <Id value={c.transferId} label="transfer" /> : <span className="muted">—</span>,
      csv: (c) => c.transferId ?? '',
    },
    instantColumn('settled', 'Settled', (c) => c.settledAt, { hideBelow: 1320 }),
    {
      id: 'actions',
      header: '',
      width: 80,
      cell: (c) =>
        waive ? (
          <button
            type="button"
            className="button button--small"
            disabled={c.waiveRefusal !== null}
            title={c.waiveRefusal ?? `Waive ${formatPence(c.amountPence)}: not deducted from the next run`}
            onClick={() => waive(c)}
          >
            Waive
          </button>
        ) : null,
      csv: () => '',
    },
  ];
}

export function ClawbacksSection({ role }: { role: Role }) {
  const [page, setPage] = useState(1);
  const [state, setState] = useState('');
  const [q, setQ] = useState('');
  const [waiving, setWaiving] = useState<ClawbackListRow | null>(null);
  const list = useQueryMethod(
    'clawbacks.list',
    {
      page,
      pageSize: PAGE_SIZE,
      sort: { column: 'created', direction: 'desc' },
      ...(state ? { state: state as (typeof CLAWBACK_STATES)[number] } : {}),
      ...(q ? { q } : {}),
    },
    { placeholderData: (prev) => prev },
  );
  if (!canAccess('clawbacks.list', role)) return null;
  const filtered = Boolean(state || q);
  return (
    <section aria-labelledby="clawbacks-title" className="page-section">
      <h2 id="clawbacks-title" className="section-title">
        Clawbacks <span className="muted">({list.data?.total ?? 0})</span>
      </h2>
      <div className="chips" role="group" aria-label="Clawback filters">
        <SearchBox
          value={q}
          onSearch={(v) => {
            setQ(v ?? '');
            setPage(1);
          }}
          label="Search clawbacks"
          placeholder="Instructor, learner, pi_… or tr_… id"
        />
        <ChipSelect
          label="State"
          value={state}
          onChange={(v) => {
            setState(v ?? '');
            setPage(1);
          }}
          options={CLAWBACK_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
        />
      </div>
      <DataTable
        label="Clawbacks"
        columns={clawbackColumns(canAccess('clawbacks.waive', role) ? setWaiving : null)}
        rows={list.data?.rows}
        getRowId={(c) => c.id}
        total={list.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={setPage}
        loading={list.isFetching}
        keyboard={false}
        emptyTitle={filtered ? 'No clawbacks match these filters' : 'No clawbacks'}
        emptyMessage={
          filtered
            ? 'Clear a filter.'
            : 'Refunding hours already used in lessons, or clawing back a lost dispute, takes the instructor’s share back: it is listed here.'
        }
        exportName="clawbacks"
      />
      {waiving ? <WaiveDialog clawback={waiving} onClose={() => setWaiving(null)} /> : null}
    </section>
  );
}

function WaiveDialog({ clawback, onClose }: { clawback: ClawbackListRow; onClose: () => void }) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const waive = useMutationMethod('clawbacks.waive', {
    onSuccess: () => {
      toast(`Clawback of ${formatPence(clawback.amountPence)} waived.`);
      onClose();
    },
  });
  const amount = formatPence(clawback.amountPence);
  return (
    <FormDialog
      id="waive-clawback-form"
      title="Waive this clawback?"
      confirmLabel={`Waive ${amount}`}
      danger
      pending={waive.isPending}
      onSubmit={() => {
        setTried(true);
        if (note.trim()) waive.mutate({ clawbackId: clawback.id, note: note.trim() });
      }}
      onClose={onClose}
    >
      <p className="confirm__effect">
        {clawback.instructor.name} keeps {amount}: it is no longer deducted from their next payout run, and
        the platform bears it. This cannot be undone.
      </p>
      <p className="muted">{clawback.reason}</p>
      <NoteField
        label="Why (kept in the audit log)"
        value={note}
        onChange={setNote}
        error={tried && !note.trim() ? 'Say why the instructor keeps it.' : undefined}
      />
      <FormError message={waive.isError ? apiErrorOf(waive.error)?.message : null} />
    </FormDialog>
  );
}
