// Codes: discount and referral codes as Stripe has them (usage, limit, expiry, status), searchable and sortable,
// and pausing or resuming one in Stripe from its drawer.
import { useMemo } from 'react';
import type { Role } from '@shared/contract';
import type { CodeRow } from '@shared/contract/codes';
import { CODE_SORTS } from '@shared/contract/codes';
import { formatDay } from '@shared/dates';
import { useQueryMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import { ChipSelect, DataTable, SearchBox, type DataColumn } from '../../components/ui';
import { ChangeBadge, CodeStatusBadge } from './status';
import { CodeDrawer } from './CodeDrawer';

const PAGE_SIZE = 50;
const KINDS = [
  { id: 'discount', label: 'Discount codes' },
  { id: 'referral', label: 'Referral codes' },
] as const;
const STATUSES = [
  { value: 'active', label: 'active' },
  { value: 'paused', label: 'paused' },
  { value: 'expired', label: 'expired' },
  { value: 'exhausted', label: 'used up' },
];

const uses = (r: CodeRow) =>
  r.maxUses === null
    ? `${formatCount(r.usesCount)} / no limit`
    : `${formatCount(r.usesCount)} / ${formatCount(r.maxUses)}`;

function columnsFor(kind: CodeRow['kind']): DataColumn<CodeRow>[] {
  return [
    {
      id: 'code',
      header: 'Code',
      sortKey: 'code',
      sortDescFirst: false,
      cell: (r) => <code className="code-text">{r.code}</code>,
      csv: (r) => r.code,
    },
    ...(kind === 'referral'
      ? [
          {
            id: 'referrer',
            header: 'Referrer',
            cell: (r: CodeRow) => r.referrer?.name ?? <span className="muted">—</span>,
            csv: (r: CodeRow) => r.referrer?.name ?? '',
          },
        ]
      : []),
    {
      id: 'percentage',
      header: 'Off',
      sortKey: 'percentage',
      align: 'right',
      width: 72,
      cell: (r) => `${r.percentage}%`,
      csv: (r) => `${r.percentage}%`,
    },
    { id: 'uses', header: 'Uses', sortKey: 'uses', align: 'right', width: 140, cell: uses, csv: uses },
    {
      id: 'expires',
      header: 'Expires',
      sortKey: 'expires',
      width: 150,
      cell: (r) => (r.expiresOn ? formatDay(r.expiresOn) : <span className="muted">Never</span>),
      csv: (r) => r.expiresOn ?? '',
    },
    {
      id: 'status',
      header: 'Status',
      width: 220,
      cell: (r) => (
        <span className="badge-row">
          <CodeStatusBadge status={r.status} />
          <ChangeBadge change={r.change} />
        </span>
      ),
      csv: (r) => r.status,
    },
  ];
}

export function CodesPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const kind: CodeRow['kind'] = params.get('kind') === 'referral' ? 'referral' : 'discount';
  const page = readPage(params);
  const sort = readSort(params, CODE_SORTS, { column: 'created', direction: 'desc' });
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const openId = params.get('id');
  const input = useMemo(
    () => ({
      kind,
      page,
      pageSize: PAGE_SIZE,
      sort,
      ...(status ? { status: status as CodeRow['status'] } : {}),
      ...(q ? { q } : {}),
    }),
    [kind, page, sort, status, q],
  );
  const list = useQueryMethod('codes.list', input, { placeholderData: (prev) => prev });
  const selected = list.data?.rows.find((r) => r.id === openId) ?? null;
  const { filter, search } = useFilterSetters(setParams);
  const anyFilter = Boolean(status || q);
  const columns = useMemo(() => columnsFor(kind), [kind]);

  return (
    <div className="page">
      <PageHeader
        title="Codes"
        description="Discount and referral codes as Stripe has them. Pausing one stops learners using it at checkout."
      />
      <div className="tabs" role="tablist" aria-label="Kind of code">
        {KINDS.map((k) => (
          <button
            key={k.id}
            type="button"
            role="tab"
            aria-selected={kind === k.id}
            className={`tabs__tab${kind === k.id ? ' tabs__tab--current' : ''}`}
            onClick={() =>
              setParams({ kind: k.id === 'discount' ? undefined : k.id, page: undefined, id: undefined })
            }
          >
            {k.label}
          </button>
        ))}
      </div>
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox value={q} onSearch={search} label="Search codes" placeholder="Code" />
        <ChipSelect label="Status" value={status} onChange={filter('status')} options={STATUSES} />
        {anyFilter ? (
          <button
            type="button"
            className="link-button"
            onClick={() => setParams({ status: undefined, q: undefined, page: undefined })}
          >
            Clear all
          </button>
        ) : null}
      </div>
      <DataTable
        label={kind === 'discount' ? 'Discount codes' : 'Referral codes'}
        columns={columns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams })}
        emptyTitle={anyFilter ? 'No codes match these filters' : `No ${kind} codes yet`}
        emptyMessage={
          anyFilter
            ? 'Clear a filter to see every code.'
            : 'Codes appear once sync has read the promotion codes in Stripe.'
        }
        exportName={`${kind}-codes`}
      />
      <CodeDrawer code={selected} role={role} onClose={() => setParams({ id: undefined })} />
    </div>
  );
}
