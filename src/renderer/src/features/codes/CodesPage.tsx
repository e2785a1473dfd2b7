// Codes: discount and referral codes with their usage, limits, expiry, revenue, who made them and how each stands in
// Stripe (searchable, filtered and sorted in SQL); the referrers' league table; creating one code or generating a
// batch (finance and managers); a code's insight and actions in its drawer.
import { useMemo, useState, type ReactNode } from 'react';
import type { Role } from '@shared/contract';
import type { CodeKind, CodeRow } from '@shared/contract/codes';
import { CODE_SORTS } from '@shared/contract/codes';
import { formatDay, formatInstant } from '@shared/dates';
import { canAccess, useInvoke, useQueryMethod } from '../../lib/api';
import { useCsvExport } from '../../lib/use-csv-export';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import { ChipSelect, DataTable, Money, SearchBox, Tabs, type DataColumn } from '../../components/ui';
import { CodeDrawer } from './CodeDrawer';
import { GenerateCodesDialog } from './GenerateCodesDialog';
import { NewCodeDialog } from './NewCodeDialog';
import { ReferrersTab } from './ReferrersTab';
import { CodeStatusBadge, FlagsMarker, STATUS_OPTIONS, StripeStateBadge, usesText } from './status';

const PAGE_SIZE = 50;
type Tab = CodeKind | 'referrers';
const TABS: { id: Tab; label: string }[] = [
  { id: 'discount', label: 'Discount codes' },
  { id: 'referral', label: 'Referral codes' },
  { id: 'referrers', label: 'Referrers' },
];
export function codeColumns(kind: CodeKind): DataColumn<CodeRow>[] {
  return [
    {
      id: 'code',
      header: 'Code',
      sortKey: 'code',
      sortDescFirst: false,
      cell: (r) => <code className="code-text">{r.code}</code>,
    },
    ...(kind === 'referral'
      ? [
          {
            id: 'referrer',
            header: 'Referrer',
            cell: (r: CodeRow) => r.referrer?.name ?? <span className="muted">—</span>,
          },
        ]
      : []),
    {
      id: 'percentage',
      header: 'Off',
      sortKey: 'percentage',
      align: 'right',
      width: 64,
      cell: (r) => `${r.percentage}%`,
    },
    {
      id: 'uses',
      header: 'Uses / max',
      sortKey: 'uses',
      align: 'right',
      width: 112,
      cell: usesText,
    },
    {
      id: 'expires',
      header: 'Expires after',
      sortKey: 'expires',
      width: 132,
      // The drawer says when a code expires (and its status whether it has): a narrow table gives the room to names.
      hideBelow: 1000,
      cell: (r) => (r.expiresOn ? formatDay(r.expiresOn) : <span className="muted">Never</span>),
    },
    {
      id: 'status',
      header: 'Status',
      width: 112,
      cell: (r) => <CodeStatusBadge status={r.status} />,
    },
    {
      id: 'stripe',
      header: 'Stripe',
      width: 144,
      cell: (r) => <StripeStateBadge stripe={r.stripe} />,
    },
    {
      id: 'created',
      header: 'Created by',
      sortKey: 'created',
      sortLabel: 'Created',
      width: 136,
      // The drawer says who made a code and what it earned: a narrow table keeps its terms and states (and the
      // default order, newest first, still holds without the column).
      hideBelow: kind === 'referral' ? 1150 : 1000,
      cell: (r) => (
        <span
          title={`Created ${formatInstant(r.createdAt)}${r.takenOverBy ? ` in Stripe; taken over by ${r.takenOverBy}` : ''}`}
        >
          {r.createdBy ?? <span className="muted">Stripe</span>}
        </span>
      ),
    },
    {
      id: 'revenue',
      header: 'Revenue',
      align: 'right',
      width: 104,
      hideBelow: 1000,
      cell: (r) => <Money pence={r.revenuePence} />,
    },
    {
      id: 'flags',
      header: 'Flags',
      width: 64,
      cell: (r) => <FlagsMarker flags={r.flags} />,
    },
  ];
}

export function CodesPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const raw = params.get('kind');
  const tab: Tab = raw === 'referral' || raw === 'referrers' ? raw : 'discount';
  const mayCreate = canAccess('codes.create', role);
  const [dialog, setDialog] = useState<'new' | 'generate' | null>(null);

  const openJobs = () => {
    setDialog(null);
    setParams({ jobs: 'open' });
  };

  return (
    <div className="page">
      <PageHeader
        title="Codes"
        description="Discount and referral codes: what each brought in and cost, and how it stands in Stripe."
        actions={
          mayCreate ? (
            <>
              <button type="button" className="button" onClick={() => setDialog('generate')}>
                Generate codes
              </button>
              <button type="button" className="button button--primary" onClick={() => setDialog('new')}>
                New code
              </button>
            </>
          ) : null
        }
      />
      <Tabs
        label="Codes and referrers"
        tabs={TABS}
        current={tab}
        onChange={(id) =>
          setParams({
            kind: id === 'discount' ? undefined : id,
            page: undefined,
            id: undefined,
            sort: undefined,
            status: undefined,
            q: undefined,
          })
        }
      />
      {tab === 'referrers' ? (
        <ReferrersTab />
      ) : (
        <CodeList
          key={tab}
          kind={tab}
          role={role}
          emptyAction={
            mayCreate ? (
              <button type="button" className="button button--primary" onClick={() => setDialog('new')}>
                New code
              </button>
            ) : null
          }
        />
      )}
      {dialog === 'new' ? (
        <NewCodeDialog
          kind={tab === 'referral' ? 'referral' : 'discount'}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null);
            setParams({
              kind: created.kind === 'discount' ? undefined : created.kind,
              id: created.codeId,
              page: undefined,
              status: undefined,
              q: undefined,
              sort: undefined,
            });
          }}
        />
      ) : null}
      {dialog === 'generate' ? (
        <GenerateCodesDialog onClose={() => setDialog(null)} onShowJobs={openJobs} />
      ) : null}
    </div>
  );
}

function CodeList({ kind, role, emptyAction }: { kind: CodeKind; role: Role; emptyAction: ReactNode }) {
  const [params, setParams] = useRouteParams();
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
  const invoke = useInvoke();
  const csv = useCsvExport(`the ${kind} codes`, () =>
    invoke('codes.csv', {
      kind,
      sort,
      ...(status ? { status: status as CodeRow['status'] } : {}),
      ...(q ? { q } : {}),
    }),
  );
  const { filter, search } = useFilterSetters(setParams);
  const anyFilter = Boolean(status || q);
  const columns = useMemo(() => codeColumns(kind), [kind]);
  const noun = kind === 'discount' ? 'discount codes' : 'referral codes';

  return (
    <>
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox value={q} onSearch={search} label="Search codes" placeholder="Code" />
        <ChipSelect label="Status" value={status} onChange={filter('status')} options={STATUS_OPTIONS} />
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
        emptyTitle={anyFilter ? 'No codes match these filters' : `No ${noun} yet — create one`}
        exportAll={csv}
        emptyMessage={
          anyFilter ? (
            'Clear a filter to see every code.'
          ) : (
            <>
              <p>
                {kind === 'discount'
                  ? 'Discount codes give anyone a percentage off at checkout. Codes made in Stripe appear here after a sync.'
                  : 'A referral code names the person who shares it; their referred learners show on the Referrers tab.'}
              </p>
              {emptyAction}
            </>
          )
        }
      />
      {openId ? (
        <CodeDrawer key={openId} codeId={openId} role={role} onClose={() => setParams({ id: undefined })} />
      ) : null}
    </>
  );
}
