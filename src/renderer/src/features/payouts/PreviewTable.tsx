// A Friday's preview: each instructor owed money, ready or held with why, transfers made outside the console flagged.
import type { PreviewRow } from '@shared/contract/payouts';
import { formatPence } from '@shared/money';
import { Badge, DataTable, Money, type DataColumn } from '../../components/ui';

export const previewColumns: DataColumn<PreviewRow>[] = [
  {
    id: 'instructor',
    header: 'Instructor',
    cell: (r) => <span title={r.instructor.email}>{r.instructor.name}</span>,
    csv: (r) => r.instructor.name,
  },
  {
    id: 'earnings',
    header: 'Earned by then',
    align: 'right',
    width: 130,
    // With what was already paid, the drawer's "How it adds up" shows it: a narrow table keeps owed and why.
    hideBelow: 900,
    cell: (r) => <Money pence={r.earningsPence} />,
    csv: (r) => formatPence(r.earningsPence),
  },
  {
    id: 'transferred',
    header: 'Already paid',
    align: 'right',
    width: 120,
    hideBelow: 900,
    cell: (r) => <Money pence={r.transferredPence} />,
    csv: (r) => formatPence(r.transferredPence),
  },
  {
    id: 'clawbacks',
    header: 'Clawbacks',
    align: 'right',
    width: 110,
    cell: (r) => <Money pence={r.clawbacksPence} />,
    csv: (r) => formatPence(r.clawbacksPence),
  },
  {
    id: 'owed',
    header: 'Owed',
    align: 'right',
    width: 120,
    cell: (r) => <Money pence={r.owedPence} />,
    csv: (r) => formatPence(r.owedPence),
  },
  {
    id: 'status',
    header: 'Status',
    width: 90,
    cell: (r) => (
      <Badge tone={r.status === 'ready' ? 'green' : 'amber'}>{r.status === 'ready' ? 'Ready' : 'Held'}</Badge>
    ),
    csv: (r) => r.status,
  },
  {
    id: 'why',
    header: 'Why held / flags',
    cell: (r) => (
      <span className="payout-why">
        {r.held?.reason}
        {r.outsideTransfers.length ? (
          <Badge
            tone="amber"
            title={r.outsideTransfers.map((t) => `${t.transferId} ${formatPence(t.amountPence)}`).join(', ')}
          >
            {r.outsideTransfers.length} paid outside the console
          </Badge>
        ) : null}
      </span>
    ),
    csv: (r) =>
      [
        r.held?.reason,
        ...r.outsideTransfers.map((t) => `outside transfer ${t.transferId} ${formatPence(t.amountPence)}`),
      ]
        .filter(Boolean)
        .join('; '),
  },
];

export function PreviewTable(props: {
  rows: PreviewRow[] | undefined;
  loading: boolean;
  date: string;
  openId: string | null;
  onOpen: (row: PreviewRow) => void;
}) {
  const rows = props.rows ?? [];
  return (
    <DataTable
      label="Payout preview"
      columns={previewColumns}
      rows={props.rows}
      getRowId={(r) => r.instructor.id}
      total={rows.length}
      page={1}
      pageSize={Math.max(rows.length, 1)}
      onPageChange={() => {}}
      onRowOpen={props.onOpen}
      openRowId={props.openId}
      loading={props.loading}
      exportName={`payout-preview-${props.date}`}
      emptyTitle="Nobody is owed anything on this Friday"
      emptyMessage="Earnings become payable on the first Friday at least seven days after the lesson."
    />
  );
}
