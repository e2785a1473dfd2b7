// Refunds: the approval queue first (oldest first, with who may decide), then every refund — console requests and
// refunds made in the Stripe Dashboard — with filters kept in the route, then the disputes and (finance, manager)
// the clawbacks from instructors.
import { useMemo, useState } from 'react';
import { REFUND_STATUSES, type RefundRow, type RefundStatus } from '@shared/contract/refunds';
import type { Role } from '@shared/contract';
import { canAccess, useQueryMethod } from '../../lib/api';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { ClearFilters } from '../../lib/ClearFilters';
import { PageHeader } from '../../app/PageHeader';
import { ChipSelect, DataTable, SearchBox } from '../../components/ui';
import { useNow } from '../sync/time';
import { ClawbacksSection } from './ClawbacksSection';
import { DecideDialog } from './DecideDialog';
import { DisputesSection } from './DisputesSection';
import { RequestRefundDialog } from './RequestRefundDialog';
import { allColumns, queueColumns } from './RefundsTable';
import { REFUND_STATUS } from './labels';

const FILTER_KEYS = ['status', 'origin', 'q'] as const;
const SORTS = ['created', 'amount'] as const;
const PAGE_SIZE = 50;

export function RefundsPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const now = useNow(30_000);
  const [deciding, setDeciding] = useState<{ row: RefundRow; decision: 'approve' | 'reject' } | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [queuePage, setQueuePage] = useState(1);
  const page = readPage(params);
  const sort = readSort(params, SORTS, { column: 'created', direction: 'desc' });
  const status = REFUND_STATUSES.find((s) => s === params.get('status')) as RefundStatus | undefined;
  const origin =
    params.get('origin') === 'request' || params.get('origin') === 'external' ? params.get('origin') : null;
  const q = params.get('q') ?? '';
  const queue = useQueryMethod(
    'refunds.list',
    { status: 'requested', page: queuePage, pageSize: 20, sort: { column: 'created', direction: 'asc' } },
    { placeholderData: (prev) => prev },
  );
  const input = useMemo(
    () => ({
      page,
      pageSize: PAGE_SIZE,
      sort,
      ...(status ? { status } : {}),
      ...(origin ? { origin: origin as 'request' | 'external' } : {}),
      ...(q ? { q } : {}),
    }),
    [page, sort, status, origin, q],
  );
  const list = useQueryMethod('refunds.list', input, { placeholderData: (prev) => prev });
  const { filter, search } = useFilterSetters(setParams);
  const anyFilter = FILTER_KEYS.some((k) => params.get(k));
  const columns = useMemo(() => queueColumns(now, (row, decision) => setDeciding({ row, decision })), [now]);
  return (
    <div className="page page--scroll">
      <PageHeader
        title="Refunds"
        description="Requests wait here for approval; above the limit a second person in finance or a manager approves. Approved refunds go to Stripe at once."
        actions={
          canAccess('refunds.request', role) ? (
            <button type="button" className="button button--primary" onClick={() => setRequesting(true)}>
              Request a refund
            </button>
          ) : null
        }
      />
      <section aria-labelledby="queue-title" className="page-section">
        <h2 id="queue-title" className="section-title">
          Awaiting approval <span className="muted">({queue.data?.total ?? 0})</span>
        </h2>
        <DataTable
          label="Refunds awaiting approval"
          columns={columns}
          rows={queue.data?.rows}
          getRowId={(r) => r.id}
          total={queue.data?.total ?? 0}
          page={queuePage}
          pageSize={20}
          onPageChange={setQueuePage}
          loading={queue.isFetching}
          keyboard={false}
          emptyTitle="Nothing awaits approval"
          emptyMessage="Requests made from a payment’s drawer or with “Request a refund” appear here, oldest first."
        />
      </section>
      <section aria-labelledby="all-title" className="page-section">
        <h2 id="all-title" className="section-title">
          All refunds
        </h2>
        <div className="chips" role="group" aria-label="Filters">
          <SearchBox
            value={q}
            onSearch={search}
            label="Search refunds"
            placeholder="Learner, operator, pi_… or re_… id"
          />
          <ChipSelect
            label="Status"
            value={status ?? ''}
            onChange={filter('status')}
            options={REFUND_STATUSES.map((s) => ({ value: s, label: REFUND_STATUS[s].label }))}
          />
          <ChipSelect
            label="Made in"
            value={origin ?? ''}
            onChange={filter('origin')}
            options={[
              { value: 'request', label: 'The console' },
              { value: 'external', label: 'Stripe Dashboard' },
            ]}
          />
          <ClearFilters keys={FILTER_KEYS} params={params} setParams={setParams} />
        </div>
        <DataTable
          label="All refunds"
          columns={allColumns}
          {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId: null, setParams })}
          onRowOpen={undefined}
          emptyTitle={anyFilter ? 'No refunds match these filters' : 'No refunds yet'}
          emptyMessage={
            anyFilter ? 'Clear a filter.' : 'Refunds requested here and refunds made in Stripe appear here.'
          }
          exportName="refunds"
        />
      </section>
      <DisputesSection role={role} />
      <ClawbacksSection role={role} />
      {deciding ? (
        <DecideDialog row={deciding.row} decision={deciding.decision} onClose={() => setDeciding(null)} />
      ) : null}
      {requesting ? <RequestRefundDialog paymentId={null} onClose={() => setRequesting(false)} /> : null}
    </div>
  );
}
