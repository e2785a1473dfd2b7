// The console's table: TanStack Table (v9) with server-side paging and sorting, virtualized rows, sticky header,
// keyboard navigation (j/k move, Enter opens, / focuses the page search), skeleton/empty/error states and CSV export.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import {
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ApiError } from '@shared/contract';
import { toCsv } from '@shared/csv';
import { downloadCsv } from '../../lib/csv';
import { formatCount } from '../../lib/format';
import { EmptyState, ErrorState } from './States';
import { HiddenSort } from './HiddenSort';

export interface DataColumn<T extends RowData> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The server's sort column; when set, the header sorts by it. */
  sortKey?: string;
  /** First direction when this column becomes the sort (default: descending). */
  sortDescFirst?: boolean;
  /** What the order is called where the header is not shown (default: the header), e.g. `Created` for `Created by`. */
  sortLabel?: string;
  align?: 'left' | 'right';
  /** Width in pixels; a column without one (a name) shares the room the others leave, at least 120 px. */
  width?: number;
  /** Left out while the table is narrower than this many pixels, so the name columns keep their room. */
  hideBelow?: number;
  /** Shown only while the table is narrower than this: the narrow form of a column left out below the same width. */
  showBelow?: number;
  /** The cell in a CSV export (a number stays a number; text that looks like a formula is defused by `toCsv`);
   *  columns without it are left out of the export. */
  csv?: (row: T) => string | number;
}

export type ExportFormat = 'csv' | 'xlsx';

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

export interface DataTableProps<T extends RowData> {
  /** Accessible name of the grid. */
  label: string;
  columns: DataColumn<T>[];
  rows: T[] | undefined;
  getRowId: (row: T) => string;
  total: number;
  /** More than `total` rows match (the server stopped counting): shown as "10,000+", the last page unknown. */
  totalCapped?: boolean;
  /** 1-based page number, owned by the parent. */
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  sort?: SortState | undefined;
  onSortChange?: (sort: SortState) => void;
  onRowOpen?: (row: T) => void;
  /** The row whose detail is open, highlighted. */
  openRowId?: string | null | undefined;
  loading?: boolean;
  error?: ApiError | null | undefined;
  onRetry?: () => void;
  emptyTitle?: string;
  emptyMessage?: ReactNode;
  /** File name (without extension) for "Export CSV" of the page on screen; no button without it or `onExportAll`. */
  exportName?: string;
  /** Exports every matching row (a file main makes) instead of the page on screen: one button per format
   *  (`formats`, CSV alone when not given), each calling `run` with its format. */
  exportAll?: {
    run: (format: ExportFormat) => Promise<void>;
    exporting: boolean;
    formats?: readonly ExportFormat[];
  };
  /** Listen for j/k/Enter and / on the document (one table per page should). */
  keyboard?: boolean;
  rowHeight?: number;
}

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const SKELETON_ROWS = 8;
/** The least room a column without a width (a name) keeps: below it the table scrolls sideways instead. */
const MIN_FREE_COLUMN = 120;

/** The table's least width: its fixed columns, and room for each one without a width. */
export function tableMinWidth(columns: { width?: number }[]): number {
  return columns.reduce((sum, c) => sum + (c.width ?? MIN_FREE_COLUMN), 0);
}

/** The columns a table shows at a width (null before it is measured: the wide forms). */
export function columnsAt<C extends Pick<DataColumn<RowData>, 'hideBelow' | 'showBelow'>>(
  columns: C[],
  width: number | null,
): C[] {
  return columns.filter((c) =>
    width === null
      ? !c.showBelow
      : (!c.hideBelow || width >= c.hideBelow) && (!c.showBelow || width < c.showBelow),
  );
}

/** A cell cut short by its column shows its whole text on hover. */
function titleWhenCut(event: MouseEvent<HTMLTableCellElement>) {
  const cell = event.currentTarget;
  if (!cell.title && cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent ?? '';
}

/** An element's content width as it changes, a scrollbar left out (null until measured, and where there is no
 *  ResizeObserver). */
function useWidth(el: HTMLElement | null): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const {
    label,
    columns: allColumns,
    rows,
    getRowId,
    total,
    totalCapped = false,
    page,
    pageSize,
    onPageChange,
    sort,
    onSortChange,
    onRowOpen,
    openRowId,
    loading = false,
    error,
    onRetry,
    emptyTitle = 'Nothing here yet',
    emptyMessage,
    exportName,
    exportAll,
    keyboard = true,
    rowHeight = 34,
  } = props;

  // The room the rows have: the scroll box's, less its vertical scrollbar where the system draws one.
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollBox, setScrollBox] = useState<HTMLDivElement | null>(null);
  const scrollBoxRef = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    setScrollBox(el);
  }, []);
  const width = useWidth(scrollBox);
  const columns = useMemo(() => columnsAt(allColumns, width), [allColumns, width]);
  const data = useMemo(() => rows ?? [], [rows]);
  const columnDefs = useMemo(
    () =>
      columns.map((c): ColumnDef<typeof features, T, unknown> => ({
        id: c.id,
        accessorFn: (row: T) => row as unknown,
        header: c.header,
        cell: (ctx) => c.cell(ctx.row.original),
        enableSorting: Boolean(c.sortKey && onSortChange),
        sortDescFirst: c.sortDescFirst ?? true,
      })),
    [columns, onSortChange],
  );

  const sorting = useMemo<SortingState>(() => {
    if (!sort) return [];
    const col = columns.find((c) => c.sortKey === sort.column);
    return col ? [{ id: col.id, desc: sort.direction === 'desc' }] : [];
  }, [sort, columns]);
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: Math.max(0, page - 1), pageSize }),
    [page, pageSize],
  );

  const handleSorting = useCallback(
    (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      const col = next ? columns.find((c) => c.id === next.id) : undefined;
      if (col?.sortKey && onSortChange)
        onSortChange({ column: col.sortKey, direction: next!.desc ? 'desc' : 'asc' });
    },
    [sorting, columns, onSortChange],
  );
  const handlePagination = useCallback(
    (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      if (next.pageIndex !== pagination.pageIndex) onPageChange(next.pageIndex + 1);
    },
    [pagination, onPageChange],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data,
    getRowId: (row: T) => getRowId(row),
    state: { sorting, pagination },
    onSortingChange: handleSorting,
    onPaginationChange: handlePagination,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount: total,
  });

  const tableRows = table.getRowModel().rows;
  const theadRef = useRef<HTMLTableSectionElement>(null);
  // Rows start below the sticky header, which also covers the top of the viewport when scrolling to a row.
  const headerHeight = theadRef.current?.offsetHeight || 32;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    overscan: 12,
    getItemKey: (index) => tableRows[index]?.id ?? index,
  });

  const [active, setActive] = useState(-1);
  const activeIndex = Math.min(active, tableRows.length - 1);

  const open = useCallback(
    (index: number) => {
      const row = tableRows[index];
      if (!row) return;
      setActive(index);
      onRowOpen?.(row.original);
    },
    [tableRows, onRowOpen],
  );

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      if (event.key === '/' && !isTypingTarget(event.target)) {
        const search = document.querySelector<HTMLElement>('[data-page-search]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
        return;
      }
      if (isTypingTarget(event.target) || tableRows.length === 0) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const next =
          event.key === 'j' ? Math.min(activeIndex + 1, tableRows.length - 1) : Math.max(activeIndex - 1, 0);
        setActive(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
        // With a detail open, the drawer follows the active row.
        if (openRowId && tableRows[next] && tableRows[next].id !== openRowId)
          onRowOpen?.(tableRows[next].original);
        // Keyboard focus follows the table, so Enter opens the row rather than re-pressing the last button.
        if (!scrollRef.current?.contains(document.activeElement))
          scrollRef.current?.focus({ preventScroll: true });
      } else if (event.key === 'Enter' && activeIndex >= 0) {
        const target = event.target as HTMLElement | null;
        const interactive =
          target &&
          target !== document.body &&
          !target.closest('.datatable') &&
          target.closest('button, a, [role="button"]');
        if (interactive) return;
        event.preventDefault();
        open(activeIndex);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [keyboard, tableRows, activeIndex, open, virtualizer, openRowId, onRowOpen]);

  const exportCsv = () => {
    const exportable = allColumns.filter((c) => c.csv);
    const csv = toCsv(
      exportable.map((c) => c.header),
      data.map((row) => exportable.map((c) => c.csv!(row))),
    );
    downloadCsv(`${exportName ?? 'export'}-page-${page}.csv`, csv);
  };

  // Virtual rows; when the container has no measured size (tests, first paint) every row is rendered.
  const virtualItems = virtualizer.getVirtualItems();
  const useVirtual = virtualItems.length > 0;
  const items = useVirtual
    ? virtualItems
    : tableRows.map((_, index) => ({ index, start: index * rowHeight, end: (index + 1) * rowHeight }));
  const padTop = useVirtual && items.length ? items[0]!.start - headerHeight : 0;
  const padBottom =
    useVirtual && items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const pageCount = table.getPageCount();
  const firstShown = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastShown = Math.min(total, (page - 1) * pageSize + data.length);
  const showSkeleton = loading && !rows;
  const colCount = columns.length;

  return (
    <div className="datatable">
      {error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : (
        <div
          className="datatable__scroll"
          ref={scrollBoxRef}
          tabIndex={0}
          aria-label={`${label} rows`}
          role="region"
        >
          <table
            className={`table${loading && rows ? ' table--refreshing' : ''}`}
            role="grid"
            aria-label={label}
            aria-rowcount={totalCapped ? -1 : total + 1}
            aria-busy={loading || undefined}
            style={{ minWidth: tableMinWidth(columns) }}
          >
            <colgroup>
              {columns.map((c) => (
                <col key={c.id} style={c.width !== undefined ? { width: c.width } : undefined} />
              ))}
            </colgroup>
            <thead ref={theadRef}>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header, i) => {
                    const col = columns[i]!;
                    const sorted = header.column.getIsSorted();
                    const align = col.align === 'right' ? ' cell--right' : '';
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={`${align}${sorted ? ' th--sorted' : ''}`}
                        aria-sort={
                          sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                        }
                      >
                        {header.column.getCanSort() ? (
                          <button
                            type="button"
                            className="th__sort"
                            onClick={() =>
                              header.column.toggleSorting(
                                sorted ? sorted === 'asc' : (col.sortDescFirst ?? true),
                                false,
                              )
                            }
                          >
                            <table.FlexRender header={header} />
                            <span className="th__arrow" aria-hidden="true">
                              {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : '↕'}
                            </span>
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {showSkeleton
                ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                    <tr key={`skeleton-${i}`} className="row--skeleton" aria-hidden="true">
                      {columns.map((c) => (
                        <td key={c.id}>
                          <div className="skeleton" />
                        </td>
                      ))}
                    </tr>
                  ))
                : null}
              {!showSkeleton && tableRows.length === 0 ? (
                <tr>
                  <td colSpan={colCount} className="cell--empty">
                    <EmptyState title={emptyTitle}>{emptyMessage}</EmptyState>
                  </td>
                </tr>
              ) : null}
              {padTop > 0 ? (
                <tr aria-hidden="true" className="row--spacer">
                  <td colSpan={colCount} style={{ height: padTop }} />
                </tr>
              ) : null}
              {!showSkeleton &&
                items.map((item) => {
                  const row = tableRows[item.index]!;
                  const isActive = item.index === activeIndex;
                  const isOpen = openRowId !== undefined && openRowId === row.id;
                  return (
                    <tr
                      key={row.id}
                      data-index={item.index}
                      aria-rowindex={(page - 1) * pageSize + item.index + 2}
                      aria-selected={isActive || isOpen}
                      className={`row${onRowOpen ? ' row--clickable' : ''}${isActive ? ' row--active' : ''}${isOpen ? ' row--open' : ''}`}
                      style={{ height: rowHeight }}
                      onClick={() => open(item.index)}
                    >
                      {row.getAllCells().map((cell, i) => (
                        <td
                          key={cell.id}
                          className={columns[i]!.align === 'right' ? 'cell--right' : undefined}
                          onMouseEnter={titleWhenCut}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              {padBottom > 0 ? (
                <tr aria-hidden="true" className="row--spacer">
                  <td colSpan={colCount} style={{ height: padBottom }} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
      <div className="datatable__footer">
        <span className="datatable__count" aria-live="polite">
          {showSkeleton
            ? 'Loading…'
            : `${formatCount(firstShown)}–${formatCount(lastShown)} of ${formatCount(total)}${totalCapped ? '+' : ''}`}
        </span>
        <div className="datatable__footer-actions">
          {onSortChange ? (
            <HiddenSort columns={allColumns} shown={columns} sort={sort} onSortChange={onSortChange} />
          ) : null}
          {exportAll ? (
            (exportAll.formats ?? (['csv'] as const)).map((format) => (
              <button
                key={format}
                type="button"
                className="button button--small"
                onClick={() => void exportAll.run(format)}
                disabled={exportAll.exporting || total === 0}
                title={`Every matching row (not only this page) as ${format === 'csv' ? 'a CSV' : 'an Excel'} file`}
              >
                {exportAll.exporting ? 'Exporting…' : `Export ${format.toUpperCase()}`}
              </button>
            ))
          ) : exportName ? (
            <button
              type="button"
              className="button button--small"
              onClick={exportCsv}
              disabled={data.length === 0}
            >
              Export CSV
            </button>
          ) : null}
          <Pager
            page={page}
            pageCount={pageCount}
            more={totalCapped}
            onPage={(p) => table.setPageIndex(p - 1)}
          />
        </div>
      </div>
    </div>
  );
}

/** Page buttons: all of a few pages, else the first, the last and the current one's neighbours. With `more`,
 *  the last page is unknown: no button for it, a trailing gap instead. */
function pageList(page: number, count: number, more: boolean): (number | 'gap')[] {
  if (count <= 7 && !more) return Array.from({ length: count }, (_, i) => i + 1);
  const ends = more ? [1] : [1, count];
  const pages = new Set([...ends, page - 1, page, page + 1].filter((p) => p >= 1 && p <= count));
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && p - prev > 1) out.push('gap');
    out.push(p);
  }
  if (more) out.push('gap');
  return out;
}

function Pager({
  page,
  pageCount,
  more,
  onPage,
}: {
  page: number;
  pageCount: number;
  more: boolean;
  onPage: (page: number) => void;
}) {
  if (pageCount <= 1 && !more) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        className="pager__button"
        onClick={() => onPage(page - 1)}
        disabled={page <= 1}
        aria-label="Previous page"
      >
        ‹
      </button>
      {pageList(page, pageCount, more).map((p, i) =>
        p === 'gap' ? (
          <span key={`gap-${i}`} className="pager__gap" aria-hidden="true">
            …
          </span>
        ) : (
          <button
            key={p}
            type="button"
            className={`pager__button${p === page ? ' pager__button--current' : ''}`}
            aria-current={p === page ? 'page' : undefined}
            aria-label={`Page ${p}`}
            onClick={() => onPage(p)}
          >
            {p}
          </button>
        ),
      )}
      <button
        type="button"
        className="pager__button"
        onClick={() => onPage(page + 1)}
        disabled={page >= pageCount && !more}
        aria-label="Next page"
      >
        ›
      </button>
    </nav>
  );
}
