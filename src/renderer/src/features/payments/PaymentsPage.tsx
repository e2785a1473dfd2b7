// Payments: filters as chips kept in the route, the server-paged and sorted table with the split, and the payment drawer.
import { isUuid } from '@shared/ids';
import { useMemo } from 'react';
import {
  PAYMENT_STATUSES,
  PAYMENT_TYPES,
  type PaymentListRow,
  type PaymentStatus,
  type PaymentType,
} from '@shared/contract/payments';
import { ISO_DATE } from '@shared/dates';
import { formatPence } from '@shared/money';
import { useInvoke, useQueryMethod } from '../../lib/api';
import { useListExport } from '../../lib/use-list-export';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { usePageCursor } from '../../lib/page-cursor';
import { useRouteParams } from '../../lib/router';
import { ClearFilters } from '../../lib/ClearFilters';
import { PageHeader } from '../../app/PageHeader';
import {
  Badge,
  ChipSelect,
  DataTable,
  DateRangePicker,
  DateTime,
  ListTotals,
  Money,
  SearchBox,
  type DataColumn,
} from '../../components/ui';
import { PaymentDrawer } from './PaymentDrawer';
import { STATUS, TYPE } from './labels';
import { useStripeNote } from '../sync/stripe-note';

const SORTS = ['created_at', 'total', 'status'] as const;
const PAGE_SIZE = 50;
const FILTER_KEYS = ['status', 'type', 'instructor', 'code', 'from', 'to', 'q'] as const;

const money = (
  id: string,
  header: string,
  pick: (p: PaymentListRow) => number,
  more: Partial<DataColumn<PaymentListRow>> = {},
) =>
  ({
    id,
    header,
    align: 'right',
    width: 88,
    ...more,
    cell: (p) =>
      pick(p) === 0 && id !== 'total' ? <span className="muted">—</span> : <Money pence={pick(p)} />,
  }) satisfies DataColumn<PaymentListRow>;

export const paymentColumns: DataColumn<PaymentListRow>[] = [
  {
    id: 'created',
    header: 'Created',
    sortKey: 'created_at',
    width: 160,
    cell: (p) => <DateTime ms={p.createdAt} />,
  },
  {
    id: 'learner',
    header: 'Learner',
    cell: (p) => <span title={`${p.learner.name} · ${p.learner.email}`}>{p.learner.name}</span>,
  },
  {
    id: 'instructor',
    header: 'Instructor',
    cell: (p) => p.instructor.name,
  },
  money('total', 'Total', (p) => p.totalPence, { sortKey: 'total' }),
  // A narrow table keeps its room for the names: the split, type and code are in the drawer and the totals line.
  money('instructorShare', 'Instr.', (p) => p.instructorPence, { hideBelow: 1150 }),
  money('fee', 'Fee', (p) => p.feePence, { hideBelow: 900 }),
  {
    id: 'status',
    header: 'Status',
    sortKey: 'status',
    sortDescFirst: false,
    width: 132,
    // What was refunded shows on hover (the drawer lists each refund; the totals line sums them).
    cell: (p) => (
      <span title={p.refundedPence ? `Refunded ${formatPence(p.refundedPence)}` : undefined}>
        <Badge tone={STATUS[p.status].tone}>{STATUS[p.status].label}</Badge>
      </span>
    ),
  },
  {
    id: 'type',
    header: 'Type',
    width: 148,
    hideBelow: 820,
    cell: (p) => (
      <span>
        {TYPE[p.type]} <span className="muted">· {p.hours} h</span>
      </span>
    ),
  },
  {
    id: 'code',
    header: 'Code',
    width: 120,
    hideBelow: 1000,
    cell: (p) => (p.code ? <code className="tag">{p.code}</code> : <span className="muted">—</span>),
  },
];

/** The most payments the pager names exactly (see `exact` below). */
const EXACT_PAGER_ROWS = 100_000;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export function PaymentsPage() {
  const [params, setParams] = useRouteParams();
  const stripeNote = useStripeNote('payments');
  const page = readPage(params);
  const sort = readSort(params, SORTS, { column: 'created_at', direction: 'desc' });
  const status = oneOf<PaymentStatus>(PAYMENT_STATUSES, params.get('status'));
  const type = oneOf<PaymentType>(PAYMENT_TYPES, params.get('type'));
  const instructor = params.get('instructor') ?? '';
  const code = params.get('code') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const q = params.get('q') ?? '';
  const openId = params.get('id');

  const filters = useMemo(
    () => ({
      ...(status ? { status } : {}),
      ...(type ? { type } : {}),
      ...(isUuid(instructor) ? { instructorId: instructor } : {}),
      ...(code ? { code } : {}),
      ...(ISO_DATE.test(from) ? { from } : {}),
      ...(ISO_DATE.test(to) ? { to } : {}),
      ...(q ? { q } : {}),
    }),
    [status, type, instructor, code, from, to, q],
  );
  // Next and previous seek from the row on screen (a broad search's deep pages would otherwise test every row before).
  const paging = usePageCursor(page, JSON.stringify([sort, filters]));
  const { cursor } = paging;
  const input = useMemo(
    () => ({ page, pageSize: PAGE_SIZE, sort, ...filters, ...(cursor ? { cursor } : {}) }),
    [page, sort, filters, cursor],
  );
  const list = useQueryMethod('payments.list', input, { placeholderData: (prev) => prev });
  const totals = useQueryMethod('payments.totals', filters, { placeholderData: (prev) => prev });
  // A broad search's totals are a lower bound of the count alone (no sums).
  const sums = totals.data && !('capped' in totals.data) ? totals.data : undefined;
  const routed = routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams });
  const table = {
    ...routed,
    onPageChange: (p: number) => {
      paging.step(p, list.isPlaceholderData ? undefined : list.data?.rows);
      routed.onPageChange(p);
    },
  };
  // The list stops counting at 10,000 rows; the totals line beside it counts them all, so the pager says the same —
  // up to EXACT_PAGER_ROWS: past it a jump to the last pages is a long OFFSET walk (0.5–3 s at 1M payments).
  const exact =
    table.totalCapped && sums && !totals.isPlaceholderData && sums.count <= EXACT_PAGER_ROWS
      ? { total: sums.count, totalCapped: false }
      : {};
  const invoke = useInvoke();
  const exportAll = useListExport('the payments', (format) =>
    invoke('payments.export', { ...filters, format }),
  );
  const facets = useQueryMethod('payments.facets', {});
  const anyFilter = FILTER_KEYS.some((k) => params.get(k));

  const { filter, search } = useFilterSetters(setParams);

  return (
    <div className="page">
      <PageHeader
        title="Payments"
        description="Every learner payment synced from Stripe, with its split into instructor share and platform fee."
      />
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox
          value={q}
          onSearch={search}
          label="Search payments"
          placeholder="Learner, email or pi_… id"
        />
        <ChipSelect
          label="Status"
          value={status ?? ''}
          onChange={filter('status')}
          options={PAYMENT_STATUSES.map((s) => ({ value: s, label: STATUS[s].label }))}
        />
        <ChipSelect
          label="Type"
          value={type ?? ''}
          onChange={filter('type')}
          options={PAYMENT_TYPES.map((t) => ({ value: t, label: TYPE[t] }))}
        />
        <ChipSelect
          label="Instructor"
          value={instructor}
          onChange={filter('instructor')}
          options={(facets.data?.instructors ?? []).map((i) => ({ value: i.id, label: i.name }))}
        />
        <ChipSelect
          label="Code"
          value={code}
          onChange={filter('code')}
          options={(facets.data?.codes ?? []).map((c) => ({ value: c, label: c }))}
        />
        <DateRangePicker
          label="Created"
          value={{ from: from || undefined, to: to || undefined }}
          onChange={(r) => setParams({ from: r.from, to: r.to, page: undefined })}
        />
        <ClearFilters keys={FILTER_KEYS} params={params} setParams={setParams} />
      </div>
      <ListTotals
        noun={['payment', 'payments']}
        totals={totals.data}
        sums={[
          { label: 'Total', pence: sums?.totalPence },
          { label: 'Instructors', pence: sums?.instructorPence },
          { label: 'Platform fee', pence: sums?.feePence },
          { label: 'Refunded', pence: sums?.refundedPence },
        ]}
      />
      <DataTable
        label="Payments"
        columns={paymentColumns}
        {...table}
        {...exact}
        emptyTitle={anyFilter ? 'No payments match these filters' : 'No payments yet'}
        emptyMessage={anyFilter ? 'Clear a filter or widen the date range.' : stripeNote}
        exportAll={exportAll}
      />
      {openId && isUuid(openId) ? (
        <PaymentDrawer id={openId} onClose={() => setParams({ id: undefined })} />
      ) : null}
    </div>
  );
}
