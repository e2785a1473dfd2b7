// The audit log: filters as chips (kept in the route), a paged and sorted table, the entry drawer and chain verification.
import { idSearch, isUuid } from '@shared/ids';
import { useMemo } from 'react';
import type { AuditEntry } from '@shared/contract/audit';
import { ISO_DATE } from '@shared/dates';
import { actionName, entityName } from '@shared/names';
import { useInvoke, useQueryMethod } from '../../lib/api';
import { useListExport } from '../../lib/use-list-export';
import { readPage, readSort, routedTableProps, useFilterSetters } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import {
  Badge,
  ChipSelect,
  Coded,
  DataTable,
  DateRangePicker,
  DateTime,
  Id,
  SearchBox,
  type DataColumn,
} from '../../components/ui';
import { AuditDrawer } from './AuditDrawer';
import { actorLabel, batchSummary, isSyncBatch } from './labels';
import { ChainResult, useVerifyChain, VerifyChainButton } from './VerifyChain';
import { diffValues } from './diff';

const SORTS = ['seq', 'entity_type', 'action'] as const;
const PAGE_SIZE = 50;

function changedKeys(e: AuditEntry): string {
  if (isSyncBatch(e)) return batchSummary(e);
  const keys = diffValues(e.oldValues, e.newValues)
    .filter((r) => r.kind !== 'unchanged')
    .map((r) => r.key);
  return keys.join(', ');
}

export const auditColumns: DataColumn<AuditEntry>[] = [
  {
    id: 'time',
    header: 'Time',
    sortKey: 'seq',
    width: 160,
    cell: (e) => <DateTime ms={e.createdAt} />,
  },
  {
    id: 'who',
    header: 'Who',
    width: 150,
    // An operator by name; Stripe sync and the system as a badge, so they stand apart from people.
    cell: (e) =>
      e.actor === 'operator' ? (
        <span title={actorLabel(e)}>{actorLabel(e)}</span>
      ) : (
        <Badge tone="blue" title={actorLabel(e)}>
          {actorLabel(e)}
        </Badge>
      ),
  },
  {
    id: 'action',
    header: 'Action',
    sortKey: 'action',
    sortDescFirst: false,
    cell: (e) => <Coded name={actionName(e.action)} code={e.action} />,
  },
  {
    id: 'entity',
    header: 'Entity',
    sortKey: 'entity_type',
    sortDescFirst: false,
    width: 140,
    cell: (e) => <Coded name={entityName(e.entityType)} code={e.entityType} />,
  },
  {
    id: 'entityId',
    header: 'Entity id',
    width: 150,
    cell: (e) => <Id value={e.entityId} label={`${entityName(e.entityType)} id`} />,
  },
  {
    id: 'changes',
    header: 'Changed',
    // The drawer shows every change with its old and new value.
    hideBelow: 950,
    cell: (e) => <span className="muted">{changedKeys(e)}</span>,
  },
  {
    id: 'seq',
    header: '#',
    align: 'right',
    width: 72,
    // A narrow table gives its room to what changed: the sequence and hash are in the drawer and every export.
    hideBelow: 950,
    cell: (e) => <span className="muted">{e.seq}</span>,
  },
  {
    // Each entry's chain hash, on screen and in every export: a copy kept elsewhere shows a later rewrite or cut.
    id: 'hash',
    header: 'Hash',
    width: 150,
    hideBelow: 1100,
    cell: (e) => <Id value={e.hash} head={6} tail={4} label="hash" />,
  },
];

export function AuditPage() {
  const [params, setParams] = useRouteParams();
  const page = readPage(params);
  const sort = readSort(params, SORTS, { column: 'seq', direction: 'desc' });
  const entityType = params.get('entity') ?? '';
  const action = params.get('action') ?? '';
  const operatorId = params.get('operator') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const q = params.get('q') ?? '';
  const openId = params.get('id');

  const filters = useMemo(
    () => ({
      ...(entityType ? { entityType } : {}),
      ...(action ? { action } : {}),
      ...(isUuid(operatorId) ? { operatorId } : {}),
      ...(ISO_DATE.test(from) ? { from } : {}),
      ...(ISO_DATE.test(to) ? { to } : {}),
      ...(q ? { q } : {}),
    }),
    [entityType, action, operatorId, from, to, q],
  );
  const input = useMemo(() => ({ page, pageSize: PAGE_SIZE, sort, ...filters }), [page, sort, filters]);
  const list = useQueryMethod('audit.list', input, { placeholderData: (prev) => prev });
  const invoke = useInvoke();
  const exportAll = useListExport('the audit log', (format) =>
    invoke('audit.export', { ...filters, format }),
  );
  const facets = useQueryMethod('audit.facets', {});
  const verify = useVerifyChain();
  const selected = list.data?.rows.find((e) => e.id === openId) ?? null;
  const anyFilter = Boolean(entityType || action || operatorId || from || to || q);

  const { filter, search } = useFilterSetters(setParams);

  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        description="Every change made through the console or by sync, append-only and hash-chained."
        actions={<VerifyChainButton verify={verify} />}
      />
      <ChainResult verify={verify} />
      <div className="chips" role="group" aria-label="Filters">
        <SearchBox
          value={q}
          onSearch={search}
          label="Search the audit log"
          placeholder="Search values, ids, names"
        />
        <ChipSelect
          label="Entity"
          value={entityType}
          onChange={filter('entity')}
          options={(facets.data?.entityTypes ?? []).map((v) => ({ value: v, label: entityName(v) }))}
        />
        <ChipSelect
          label="Action"
          value={action}
          onChange={filter('action')}
          options={(facets.data?.actions ?? []).map((v) => ({ value: v, label: actionName(v) }))}
        />
        <ChipSelect
          label="Operator"
          value={operatorId}
          onChange={filter('operator')}
          options={(facets.data?.operators ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <DateRangePicker
          label="Date"
          value={{ from: from || undefined, to: to || undefined }}
          onChange={(r) => setParams({ from: r.from, to: r.to, page: undefined })}
        />
        {anyFilter ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setParams({
                entity: undefined,
                action: undefined,
                operator: undefined,
                from: undefined,
                to: undefined,
                q: undefined,
                page: undefined,
              });
            }}
          >
            Clear all
          </button>
        ) : null}
      </div>
      {q && idSearch(q) ? (
        <p className="search-note muted">
          Searching for an id: entries whose entity id or values hold an id that is, or starts with, “{q}”,
          capitals as typed, and sync batches that changed such an entity or wrote for such a Stripe object (a
          payment’s PaymentIntent). An id inside a longer word is not found.
        </p>
      ) : null}
      <DataTable
        label="Audit log"
        columns={auditColumns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams })}
        emptyTitle={anyFilter ? 'No entries match these filters' : 'No audit entries yet'}
        emptyMessage={
          anyFilter
            ? 'Clear a filter or widen the date range.'
            : 'Every change made in the console is recorded here as it happens.'
        }
        exportAll={exportAll}
      />
      <AuditDrawer
        entry={selected}
        onClose={() => setParams({ id: undefined })}
        search={{ q: idSearch(q) ?? undefined, entityType: entityType || undefined }}
      />
    </div>
  );
}
