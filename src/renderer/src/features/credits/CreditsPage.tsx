// Credits: prepaid hours and liability per learner–instructor pair (filters in the route, paged and sorted in SQL),
// totals over the filtered pairs, a pair's history in the drawer, and the completions import for who may record.
import { useMemo, useState } from 'react';
import type { InputOf, Role } from '@shared/contract';
import { CREDIT_SORTS, type CreditRow } from '@shared/contract/credits';
import { isUuid } from '@shared/ids';
import { formatInstant } from '@shared/dates';
import { formatPence } from '@shared/money';
import { canAccess, useQueryMethod } from '../../lib/api';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { ClearFilters } from '../../lib/ClearFilters';
import { PageHeader } from '../../app/PageHeader';
import { ChipSelect, DataTable, DateTime, Money, SearchBox, type DataColumn } from '../../components/ui';
import { CreditDrawer } from './CreditDrawer';
import { CreditTotals } from './CreditTotals';
import { ImportDialog } from './ImportDialog';
import { CompletionsNotice } from './CompletionsNotice';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'instructor', 'state'] as const;

const hoursColumn = (
  id: string,
  header: string,
  pick: (r: CreditRow) => number,
  { sortKey, hideBelow }: { sortKey?: string; hideBelow?: number } = {},
): DataColumn<CreditRow> => ({
  id,
  header,
  align: 'right',
  ...(hideBelow ? { hideBelow } : {}),
  // A sortable header also holds its arrow.
  width: sortKey ? 116 : 96,
  ...(sortKey ? { sortKey } : {}),
  cell: (r) => <span className="num">{pick(r)} h</span>,
  csv: (r) => String(pick(r)),
});

export const creditColumns: DataColumn<CreditRow>[] = [
  {
    id: 'learner',
    header: 'Learner',
    sortKey: 'learner',
    sortDescFirst: false,
    cell: (r) => <span title={r.learner.email}>{r.learner.name}</span>,
    csv: (r) => `${r.learner.name} <${r.learner.email}>`,
  },
  {
    id: 'instructor',
    header: 'Instructor',
    sortKey: 'instructor',
    sortDescFirst: false,
    cell: (r) => r.instructor.name,
    csv: (r) => r.instructor.name,
  },
  // A narrow table keeps what is left and what it is worth; the drawer adds up how it came to that.
  hoursColumn('purchased', 'Purchased', (r) => r.hoursPurchased, { hideBelow: 950 }),
  hoursColumn('used', 'Used', (r) => r.hoursUsed, { hideBelow: 950 }),
  hoursColumn('refunded', 'Refunded', (r) => r.hoursRefunded, { hideBelow: 950 }),
  hoursColumn('remaining', 'Remaining', (r) => r.hoursRemaining, { sortKey: 'remaining' }),
  {
    id: 'liability',
    header: 'Liability',
    align: 'right',
    width: 112,
    sortKey: 'liability',
    cell: (r) => <Money pence={r.liabilityPence} />,
    csv: (r) => formatPence(r.liabilityPence),
  },
  {
    id: 'updated',
    header: 'Last movement',
    sortKey: 'updated',
    width: 156,
    cell: (r) => <DateTime ms={r.updatedAt} />,
    csv: (r) => formatInstant(r.updatedAt),
  },
];

export function CreditsPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const page = readPage(params);
  const sort = readSort(params, CREDIT_SORTS, { column: 'liability', direction: 'desc' });
  const q = params.get('q') ?? '';
  const instructor = params.get('instructor') ?? '';
  const raw = params.get('state');
  const state = raw === 'remaining' || raw === 'used_up' ? raw : null;
  const openId = params.get('id');
  const mayImport = canAccess('completions.import', role);
  const [importing, setImporting] = useState(false);

  const input = useMemo(
    (): InputOf<'credits.list'> => ({
      page,
      pageSize: PAGE_SIZE,
      sort,
      ...(q ? { q } : {}),
      ...(isUuid(instructor) ? { instructorId: instructor } : {}),
      ...(state ? { state } : {}),
    }),
    [page, sort, q, instructor, state],
  );
  const list = useQueryMethod('credits.list', input, { placeholderData: (prev) => prev });
  const facets = useQueryMethod('payments.facets', {});
  const instructorName = facets.data?.instructors.find((i) => i.id === instructor)?.name ?? null;
  const anyFilter = FILTER_KEYS.some((k) => params.get(k));
  const { filter, search } = useFilterSetters(setParams);
  const [learnerId, instructorId] = (openId ?? '').split(':');

  return (
    <div className="page">
      <PageHeader
        title="Credits"
        description="Prepaid hours each learner holds with each instructor, what they used and what the platform still owes in lessons."
        actions={
          mayImport ? (
            <button type="button" className="button button--primary" onClick={() => setImporting(true)}>
              Import completions
            </button>
          ) : null
        }
      />
      <CompletionsNotice what="Hours used and the liability are" />
      <CreditTotals totals={list.data?.totals} scope={instructorName} />
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox
          value={q}
          onSearch={search}
          label="Search credits"
          placeholder="Learner, email or instructor"
        />
        <ChipSelect
          label="Instructor"
          value={instructor}
          onChange={filter('instructor')}
          options={(facets.data?.instructors ?? []).map((i) => ({ value: i.id, label: i.name }))}
        />
        <ChipSelect
          label="Hours"
          value={state ?? ''}
          onChange={filter('state')}
          options={[
            { value: 'remaining', label: 'some left' },
            { value: 'used_up', label: 'none left' },
          ]}
        />
        <ClearFilters keys={FILTER_KEYS} params={params} setParams={setParams} />
      </div>
      <DataTable
        label="Credits"
        columns={creditColumns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams })}
        emptyTitle={anyFilter ? 'No credits match these filters' : 'No credits yet'}
        emptyMessage={
          anyFilter
            ? 'Clear a filter to see every learner and instructor.'
            : 'Credits appear once Stripe is connected and sync has read the learners’ payments.'
        }
        exportName="credits"
      />
      {learnerId && instructorId && isUuid(learnerId) && isUuid(instructorId) ? (
        <CreditDrawer
          key={openId}
          learnerId={learnerId}
          instructorId={instructorId}
          role={role}
          onClose={() => setParams({ id: undefined })}
        />
      ) : null}
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
