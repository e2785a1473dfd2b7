// Unattributed: every Stripe object kept without the marketplace's metadata, with its amount and Stripe link, for
// finance to attribute or mark as not marketplace money; the Resolved tab lists what was decided, by whom and why.
import { useMemo } from 'react';
import type { Role } from '@shared/contract';
import type { UnattributedItem } from '@shared/contract/unattributed';
import { formatPence } from '@shared/money';
import { useQueryMethod } from '../../lib/api';
import { readPage, routedTableProps } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import { DataTable, DateTime, Id, Money, Tabs, type DataColumn } from '../../components/ui';
import { decisionText, kindLabel } from './labels';
import { UnattributedDrawer } from './UnattributedDrawer';

type State = 'open' | 'resolved';
const TABS: { id: State; label: string }[] = [
  { id: 'open', label: 'To resolve' },
  { id: 'resolved', label: 'Resolved' },
];
const PAGE_SIZE = 50;
const SORT = { column: 'created', direction: 'desc' } as const;

const common: DataColumn<UnattributedItem>[] = [
  {
    id: 'created',
    header: 'Created',
    width: 150,
    cell: (r) => <DateTime ms={r.created} />,
    csv: (r) => new Date(r.created).toISOString(),
  },
  { id: 'kind', header: 'Kind', width: 130, cell: (r) => kindLabel(r.objectType), csv: (r) => r.objectType },
  {
    id: 'object',
    header: 'Stripe object',
    width: 190,
    cell: (r) => <Id value={r.id} href={r.stripeUrl} label="Stripe id" />,
    csv: (r) => r.id,
  },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    width: 100,
    cell: (r) =>
      r.amountPence === null ? <span className="muted">—</span> : <Money pence={r.amountPence} />,
    csv: (r) => (r.amountPence === null ? '' : formatPence(r.amountPence)),
  },
];

export const openColumns: DataColumn<UnattributedItem>[] = [
  ...common,
  {
    id: 'why',
    header: 'Why it is here',
    cell: (r) => (
      <span className="truncate" title={r.message}>
        {r.message}
      </span>
    ),
    csv: (r) => r.message,
  },
];

export const resolvedColumns: DataColumn<UnattributedItem>[] = [
  ...common,
  {
    id: 'decision',
    header: 'Decision',
    cell: (r) => {
      const text = r.decision ? decisionText(r.decision) : '';
      return (
        <span className="truncate" title={`${text} — ${r.decision?.note ?? ''}`}>
          {text}
        </span>
      );
    },
    csv: (r) => (r.decision ? decisionText(r.decision) : ''),
  },
  {
    id: 'by',
    header: 'By',
    width: 140,
    // The drawer says who decided and when: a narrow table gives the decision its room.
    hideBelow: 900,
    cell: (r) => (
      <span className="truncate" title={r.decision?.decidedBy}>
        {r.decision?.decidedBy}
      </span>
    ),
    csv: (r) => r.decision?.decidedBy ?? '',
  },
];

export function UnattributedPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const state: State = params.get('state') === 'resolved' ? 'resolved' : 'open';
  const page = readPage(params);
  const openId = params.get('id');
  const input = useMemo(() => ({ state, page, pageSize: PAGE_SIZE }), [state, page]);
  const list = useQueryMethod('unattributed.list', input, { placeholderData: (prev) => prev });
  const selected = list.data?.rows.find((r) => r.id === openId) ?? null;

  return (
    <div className="page">
      <PageHeader
        title="Unattributed"
        description="Money Stripe moved without the marketplace’s metadata. Attribute it to the people it belongs to, or mark it as not marketplace money, so the ledger and every screen agree."
      />
      <Tabs
        label="Unattributed objects"
        tabs={TABS}
        current={state}
        onChange={(id) =>
          setParams({ state: id === 'open' ? undefined : id, page: undefined, id: undefined })
        }
      />
      <DataTable
        key={state}
        label={state === 'open' ? 'Objects to resolve' : 'Resolved objects'}
        columns={state === 'open' ? openColumns : resolvedColumns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort: SORT, openId, setParams })}
        onSortChange={undefined}
        emptyTitle={state === 'open' ? 'Nothing to resolve' : 'Nothing resolved yet'}
        emptyMessage={
          state === 'open'
            ? 'Every payment and transfer Stripe moved carries the marketplace’s metadata or has been resolved.'
            : 'Decisions appear here once finance attributes an object or marks it as not marketplace money.'
        }
        exportName={state === 'open' ? 'unattributed' : 'unattributed-resolved'}
      />
      <UnattributedDrawer item={selected} role={role} onClose={() => setParams({ id: undefined })} />
    </div>
  );
}
