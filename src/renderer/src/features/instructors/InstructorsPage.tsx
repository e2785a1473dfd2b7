// Instructors: Connect status, rate, earned / paid / owed and prepaid credits; who cannot be paid is flagged with why.
import { useMemo } from 'react';
import type { InstructorRow } from '@shared/contract/instructors';
import { formatPence } from '@shared/money';
import { useInvoke, useQueryMethod } from '../../lib/api';
import { useListExport } from '../../lib/use-list-export';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import {
  Badge,
  ChipSelect,
  DataTable,
  ListTotals,
  Money,
  SearchBox,
  type DataColumn,
} from '../../components/ui';
import { Capability, ConnectBadge, FlagMark } from './connect';
import { InstructorDrawer } from './InstructorDrawer';
import { useStripeNote } from '../sync/stripe-note';
import { CompletionsNotice, OwedMoney } from '../credits/CompletionsNotice';

const SORTS = ['name', 'owed', 'earned'] as const;
const PAGE_SIZE = 50;

const moneyColumn = (
  id: string,
  header: string,
  pick: (r: InstructorRow) => number,
  sortKey?: string,
): DataColumn<InstructorRow> => ({
  id,
  header,
  align: 'right',
  width: 100,
  ...(sortKey ? { sortKey } : {}),
  cell: (r) => <Money pence={pick(r)} />,
});

export const instructorColumns: DataColumn<InstructorRow>[] = [
  {
    id: 'name',
    header: 'Instructor',
    sortKey: 'name',
    sortDescFirst: false,
    cell: (r) => (
      <span className="name-cell">
        <span>{r.name}</span>
        <FlagMark flag={r.flag} />
      </span>
    ),
  },
  {
    id: 'connect',
    header: 'Connect',
    // Room for its longest badge ("Onboarding", 98 px in DejaVu Sans), so Next Friday keeps room for a held badge.
    width: 126,
    cell: (r) => <ConnectBadge connect={r.connect} />,
  },
  {
    id: 'charges',
    header: 'Charges',
    width: 84,
    // The Connect badge already says when either is off: a narrow table gives their room to the name.
    hideBelow: 1100,
    cell: (r) =>
      r.connect ? (
        <Capability on={r.connect.chargesEnabled} label="Charges" />
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: 'payouts',
    header: 'Payouts',
    width: 84,
    hideBelow: 1100,
    cell: (r) =>
      r.connect ? (
        <Capability on={r.connect.payoutsEnabled} label="Payouts" />
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: 'rate',
    header: 'Rate / h',
    align: 'right',
    width: 88,
    hideBelow: 950,
    cell: (r) => <Money pence={r.hourlyRatePence} />,
  },
  moneyColumn('earned', 'Earned', (r) => r.earnedPence, 'earned'),
  moneyColumn('paid', 'Paid', (r) => r.paidPence),
  {
    ...moneyColumn('owed', 'Owed', (r) => r.owedPence, 'owed'),
    cell: (r) => <OwedMoney pence={r.owedPence} />,
  },
  {
    id: 'next_friday',
    header: 'Next Friday',
    align: 'right',
    width: 160,
    // The instructor's line of the payout preview (the Payouts page's own numbers): ready, or held with why.
    cell: (r) =>
      r.nextFriday ? (
        <span className="credit-cell" title={r.nextFriday.heldReason ?? undefined}>
          {r.nextFriday.status === 'held' ? <Badge tone="amber">Held</Badge> : null}{' '}
          <Money pence={r.nextFriday.owedPence} inline />
        </span>
      ) : (
        <span className="muted">—</span>
      ),
    csv: (r) =>
      r.nextFriday
        ? `${formatPence(r.nextFriday.owedPence)}${r.nextFriday.status === 'held' ? ' held' : ''}`
        : '',
  },
  {
    id: 'credits',
    header: 'Credits held',
    align: 'right',
    width: 130,
    // The instructor's drawer and the Credits page hold them too: a narrow table keeps the money owed.
    hideBelow: 950,
    cell: (r) => (
      <span className="credit-cell">
        <span className="muted">{r.creditHours} h</span> <Money pence={r.creditPence} inline />
      </span>
    ),
  },
];

export function InstructorsPage() {
  const [params, setParams] = useRouteParams();
  const stripeNote = useStripeNote('instructors');
  const page = readPage(params);
  const sort = readSort(params, SORTS, { column: 'owed', direction: 'desc' });
  const flagged = params.get('flagged');
  const q = params.get('q') ?? '';
  const openId = params.get('id');
  const filters = useMemo(
    () => ({
      ...(flagged === 'yes' ? { flagged: true } : flagged === 'no' ? { flagged: false } : {}),
      ...(q ? { q } : {}),
    }),
    [flagged, q],
  );
  const input = useMemo(() => ({ page, pageSize: PAGE_SIZE, sort, ...filters }), [page, sort, filters]);
  const list = useQueryMethod('instructors.list', input, { placeholderData: (prev) => prev });
  const totals = useQueryMethod('instructors.totals', filters, { placeholderData: (prev) => prev });
  const invoke = useInvoke();
  const exportAll = useListExport('the instructors', (format) =>
    invoke('instructors.export', { ...filters, sort, format }),
  );
  const selected = list.data?.rows.find((r) => r.id === openId) ?? null;
  const anyFilter = Boolean(flagged || q);
  const { search } = useFilterSetters(setParams);

  return (
    <div className="page">
      <PageHeader
        title="Instructors"
        description="Connect status, earnings and the prepaid hours learners hold with each instructor."
      />
      <CompletionsNotice what="Earned, owed and credits held are" />
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox value={q} onSearch={search} label="Search instructors" placeholder="Name or email" />
        <ChipSelect
          label="Payable"
          value={flagged === 'yes' || flagged === 'no' ? flagged : ''}
          onChange={(v) => setParams({ flagged: v || undefined, page: undefined })}
          options={[
            { value: 'yes', label: 'cannot be paid' },
            { value: 'no', label: 'can be paid' },
          ]}
        />
        {anyFilter ? (
          <button
            type="button"
            className="link-button"
            onClick={() => setParams({ flagged: undefined, q: undefined, page: undefined })}
          >
            Clear all
          </button>
        ) : null}
      </div>
      <ListTotals
        noun={['instructor', 'instructors']}
        totals={totals.data}
        sums={[
          { label: 'Earned', pence: totals.data?.earnedPence },
          { label: 'Paid', pence: totals.data?.paidPence },
          { label: 'Owed', pence: totals.data?.owedPence, show: (p) => <OwedMoney pence={p} /> },
        ]}
      />
      <DataTable
        label="Instructors"
        columns={instructorColumns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams })}
        emptyTitle={anyFilter ? 'No instructors match these filters' : 'No instructors yet'}
        emptyMessage={anyFilter ? 'Clear a filter to see every instructor.' : stripeNote}
        exportAll={exportAll}
      />
      <InstructorDrawer instructor={selected} onClose={() => setParams({ id: undefined })} />
    </div>
  );
}
