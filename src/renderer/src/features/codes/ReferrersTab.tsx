// The referrers' league table: who brought the most learners, uses and revenue through their referral codes, sorted
// in SQL; the whole table (not just the page) as a CSV file made by main.
import { useMemo } from 'react';
import type { ReferrerRow } from '@shared/contract/codes';
import { REFERRER_SORTS } from '@shared/contract/codes';
import { apiErrorOf, useInvoke, useQueryMethod } from '../../lib/api';
import { useCsvExport } from '../../lib/use-csv-export';
import { formatCount } from '../../lib/format';
import { readPage, readSort, writeSort, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { DataTable, Money, SearchBox, type DataColumn } from '../../components/ui';

const PAGE_SIZE = 50;

export const referrerColumns: DataColumn<ReferrerRow>[] = [
  {
    id: 'referrer',
    header: 'Referrer',
    cell: (r) => (
      <span className="person-cell">
        <span>{r.referrer.name}</span> <span className="muted">{r.referrer.email}</span>
      </span>
    ),
  },
  {
    id: 'codes',
    header: 'Codes',
    width: 200,
    // The referral codes tab lists each with its referrer.
    hideBelow: 900,
    cell: (r) => (
      <span className="code-list" title={r.codes.join(', ')}>
        {r.codes.join(', ')}
      </span>
    ),
  },
  {
    id: 'learners',
    header: 'Referred learners',
    sortKey: 'learners',
    align: 'right',
    // A sortable header also holds its arrow.
    width: 170,
    cell: (r) => formatCount(r.referredLearners),
  },
  {
    id: 'uses',
    header: 'Uses',
    sortKey: 'uses',
    align: 'right',
    width: 100,
    cell: (r) => formatCount(r.uses),
  },
  {
    id: 'revenue',
    header: 'Revenue',
    sortKey: 'revenue',
    align: 'right',
    width: 130,
    cell: (r) => <Money pence={r.revenuePence} />,
  },
  {
    id: 'discount',
    header: 'Discount given',
    align: 'right',
    width: 130,
    cell: (r) => <Money pence={r.discountPence} />,
  },
];

export function ReferrersTab() {
  const [params, setParams] = useRouteParams();
  const page = readPage(params);
  const sort = readSort(params, REFERRER_SORTS, { column: 'learners', direction: 'desc' });
  const q = params.get('q') ?? '';
  const input = useMemo(() => ({ page, pageSize: PAGE_SIZE, sort, ...(q ? { q } : {}) }), [page, sort, q]);
  const list = useQueryMethod('codes.referrers', input, { placeholderData: (prev) => prev });
  const { search } = useFilterSetters(setParams);
  const invoke = useInvoke();
  const csv = useCsvExport('the referrers', () => invoke('codes.referrersCsv', { sort: sort.column }));

  return (
    <>
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox value={q} onSearch={search} label="Search referrers" placeholder="Name or email" />
        {q ? (
          <button
            type="button"
            className="link-button"
            onClick={() => setParams({ q: undefined, page: undefined })}
          >
            Clear all
          </button>
        ) : null}
        <span className="chips__spacer" />
        <button
          type="button"
          className="button button--small"
          onClick={() => void csv.run()}
          disabled={csv.exporting || list.data?.total === 0}
          title="Every referrer, in the order shown, as a CSV file"
        >
          {csv.exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <DataTable
        label="Referrers"
        columns={referrerColumns}
        rows={list.data?.rows}
        getRowId={(r) => r.referrer.id}
        total={list.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(p) => setParams({ page: String(p) })}
        sort={sort}
        onSortChange={(s) => setParams({ sort: writeSort(s), page: undefined })}
        loading={list.isFetching}
        error={list.isError ? apiErrorOf(list.error) : null}
        onRetry={() => void list.refetch()}
        emptyTitle={q ? 'No referrers match this search' : 'No referrers yet'}
        emptyMessage={
          q
            ? 'Clear the search to see every referrer.'
            : 'Referrers appear once a referral code names them. Create a referral code on the Referral codes tab.'
        }
      />
    </>
  );
}
